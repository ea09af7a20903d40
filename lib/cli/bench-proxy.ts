import { rmSync } from 'node:fs';
import { createSimulator } from '@/lib/simulator/simulator';
import { startProductionServer } from './production-server';
import { median } from './bench-stats';

// The dashboard's own cost on a proxied read (`npm run bench -- --proxy`, part of the full run; needs
// a build): GET /api/accounts/{email} on the demo workspace (session, workspace, rate budget, the read
// from Instantly, its validation and indexing) against an empty route handler (GET /api/health) on the
// same server in the same run, plus what the upstream itself takes to answer that read (the
// simulator's handler timed in this process, with nothing around it).

export const PROXY_RATIO_TARGET = 1.2;
const SAMPLES = 150;
// A small workspace: after its first sync the worker reads each account's settings once, at the
// budget (10/s); the figure is taken after those reads, on an idle budget.
const ACCOUNTS = 50;
// Each proxied read is a request from the workspace's budget (10/s); sampled faster, the figure
// would be the budget's queue, not the dashboard's work.
const PACE_MS = 150;

async function timed(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return performance.now() - started;
}

/** The simulator answering GET /accounts/{email} by itself: what any proxy must wait for at least. */
async function upstreamMs(): Promise<number> {
  const key = 'sim_bench_key_000000000000';
  const sim = createSimulator({
    workspaces: [{ slug: 'demo', key, name: 'Bench', seed: 42, accounts: ACCOUNTS, flag: null }],
    jobSpeed: 25,
    rate: { perSecond: 100_000, perMinute: 6_000_000 },
  });
  const list = (await (
    await sim.handle(
      new Request('http://bench.internal/api/v2/accounts?limit=1', {
        headers: { authorization: `Bearer ${key}` },
      }),
    )
  ).json()) as { items: Array<{ email: string }> };
  const target = list.items[0]?.email;
  if (!target) throw new Error('the simulator has no account');
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i += 1) {
    const started = performance.now();
    const response = await sim.handle(
      new Request(`http://bench.internal/api/v2/accounts/${encodeURIComponent(target)}`, {
        headers: { authorization: `Bearer ${key}` },
      }),
    );
    await response.arrayBuffer();
    times.push(performance.now() - started);
  }
  return median(times);
}

export async function benchProxy(port: number) {
  const { child, dataDir, base } = await startProductionServer({
    port,
    name: 'proxy-bench',
    env: {
      SIM_ACCOUNTS: String(ACCOUNTS),
      DASHBOARD_SECRET: 'bench-secret-0123456789abcdef0123456789abcdef',
    },
  });
  try {
    const first = (await (await fetch(`${base}/api/accounts?limit=1`)).json()) as {
      rows: Array<{ email: string }>;
    };
    const email = first.rows[0]?.email;
    if (!email) throw new Error('the demo workspace has no account');
    const proxied = `${base}/api/accounts/${encodeURIComponent(email)}?workspace=demo`;
    const empty = `${base}/api/health`;
    // The first sync and the settings reads after it share the budget: wait for them to end.
    for (;;) {
      const { sync } = (await (await fetch(`${base}/api/accounts/sync`)).json()) as {
        sync: Array<{ state: string }>;
      };
      if (sync.every((s) => s.state === 'done')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, (ACCOUNTS / 10) * 1000 + 3000));
    // Warm both routes, then alternate them so load on the machine falls on both alike.
    const proxiedTimes: number[] = [];
    const emptyTimes: number[] = [];
    for (let i = -10; i < SAMPLES; i += 1) {
      const started = performance.now();
      const [p, e] = [await timed(proxied), await timed(empty)];
      if (i >= 0) {
        proxiedTimes.push(p);
        emptyTimes.push(e);
      }
      await new Promise((r) => setTimeout(r, Math.max(0, PACE_MS - (performance.now() - started))));
    }
    return {
      proxiedMs: median(proxiedTimes),
      emptyMs: median(emptyTimes),
      upstreamMs: await upstreamMs(),
    };
  } finally {
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function printProxy(r: Awaited<ReturnType<typeof benchProxy>>) {
  const floor = r.emptyMs + r.upstreamMs;
  console.log(
    `\nproxied read GET /api/accounts/{email}: median ${r.proxiedMs.toFixed(2)} ms; empty route handler GET /api/health ${r.emptyMs.toFixed(2)} ms; the upstream's own answer ${r.upstreamMs.toFixed(2)} ms. Proxied read ÷ (empty handler + upstream) ×${(r.proxiedMs / floor).toFixed(2)} (target ≤ ×${PROXY_RATIO_TARGET}); the dashboard's own work ${(r.proxiedMs - floor).toFixed(2)} ms`,
  );
}
