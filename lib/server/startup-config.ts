import { ConfigError, type Config, parseConfig } from '@/lib/schemas/config';
import { SecretError, sealingKeys } from './secret';

// The whole configuration and the sealing secret, checked before a server takes traffic: by
// `npm start` before it launches Next, and by instrumentation.ts inside any Next server (`next dev`
// included), so a bad value stops start-up with a message naming it instead of failing a request.

/** The parsed configuration, or the message that says what is wrong with it. */
export function checkStartupConfig(
  env: Record<string, string | undefined>,
): { ok: true; config: Config } | { ok: false; message: string } {
  try {
    const config = parseConfig(env);
    sealingKeys({
      secret: config.DASHBOARD_SECRET,
      previousSecret: config.DASHBOARD_SECRET_PREVIOUS,
      dataDir: config.DATA_DIR,
    });
    return { ok: true, config };
  } catch (error) {
    if (error instanceof ConfigError || error instanceof SecretError)
      return { ok: false, message: error.message };
    throw error;
  }
}

/** Inside a Next server: a bad configuration ends the process here, with the message. */
export function exitOnBadConfig(env: Record<string, string | undefined>): void {
  const checked = checkStartupConfig(env);
  if (checked.ok) return;
  console.error(`\n${checked.message}\n`);
  process.exit(1);
}
