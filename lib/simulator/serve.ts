import 'server-only';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { getConfig } from '@/lib/server/config';
import { ConfigError } from '@/lib/schemas/config';
import { routeNotFound } from './http-responses';
import { simulatorFromConfig } from './registry';
import type { Simulator } from './types';

// `npm run simulator`: the simulator over plain HTTP, so curl and other tools can use the demo
// workspace like api.instantly.ai. /api/v2/* is the API; /_control exists only with SIM_CONTROL on.

async function toRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = req.method ?? 'GET';
  let body: string | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    // The API speaks JSON text only, so the body is passed on as a string.
    body = Buffer.concat(chunks).toString('utf8');
  }
  return new Request(new URL(req.url ?? '/', origin), { method, headers, body, signal });
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  headers['content-length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
}

export function createSimulatorServer(simulator: Simulator, controlEnabled: boolean, origin: string) {
  return createServer((req, res) => {
    // A client that goes away aborts its request, which ends a `hang` fault.
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    void (async () => {
      try {
        const request = await toRequest(req, origin, abort.signal);
        const path = new URL(request.url).pathname;
        let response: Response;
        if (path.startsWith('/api/v2/')) response = await simulator.handle(request);
        else if (path === '/_control' && controlEnabled) response = await simulator.handleControl(request);
        else response = routeNotFound(request.method, req.url ?? path);
        await writeResponse(res, response);
      } catch (error) {
        if (abort.signal.aborted) return;
        console.error('simulator server:', error);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(
          JSON.stringify({
            statusCode: 500,
            error: 'Internal Server Error',
            message: 'Internal Server Error',
          }),
        );
      }
    })();
  });
}

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
  const server = createSimulatorServer(simulator, config.SIM_CONTROL, origin);
  server.listen(port, host, () => {
    console.log(
      `Instantly API V2 simulator listening on ${origin}/api/v2 (built in ${Math.round(performance.now() - started)} ms)`,
    );
    for (const workspace of simulator.workspaces()) {
      const flag = workspace.flag ? ` [${workspace.flag}]` : '';
      console.log(
        `  ${workspace.slug.padEnd(16)} ${String(workspace.accounts).padStart(6)} accounts  key: ${workspace.key}${flag}`,
      );
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
