import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FaultRuleInput } from '@/lib/schemas/simulator-faults';
import { createSimulator } from '@/lib/simulator/simulator';
import type { Simulator } from '@/lib/simulator/types';

// The bench's fault section: how long a person waits for a clear answer while Instantly misbehaves.
// The real /api route handlers run in this process (as `next start` runs them), against a stand-in
// Instantly (the simulator) on a loopback HTTP port, with one fault mode injected at a time.

const UPSTREAM_KEY = 'sim_bench_faults_0123456789';
const TARGET_MS = 21_000;
/** No single measurement may run away: past this it is reported as "no answer". */
const GIVE_UP_MS = 90_000;

export const FAULT_MODES: Array<{ name: string; rules: FaultRuleInput[] }> = [
  { name: '429 storm (Retry-After 5)', rules: [{ kind: 'rate-limit', retryAfterSeconds: 5 }] },
  { name: 'HTTP 500', rules: [{ kind: 'error', status: 500 }] },
  { name: 'hang', rules: [{ kind: 'hang' }] },
  { name: 'malformed JSON', rules: [{ kind: 'malformed', body: 'truncated' }] },
  { name: 'empty body', rules: [{ kind: 'malformed', body: 'empty' }] },
  { name: 'HTML 403 (edge block)', rules: [{ kind: 'error', status: 403, body: 'html' }] },
];

async function toRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  const method = req.method ?? 'GET';
  let body: string | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    body = Buffer.concat(chunks).toString('utf8');
  }
  return new Request(new URL(req.url ?? '/', origin), { method, headers, body, signal });
}

/** The simulator over loopback HTTP, so hangs and resets are real sockets. */
function serveUpstream(sim: Simulator): Promise<{ server: Server; origin: string }> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    void (async () => {
      try {
        const response = await sim.handle(await toRequest(req, 'http://127.0.0.1', abort.signal));
        const body = Buffer.from(await response.arrayBuffer());
        const headers: Record<string, string> = {};
        response.headers.forEach((value, name) => {
          headers[name] = value;
        });
        res.writeHead(response.status, { ...headers, 'content-length': String(body.length) });
        res.end(body);
      } catch {
        // A hang ends when the dashboard gives up and closes the socket: nothing left to answer.
        if (!res.headersSent) res.destroy();
      }
    })();
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, origin: `http://127.0.0.1:${port}` });
    });
  });
}

interface Answer {
  ms: number;
  text: string;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function benchFaults(): Promise<void> {
  const sim = createSimulator({
    workspaces: [
      { slug: 'bench', key: UPSTREAM_KEY, name: 'Bench Upstream', seed: 7, accounts: 200, flag: null },
    ],
    jobSpeed: 25,
    rate: { perSecond: 10_000, perMinute: 1_000_000 },
  });
  const { server, origin } = await serveUpstream(sim);
  const dataDir = mkdtempSync(join(tmpdir(), 'fleet-bench-faults-'));
  // Read once, by getConfig, when the first handler runs: the dashboard as `next start` would run it
  // with INSTANTLY_API_KEY set, pointed at the stand-in, with the default deadline and retries.
  Object.assign(process.env, {
    DATA_DIR: dataDir,
    DASHBOARD_SECRET: 'bench-faults-secret-0123456789abcdef0123456789',
    INSTANTLY_API_BASE_URL: origin,
    INSTANTLY_API_KEY: UPSTREAM_KEY,
    INSTANTLY_API_LABEL: 'Bench Upstream',
    DEMO_WORKSPACE: 'false',
    SIM_WORKSPACES: '',
    KEY_CHECKS_PER_MINUTE: '1000',
    KEY_CHECKS_PER_MINUTE_ALL: '10000',
  });
  const { NextRequest } = await import('next/server');
  const { resetProcessSingleton } = await import('@/lib/server/singleton');
  resetProcessSingleton();
  const accountRoute = await import('@/app/api/accounts/[email]/route');
  const syncRoute = await import('@/app/api/accounts/sync/route');
  const workspacesRoute = await import('@/app/api/workspaces/route');
  const { getConfig } = await import('@/lib/server/config');

  const call = async (
    handler: (
      req: InstanceType<typeof NextRequest>,
      ctx: { params: Promise<Record<string, string>> },
    ) => Promise<Response>,
    method: string,
    path: string,
    body?: unknown,
    params: Record<string, string> = {},
  ) => {
    const response = await handler(
      new NextRequest(`http://127.0.0.1:3000${path}`, {
        method,
        headers: {
          host: '127.0.0.1:3000',
          'sec-fetch-site': 'same-origin',
          'x-forwarded-for': '127.0.0.1',
          ...(body !== undefined
            ? { 'content-type': 'application/json', origin: 'http://127.0.0.1:3000' }
            : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      }),
      { params: Promise.resolve(params) },
    );
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const control = (method: string, body?: unknown) =>
    sim.handleControl(
      new Request('http://sim/_control', {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  const titleOf = (body: Record<string, unknown>) => String(body.title ?? '(no title)');
  const timed = async (run: () => Promise<string>): Promise<Answer> => {
    const started = performance.now();
    const text = await Promise.race([
      run(),
      new Promise<string>((resolve) => setTimeout(() => resolve('no answer'), GIVE_UP_MS).unref()),
    ]);
    return { ms: performance.now() - started, text };
  };

  const accountPage = (email: string) =>
    timed(async () => {
      const r = await call(
        accountRoute.GET,
        'GET',
        `/api/accounts/${encodeURIComponent(email)}?workspace=server`,
        undefined,
        { email },
      );
      return r.status === 200 ? 'the account (HTTP 200)' : `HTTP ${r.status}: ${titleOf(r.body)}`;
    });

  type SyncBody = {
    sync: Array<{ state: string; problem: { title: string } | null; retryAt: string | null }>;
  };
  const refresh = () =>
    timed(async () => {
      await call(syncRoute.POST, 'POST', '/api/accounts/sync', { scope: 'active' });
      for (;;) {
        const { body } = await call(syncRoute.GET, 'GET', '/api/accounts/sync?scope=active');
        const status = (body as unknown as SyncBody).sync[0];
        if (status && status.state !== 'running') {
          return status.state === 'failed'
            ? `last sync failed: ${status.problem?.title ?? '?'}${status.retryAt ? ', retrying later' : ''}`
            : `sync ${status.state}`;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    });

  const verify = () =>
    timed(async () => {
      const r = await call(workspacesRoute.POST, 'POST', '/api/workspaces', { key: UPSTREAM_KEY });
      return r.status === 201 ? 'key verified (HTTP 201)' : `HTTP ${r.status}: ${titleOf(r.body)}`;
    });

  try {
    // A healthy index first, so a failed Refresh is one of an existing table (as a person has it).
    const first = await refresh();
    const email = (await listFirstEmail(sim)) ?? 'nobody@example.com';
    console.log(
      `\nUpstream faults: time until a person-facing request has its clear answer (in-process handlers, stand-in Instantly over loopback HTTP, REQUEST_DEADLINE_MS=${getConfig().REQUEST_DEADLINE_MS}; healthy first sync ${seconds(first.ms)})\n`,
    );
    console.log(
      '| fault | account page (GET /api/accounts/[email]) | table Refresh (POST sync → status) | verify a key (POST /api/workspaces) |',
    );
    console.log('| --- | --- | --- | --- |');
    let worst = 0;
    for (const mode of FAULT_MODES) {
      // Each mode starts from a clean slate: no backoff or 429 pause carried over from the last one.
      resetProcessSingleton('fleet-sync-backoff');
      resetProcessSingleton('rate-budgets');
      await control('DELETE');
      await control('POST', { rules: mode.rules.map((r) => ({ workspace: 'bench', ...r })) });
      const cells: Answer[] = [await accountPage(email), await refresh(), await verify()];
      worst = Math.max(worst, ...cells.map((c) => c.ms));
      console.log(
        `| ${mode.name} | ${cells.map((c) => `${seconds(c.ms)}${c.ms > TARGET_MS ? ' ✗' : ''} — ${c.text}`).join(' | ')} |`,
      );
    }
    await control('DELETE');
    console.log(
      `\nslowest clear answer: ${seconds(worst)} (target ≤ ${seconds(TARGET_MS)}): ${worst <= TARGET_MS ? 'met' : 'NOT met'}`,
    );
  } finally {
    server.closeAllConnections();
    server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function listFirstEmail(sim: Simulator): Promise<string | undefined> {
  const response = await sim.handle(
    new Request('http://sim/api/v2/accounts?limit=1', {
      headers: { Authorization: `Bearer ${UPSTREAM_KEY}` },
    }),
  );
  const body = (await response.json()) as { items?: Array<{ email: string }> };
  return body.items?.[0]?.email;
}
