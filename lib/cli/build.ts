import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

// `npm run build`: `next build` without Next's anonymous telemetry, as `npm run serve` runs it. Next has
// no config setting for this, only the environment variable, and `VAR=1 cmd` in package.json does not
// work in Windows shells, hence this wrapper. Arguments are passed through (e.g. `--debug`).
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
const child = spawn(process.execPath, [nextBin, 'build', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
