import { InstantlyClient } from '@/lib/instantly/client';
import { RateBudget } from '@/lib/instantly/rate-budget';
import { explicitBatches } from '@/lib/bulk/plan';
import { DEMO_VISITOR } from '@/lib/server/auth/actor';
import { BulkRunner } from '@/lib/server/bulk-runner';
import { createSimulator } from '@/lib/simulator/simulator';
import { JOB_PENDING_MS } from '@/lib/simulator/warmup-job-types';
import { matchingAccountKeys } from '@/lib/store/account-query';
import { createBulkAction } from '@/lib/store/bulk/create';
import { openDb } from '@/lib/store/db';
import { startSync } from '@/lib/worker/sync';

// `npm run bench` (and `--bulk` alone): a bulk warmup change (off) over `accounts` accounts end to end, in-process, against the
// simulator at Instantly's default rate budget (10/s, 600/min) and a job speed of JOB_SPEED emails a
// second per job. The floor is what those two allow whatever the dashboard does (`floorMs`).

const JOB_SPEED = 25;
const JOB_SIZE = 100;
const PER_SECOND = 10;
const PER_MINUTE = 600;

/**
 * The earliest a bulk change of `jobs` jobs can end, whatever the engine does: each job needs one
 * start and at least one poll after its end, every request waits on the budget (at most `perSecond`
 * in any second and `perMinute` in any minute), and a job ends `pendingMs` plus its emails at
 * `jobSpeed` after its start. Starts go first, as early as the budget grants them; the polls then
 * follow each job's end, as early as the budget grants them.
 */
export function floorMs(p: {
  jobs: number;
  jobSize: number;
  jobSpeed: number;
  pendingMs: number;
  perSecond: number;
  perMinute: number;
}): number {
  const grants: number[] = [];
  const grant = (notBefore: number) => {
    let t = notBefore;
    for (;;) {
      const inSecond = grants.filter((g) => g > t - 1000 && g <= t);
      const inMinute = grants.filter((g) => g > t - 60_000 && g <= t);
      if (inSecond.length < p.perSecond && inMinute.length < p.perMinute) break;
      // The next moment a grant leaves the window that is full.
      const full = inSecond.length >= p.perSecond ? inSecond : inMinute;
      t = Math.min(...full) + (full === inSecond ? 1000 : 60_000) + 1e-6;
    }
    grants.push(t);
    return t;
  };
  const ends = Array.from({ length: p.jobs }, () => grant(0) + p.pendingMs + (p.jobSize / p.jobSpeed) * 1000);
  return Math.max(0, ...ends.sort((a, b) => a - b).map((end) => grant(end)));
}

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
    budget: new RateBudget({ perSecond: PER_SECOND, perMinute: PER_MINUTE }),
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
    // The sync's last requests leave the budget's one-second window: the change starts on a full budget,
    // as the floor assumes.
    await new Promise((resolve) => setTimeout(resolve, 1100));
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
    const floor = floorMs({
      jobs,
      jobSize: JOB_SIZE,
      jobSpeed: JOB_SPEED,
      pendingMs: JOB_PENDING_MS,
      perSecond: PER_SECOND,
      perMinute: PER_MINUTE,
    });
    const listReads = requests.filter((r) => r === 'GET /accounts').length;
    return {
      accounts: keys.length,
      jobs,
      durationMs,
      floorMs: floor,
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
