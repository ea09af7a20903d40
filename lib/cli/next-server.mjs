// The production server that `npm run serve` (lib/cli/start.ts) runs: Next's request handler behind a
// Node HTTP server of our own, for the one thing proxy.ts cannot do. Next turns every request into a
// fetch Request before proxy.ts runs, and fetch forbids TRACE, TRACK and CONNECT, so such a request
// used to end in a 500 and a stack trace in the log. They are answered here, before Next, as is a
// request Node cannot parse at all (an unknown method such as FOO): each gets a problem JSON.
// Plain JavaScript, so it runs without the react-server condition the wrapper needs.
import { createServer } from 'node:http';
import { apiRefusal, isApiPath } from '../server/api-route-table.mjs';

process.env.NODE_ENV ??= 'production';
const { default: next } = await import('next');

// HOST may be written as an IPv6 literal in brackets ([::1]); listen() wants it bare.
const hostname = (process.env.HOST ?? '127.0.0.1').replace(/^\[(.*)\]$/, '$1');
const port = Number(process.env.PORT ?? 3000);
const FETCH_FORBIDDEN = new Set(['TRACE', 'TRACK', 'CONNECT']);

function problemBody(type, status, title, detail) {
  return JSON.stringify({ type, title, detail, status });
}

/** What proxy.ts would answer for this path (the same table), and a 405 for any other path. */
function refusalFor(method, url) {
  const pathname = new URL(url ?? '/', 'http://localhost').pathname;
  const refusal = isApiPath(pathname) ? apiRefusal(method, pathname) : null;
  if (refusal)
    return { status: refusal.problem.status, allow: refusal.allow, body: JSON.stringify(refusal.problem) };
  return {
    status: 405,
    allow: 'GET, HEAD',
    body: problemBody('method-not-allowed', 405, 'Method not allowed', `${method} is not served here.`),
  };
}

const app = next({ dev: false, hostname, port, dir: process.cwd() });
await app.prepare();
const handle = app.getRequestHandler();

// Per-client throttles key on X-Forwarded-For. Next fills it from the socket only when it is absent,
// so a client could name any address; unless a reverse proxy in front is trusted to set it
// (TRUST_PROXY, validated by lib/cli/start.ts), the socket's peer is who is asking.
const trustProxy = /^(1|true|on|yes)$/i.test(process.env.TRUST_PROXY ?? '');

const server = createServer((req, res) => {
  if (!trustProxy) {
    req.headers['x-forwarded-for'] = req.socket.remoteAddress ?? 'unknown';
    delete req.headers['x-real-ip'];
  }
  const method = (req.method ?? '').toUpperCase();
  if (!FETCH_FORBIDDEN.has(method)) {
    handle(req, res).catch((error) => {
      // Next answers its own errors; this is only for a failure outside them, so no request hangs.
      console.error('Unhandled error while serving a request:', error);
      if (res.headersSent) return void res.destroy();
      res.writeHead(500, {
        'Content-Type': 'application/problem+json',
        'Cache-Control': 'private, no-store',
      });
      res.end(problemBody('internal', 500, 'Something went wrong on the server', undefined));
    });
    return;
  }
  const refusal = refusalFor(method, req.url);
  res.writeHead(refusal.status, {
    'Content-Type': 'application/problem+json',
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(refusal.allow ? { Allow: refusal.allow } : {}),
  });
  res.end(refusal.body);
});

// Node's own answer to an unparsable request is an empty 400; say what was wrong, in JSON.
server.on('clientError', (error, socket) => {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const body = problemBody(
    'bad-request',
    400,
    'Bad request',
    'The request could not be read as HTTP (an unknown method?).',
  );
  socket.end(
    'HTTP/1.1 400 Bad Request\r\nContent-Type: application/problem+json\r\nCache-Control: private, no-store\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
});

server.on('error', (error) => {
  console.error(
    error.code === 'EADDRINUSE'
      ? `\nPort ${port} on ${hostname} is already in use. Stop the other server or set PORT.\n`
      : `\nThe server could not start: ${error.message}\n`,
  );
  process.exit(1);
});

server.listen(port, hostname, () => {
  console.warn(`- Local: http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`);
  console.warn('✓ Ready');
});

// The background worker (lib/server/worker-process.ts) registers its clean stop here: its bulk loops
// end at their next step and give their leases up, so another instance takes over at once.
const shutdownHooks = () => globalThis.__fleetShutdownHooks ?? [];
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close();
    void Promise.allSettled(shutdownHooks().map((hook) => hook()))
      .then(() => app.close())
      .finally(() => process.exit(0));
  });
}
