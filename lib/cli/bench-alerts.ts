import pg from 'pg';
import { InstantlyClient } from '@/lib/instantly/client';
import { RateBudget } from '@/lib/instantly/rate-budget';
import { createSimulator } from '@/lib/simulator/simulator';
import { type Db, openDb } from '@/lib/store/db';
import { evaluateAlerts } from '@/lib/worker/alerts';
import { runDailyWarmupAnalytics } from '@/lib/worker/daily-warmup';
import { startSync } from '@/lib/worker/sync';
import { quantile } from './bench-stats';

// `npm run bench -- --alerts`: the worker's alert step (read the index, run every rule, reconcile
// with the open alerts) over a synced fleet of 10,000 demo accounts with their warmup days, as it
// runs after every scheduled sync. Target: median and p99 ≤ 200 ms. In-process, no build needed;
// with DATABASE_URL set, measured on that PostgreSQL too (in a throw-away schema).

const ACCOUNTS = 10_000;
const RUNS = 40;
const TARGET_MS = 200;

/** The demo simulator's fleet of `accounts`, synced and with a day of warmup analytics stored. */
async function syncedFleet(db: Db, accounts: number): Promise<void> {
  const key = 'sim_bench_alerts_0000000000';
  const sim = createSimulator({
    workspaces: [{ slug: 'demo', key, name: 'Bench', seed: 42, accounts, flag: null }],
    jobSpeed: 25,
    rate: { perSecond: 10_000, perMinute: 600_000 },
  });
  const client = new InstantlyClient({
    apiKey: key,
    baseUrl: 'http://bench.internal',
    // The set-up is not what is measured: no pacing.
    budget: new RateBudget({ perSecond: 10_000, perMinute: 600_000 }),
    transport: (request) => sim.handle(request),
  });
  const synced = await (await startSync(db, 'demo', client)).done;
  if (!synced.ok) throw new Error(`the bench sync failed: ${JSON.stringify(synced)}`);
  await runDailyWarmupAnalytics(db, 'demo', client);
}

async function benchOn(label: string, db: Db): Promise<void> {
  try {
    await syncedFleet(db, ACCOUNTS);
    const workspace = { id: 'demo', name: 'Bench' };
    let now = Date.now();
    const firstStart = performance.now();
    const first = await evaluateAlerts(db, workspace, now);
    const firstMs = performance.now() - firstStart;
    const times: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      // Each run is a later sync's evaluation: same fleet, the open alerts already there.
      now += 60_000;
      const started = performance.now();
      await evaluateAlerts(db, workspace, now);
      times.push(performance.now() - started);
    }
    const median = quantile(times, 0.5);
    const p99 = quantile(times, 0.99);
    const verdict = (x: number) => (x <= TARGET_MS ? 'meets' : 'MISSES');
    console.log(
      `${label}: alert rules over ${ACCOUNTS.toLocaleString('en')} accounts after a sync: ` +
        `median ${median.toFixed(0)} ms (${verdict(median)} ≤ ${TARGET_MS} ms), ` +
        `p99 ${p99.toFixed(0)} ms (${verdict(p99)}), over ${RUNS} runs; ` +
        `first run ${firstMs.toFixed(0)} ms opening ${first.opened} alerts`,
    );
  } finally {
    await db.destroy();
  }
}

export async function benchAlerts(postgresUrl: string | undefined): Promise<void> {
  console.log('Alert evaluation benchmark (in-process, demo fleet)\n');
  await benchOn('SQLite', await openDb({ sqlitePath: ':memory:' }));
  if (!postgresUrl) return;
  const schema = 'alerts_bench';
  try {
    await benchOn('PostgreSQL', await openDb({ postgresUrl, schema }));
  } finally {
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}
