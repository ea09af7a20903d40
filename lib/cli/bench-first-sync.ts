import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InstantlyClient } from '@/lib/instantly/client';
import { RateBudget } from '@/lib/instantly/rate-budget';
import { createSimulator } from '@/lib/simulator/simulator';
import type { SimWorkspaceSpec } from '@/lib/simulator/types';
import { openDb } from '@/lib/store/db';
import { startSync } from '@/lib/worker/sync';

// The first sync of a fleet, in-process, each workspace through its own client and the default
// budget (10/s, 600/min), all at once as the worker starts them, into a SQLite file as the server
// keeps it. The floor is what the budget alone allows: the busiest workspace's requests at 10 per
// second. Anything above it is this process's own work (the simulator's share is printed apart).

const PER_SECOND = 10;

export interface FirstSyncFigures {
  workspaces: number;
  accounts: number;
  requests: number;
  durationMs: number;
  floorMs: number;
  simulatorMs: number;
}

export async function benchFirstSync(workspaces: number, perWorkspace: number): Promise<FirstSyncFigures> {
  const specs: SimWorkspaceSpec[] = Array.from({ length: workspaces }, (_, i) => ({
    slug: `ws-${i}`,
    key: `sim_bench_first_sync_${String(i).padStart(8, '0')}`,
    name: `Bench ${i + 1}`,
    seed: 42 + i,
    accounts: perWorkspace,
    flag: null,
  }));
  // The simulator's own limit stays out of the way: the client's budget is the one measured.
  const sim = createSimulator({
    workspaces: specs,
    jobSpeed: 25,
    rate: { perSecond: 1000, perMinute: 60_000 },
  });
  const dir = mkdtempSync(join(tmpdir(), 'fleet-first-sync-'));
  const db = await openDb({ sqlitePath: join(dir, 'fleet.db') });
  const requests = new Map<string, number>();
  let simulatorMs = 0;
  try {
    const started = performance.now();
    const results = await Promise.all(
      specs.map(async (spec) => {
        const client = new InstantlyClient({
          apiKey: spec.key,
          baseUrl: 'http://bench.internal',
          budget: new RateBudget({ perSecond: PER_SECOND, perMinute: PER_SECOND * 60 }),
          transport: async (request) => {
            const begun = performance.now();
            const response = await sim.handle(request);
            simulatorMs += performance.now() - begun;
            return response;
          },
          onAttempt: () => requests.set(spec.slug, (requests.get(spec.slug) ?? 0) + 1),
        });
        return (await startSync(db, spec.slug, client)).done;
      }),
    );
    const durationMs = performance.now() - started;
    if (results.some((r) => !r.ok)) throw new Error('a first sync failed');
    const busiest = Math.max(...requests.values());
    return {
      workspaces,
      accounts: results.reduce((sum, r) => sum + (r.ok ? r.accounts : 0), 0),
      requests: [...requests.values()].reduce((a, b) => a + b, 0),
      durationMs,
      // The first request of each workspace goes at once; each later one waits its 1/10 s.
      floorMs: ((busiest - 1) / PER_SECOND) * 1000,
      simulatorMs,
    };
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printFirstSync(f: FirstSyncFigures, target?: number): void {
  const ratio = f.durationMs / f.floorMs;
  console.log(
    `first sync of ${f.workspaces} × ${(f.accounts / f.workspaces).toLocaleString('en')} accounts at ${PER_SECOND} req/s each: ${(f.durationMs / 1000).toFixed(1)} s, ${f.requests} upstream requests; floor ${(f.floorMs / 1000).toFixed(1)} s, ×${ratio.toFixed(2)} of it${target ? ` (target ≤ ×${target})` : ''}; simulator ${(f.simulatorMs / 1000).toFixed(1)} s of it`,
  );
}
