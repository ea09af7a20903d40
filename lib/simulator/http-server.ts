import 'server-only';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { routeNotFound } from './http-responses';
import type { Simulator } from './types';
import { AS_WORKSPACE_HEADER } from './workspace-group';

// The simulator behind a Node HTTP server: `npm run simulator` and the bench's stand-in Instantly both
// serve it this way, so hangs, resets and slow bodies travel over real sockets.

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

/** One request as SIM_LOG prints it: never the key, only what a test needs to check the traffic. */
export interface SimulatorLogLine {
  method: string;
  path: string;
  status: number;
  /** The `x-as-workspace` header, when the call carried one. */
  asWorkspace?: string;
}

export function createSimulatorServer(
  simulator: Simulator,
  controlEnabled: boolean,
  origin: string,
  log?: (line: SimulatorLogLine) => void,
) {
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
        if (log && path !== '/_control') {
          const asWorkspace = request.headers.get(AS_WORKSPACE_HEADER);
          log({
            method: request.method,
            path,
            status: response.status,
            ...(asWorkspace === null ? {} : { asWorkspace }),
          });
        }
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
