import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkStartupConfig } from '@/lib/server/startup-config';

// `npm start` / `npm run serve`: validate the whole configuration (and the sealing secret) before the
// server takes traffic, so a bad value stops start-up with a message naming it, then run `next start`
// bound to HOST (127.0.0.1 by default: a stored key must not be reachable from the network by accident)
// through next-server.mjs, which answers the methods Next cannot represent before Next sees them.

const checked = checkStartupConfig(process.env);
if (!checked.ok) {
  console.error(`\n${checked.message}\n`);
  process.exit(1);
}
const { config } = checked;

const server = fileURLToPath(new URL('./next-server.mjs', import.meta.url));
const child = spawn(process.execPath, [server], {
  stdio: 'inherit',
  env: {
    ...process.env,
    HOST: config.HOST,
    PORT: String(config.PORT),
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
  },
});
console.log(
  `Fleet health dashboard on http://${config.HOST}:${config.PORT}` +
    (config.DEMO_WORKSPACE ? ' (demo workspace on)' : '') +
    (config.INSTANTLY_API_KEY ? ' (server workspace configured)' : ''),
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
