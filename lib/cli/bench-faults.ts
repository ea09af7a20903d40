import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FaultRuleInput } from '@/lib/schemas/simulator-faults';
import { createSimulator } from '@/lib/simulator/simulator';
import { createSimulatorServer } from '@/lib/simulator/http-server';
import type { Simulator } from '@/lib/simulator/types';
import { freePort, startProductionServer } from './production-server';

// The bench's fault section: how long a person waits for a clear answer while Instantly misbehaves.
// The production build (`next start`) runs against a stand-in Instantly (the simulator, served by
// this process on a loopback port), with one fault mode injected at a time, each on a workspace of
// its own added through Settings' own route.

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

/** The simulator over loopback HTTP, so hangs and resets are real sockets. */
function serveUpstream(sim: Simulator): Promise<{ server: Server; origin: string }> {
  const server = createSimulatorServer(sim, false, 'http://127.0.0.1');
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

/** One simulated workspace per fault mode, so no backoff or 429 pause carries over between modes. */
const keyFor = (i: number) => `sim_bench_fault_${String(i).padStart(2, '0')}_0123456789`;
const slugFor = (i: number) => `fault-${i}`;

export async function benchFaults(): Promise<void> {
  const sim = createSimulator({
    workspaces: FAULT_MODES.map((_, i) => ({
      slug: slugFor(i),
      key: keyFor(i),
      name: `Fault ${i}`,
      seed: 7 + i,
      accounts: 100,
      flag: null,
    })),
    jobSpeed: 25,
    rate: { perSecond: 10_000, perMinute: 1_000_000 },
  });
  const { server, origin } = await serveUpstream(sim);
  // The production build, pointed at the stand-in, with the default deadline and retries.
  const { child, base, dataDir } = await startProductionServer({
    port: await freePort(),
    name: 'fleet-bench-faults',
    env: {
      DASHBOARD_SECRET: 'bench-faults-secret-0123456789abcdef0123456789',
      INSTANTLY_API_BASE_URL: origin,
      SIM_ACCOUNTS: '50',
      SIM_WORKSPACES: '',
      KEY_CHECKS_PER_MINUTE: '1000',
      KEY_CHECKS_PER_MINUTE_ALL: '10000',
    },
  });

  let cookie = '';
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        Accept: 'application/json',
        ...(cookie ? { Cookie: cookie } : {}),
        ...(body !== undefined ? { 'Content-Type': 'application/json', Origin: base } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const set = /fleet_keys=[^;]*/.exec(response.headers.get('set-cookie') ?? '');
    if (set) cookie = set[0];
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
    let timer: NodeJS.Timeout | undefined;
    const text = await Promise.race([
      run(),
      new Promise<string>((resolve) => {
        timer = setTimeout(() => resolve('no answer'), GIVE_UP_MS);
      }),
    ]);
    clearTimeout(timer);
    return { ms: performance.now() - started, text };
  };

  type SyncBody = {
    sync: Array<{ state: string; problem: { title: string } | null; retryAt: string | null }>;
  };
  const refresh = () =>
    timed(async () => {
      await call('POST', '/api/accounts/sync', { scope: 'active' });
      for (;;) {
        const { body } = await call('GET', '/api/accounts/sync?scope=active');
        const status = (body as unknown as SyncBody).sync[0];
        if (status && status.state !== 'running') {
          return status.state === 'failed'
            ? `last sync failed: ${status.problem?.title ?? '?'}${status.retryAt ? ', retrying at a set time' : ''}`
            : `sync ${status.state}`;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    });
  const verify = (key: string) =>
    timed(async () => {
      const r = await call('POST', '/api/workspaces', { key });
      return r.status === 201 ? 'key verified (HTTP 201)' : `HTTP ${r.status}: ${titleOf(r.body)}`;
    });

  try {
    console.log(
      '\nUpstream faults: time until a person-facing request has its clear answer (production build, a stand-in Instantly over loopback HTTP, default REQUEST_DEADLINE_MS and retries)\n',
    );
    console.log(
      '| fault | account page (GET /api/accounts/[email]) | table Refresh (POST sync → status) | verify a key (POST /api/workspaces) |',
    );
    console.log('| --- | --- | --- | --- |');
    let worst = 0;
    for (const [i, mode] of FAULT_MODES.entries()) {
      // While Instantly is healthy: the key is added and its workspace indexed, as a person has it.
      const added = await verify(keyFor(i));
      const healthy = await refresh();
      if (!added.text.includes('201') || healthy.text !== 'sync done')
        throw new Error(`setting up "${mode.name}" failed: ${added.text}; ${healthy.text}`);
      const workspaceId = (await call('GET', '/api/workspaces')).body as {
        workspaces: Array<{ id: string; active: boolean }>;
      };
      const id = workspaceId.workspaces.find((w) => w.active)?.id ?? '';
      const email = (await listFirstEmail(sim, keyFor(i))) ?? 'nobody@example.com';

      await control('POST', { rules: mode.rules.map((r) => ({ workspace: slugFor(i), ...r })) });
      const page = await timed(async () => {
        const r = await call(
          'GET',
          `/api/accounts/${encodeURIComponent(email)}?workspace=${encodeURIComponent(id)}`,
        );
        return r.status === 200 ? 'the account (HTTP 200)' : `HTTP ${r.status}: ${titleOf(r.body)}`;
      });
      const cells: Answer[] = [page, await refresh(), await verify(keyFor(i))];
      await control('DELETE');
      worst = Math.max(worst, ...cells.map((c) => c.ms));
      console.log(
        `| ${mode.name} | ${cells.map((c) => `${seconds(c.ms)}${c.ms > TARGET_MS ? ' ✗' : ''} — ${c.text}`).join(' | ')} |`,
      );
    }
    console.log(
      `\nslowest clear answer: ${seconds(worst)} (target ≤ ${seconds(TARGET_MS)}): ${worst <= TARGET_MS ? 'met' : 'NOT met'}`,
    );
  } finally {
    child.kill('SIGTERM');
    server.closeAllConnections();
    server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function listFirstEmail(sim: Simulator, key: string): Promise<string | undefined> {
  const response = await sim.handle(
    new Request('http://sim/api/v2/accounts?limit=1', { headers: { Authorization: `Bearer ${key}` } }),
  );
  const body = (await response.json()) as { items?: Array<{ email: string }> };
  return body.items?.[0]?.email;
}
