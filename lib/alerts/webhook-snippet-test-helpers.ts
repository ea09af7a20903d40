import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// The README's webhook verification snippet, extracted and run exactly as written, so the unit test
// and the e2e journey check what a receiver would copy, not a paraphrase of it.

export type VerifyFleetSignature = (
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
  toleranceSeconds?: number,
) => boolean;

export function readmeVerifySnippet(readmePath = join(process.cwd(), 'README.md')): VerifyFleetSignature {
  const readme = readFileSync(readmePath, 'utf8');
  const match =
    /<!-- webhook-verification-snippet -->\s*```js\n([\s\S]*?)```\s*<!-- \/webhook-verification-snippet -->/.exec(
      readme,
    );
  if (!match?.[1]) throw new Error('the README has no webhook verification snippet');
  const load = new Function('require', `${match[1]}\nreturn verifyFleetSignature;`) as (
    req: NodeJS.Require,
  ) => VerifyFleetSignature;
  return load(createRequire(join(process.cwd(), 'package.json')));
}
