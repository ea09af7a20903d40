import 'server-only';
import { getConfig } from '@/lib/server/config';
import { ConfigError } from '@/lib/schemas/config';
import { type SimulatorLogLine, createSimulatorServer } from './http-server';
import { simulatorFromConfig } from './registry';

// `npm run simulator`: the simulator over plain HTTP, so curl and other tools can use the demo
// workspace like api.instantly.ai. /api/v2/* is the API; /_control exists only with SIM_CONTROL on.

function main(): void {
  let config;
  try {
    config = getConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  const started = performance.now();
  const simulator = simulatorFromConfig(config);
  const host = config.HOST;
  const port = config.SIM_PORT;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  // SIM_LOG: one JSON line per request on stdout, for tests that check which calls were made.
  const log = config.SIM_LOG
    ? (line: SimulatorLogLine) => console.log(JSON.stringify({ sim: 'request', ...line }))
    : undefined;
  const server = createSimulatorServer(simulator, config.SIM_CONTROL, origin, log);
  server.listen(port, host, () => {
    console.log(
      `Instantly API V2 simulator listening on ${origin}/api/v2 (built in ${Math.round(performance.now() - started)} ms)`,
    );
    const workspaces = simulator.workspaces();
    for (const workspace of workspaces) {
      if (workspace.memberOf) continue;
      const clients = workspaces.filter((w) => w.memberOf?.admin === workspace.slug);
      const flag = workspace.flag ? ` [${workspace.flag}]` : '';
      const role = clients.length > 0 ? 'admin key' : 'key';
      console.log(
        `  ${workspace.slug.padEnd(16)} ${String(workspace.accounts).padStart(6)} accounts  ${role}: ${workspace.key}${flag}`,
      );
      for (const client of clients) {
        console.log(
          `    ${client.slug.padEnd(14)} ${String(client.accounts).padStart(6)} accounts  client of ${workspace.slug} (${client.memberOf?.status}), x-as-workspace: ${client.id}`,
        );
      }
    }
    console.log(
      config.SIM_CONTROL
        ? `  control: ${origin}/_control`
        : '  control: off (set SIM_CONTROL=1 to enable /_control)',
    );
  });
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal}: shutting down`);
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2_000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main();
