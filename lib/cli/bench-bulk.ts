import { InstantlyClient } from '@/lib/instantly/client';
import { RateBudget } from '@/lib/instantly/rate-budget';
import { explicitBatches } from '@/lib/bulk/plan';
import { DEMO_VISITOR } from '@/lib/server/auth/actor';
import { BulkRunner } from '@/lib/server/bulk-runner';
import { createSimulator } from '@/lib/simulator/simulator';
import { matchingAccountKeys } from '@/lib/store/account-query';
import { createBulkAction } from '@/lib/store/bulk/create';
import { openDb } from '@/lib/store/db';
import { startSync } from '@/lib/worker/sync';

// `npm run bench` (and `--bulk` alone): a bulk warmup change (off) over `accounts` accounts end to end, in-process, against the
// simulator at Instantly's default rate budget (10/s, 600/min) and a job speed of JOB_SPEED emails a
// second per job. The floor is what those two allow whatever the dashboard does: every job (100
// emails) running at once takes 100 / JOB_SPEED s, and the requests it needs (one start per job plus
// at least one poll each) cannot go faster than the budget.

const JOB_SPEED = 25;
const JOB_SIZE = 100;
const PER_SECOND = 10;

export async function benchBulk(accounts: number) {
  const key = 'sim_bench_key_000000000000';
  const sim = createSimulator({
    workspaces: [
      { slug: 'demo', key, name: 'Bench', seed: 42, accounts: Math.ceil(accounts * 1.5), flag: null },
    ],
    jobSpeed: JOB_SPEED,
    rate: { perSecond: 100, perMinute: 6000 },
  });
  const requests: string[] = [];
  const client = new InstantlyClient({
    apiKey: key,
    baseUrl: 'http://bench.internal',
    budget: new RateBudget({ perSecond: PER_SECOND, perMinute: 600 }),
    transport: (request) => {
      requests.push(`${request.method} ${new URL(request.url).pathname.replace('/api/v2', '')}`);
      return sim.handle(request);
    },
  });
  const db = await openDb({ sqlitePath: ':memory:' });
  try {
    await (
      await startSync(db, 'demo', client)
    ).done;
    // `accounts` whose warmup is on, switched off: what "select all matching" and one click send.
    const keys = (await matchingAccountKeys(db, { workspaceIds: ['demo'], warmup: [1] })).slice(0, accounts);
    requests.length = 0;
    const runner = new BulkRunner({
      db,
      workerRunning: async () => true,
      workerWorkspaceIds: async () => ['demo'],
      // BENCH_MAX_JOBS: the old limit side by side (2 jobs per workspace at once).
      ...(process.env.BENCH_MAX_JOBS ? { maxJobsPerWorkspace: Number(process.env.BENCH_MAX_JOBS) } : {}),
    });
    const started = performance.now();
    const id = await createBulkAction(db, {
      kind: 'disable-warmup',
      workspaces: [{ workspaceId: 'demo', label: 'Bench' }],
      keys,
      batches: explicitBatches(keys),
      actor: DEMO_VISITOR,
    });
    // The engine's waits do not hold a process open (a server exits on SIGTERM with them pending).
    const keepAlive = setInterval(() => undefined, 1000);
    try {
      await runner.kick(id, new Map([['demo', client]]));
      await runner.settled(id);
    } finally {
      clearInterval(keepAlive);
    }
    const durationMs = performance.now() - started;
    const summary = await runner.summary(id);
    const jobs = Math.ceil(keys.length / JOB_SIZE);
    const floorMs = Math.max((JOB_SIZE / JOB_SPEED) * 1000, ((2 * jobs) / PER_SECOND) * 1000);
    const listReads = requests.filter((r) => r === 'GET /accounts').length;
    return {
      accounts: keys.length,
      jobs,
      durationMs,
      floorMs,
      requests: requests.length,
      listReads,
      summary,
    };
  } finally {
    await db.destroy();
  }
}

export function printBulk(result: Awaited<ReturnType<typeof benchBulk>>) {
  const { accounts, jobs, durationMs, floorMs, requests, listReads, summary } = result;
  console.log(
    `\nbulk warmup over ${accounts.toLocaleString('en')} accounts (${jobs} jobs, ${JOB_SPEED} emails/s per job, ${PER_SECOND} req/s): ${(durationMs / 1000).toFixed(1)} s end to end, floor ${(floorMs / 1000).toFixed(1)} s, ×${(durationMs / floorMs).toFixed(2)} the floor (target ≤ ×1.5); ${requests} upstream requests, ${listReads} account-list reads (target 0 re-syncs); ${summary?.counts.done ?? 0} done, ${summary?.counts.failed ?? 0} failed`,
  );
}
