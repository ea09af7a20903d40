import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { InstantlyClient } from '@/lib/instantly/client';
import { RateBudget } from '@/lib/instantly/rate-budget';
import type { AccountSortKey } from '@/lib/schemas/api-accounts';
import { createSimulator } from '@/lib/simulator/simulator';
import type { SimWorkspaceSpec } from '@/lib/simulator/types';
import type { IndexFilters } from '@/lib/store/account-clauses';
import { accountFacets, queryAccountRows } from '@/lib/store/account-query';
import { type DbTarget, openDb } from '@/lib/store/db';
import { startSync } from '@/lib/worker/sync';
import { inFreshSchema } from './bench-postgres';
import { median, ms, quantile } from './bench-stats';

// `npm run bench -- --scale` (no build needed): the fleet table's reads at 500, 10,000, 100,000 and
// 160,000 accounts, in-process against the store functions the /api/accounts handlers call (no HTTP,
// no Next.js: the framework's own cost is the fleet section's business). Each fleet is synced from the
// simulator into a database file of its own (SQLite, or a schema of DATABASE_URL's PostgreSQL) by this
// process; the figures are then measured by a child process that only opens that database, so its RSS
// is the index's readers' alone (no simulator state in it). Prints each figure with its target.

const WORKSPACE_ACCOUNTS = 20_000;
const FRESH_SAMPLES = 60;
const WINDOW_SAMPLES = 100;
const MIXED_REQUESTS = 300;
const SYNC_READ_MS = 15_000;

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

interface Fleet {
  label: string;
  specs: SimWorkspaceSpec[];
}

const spec = (i: number, accounts: number): SimWorkspaceSpec => ({
  slug: `ws-${i}`,
  key: `sim_bench_scale_${String(i).padStart(12, '0')}`,
  name: `Bench ${i + 1}`,
  seed: 300 + i,
  accounts,
  flag: null,
});

const fleets: Fleet[] = [
  { label: '500', specs: [spec(0, 500)] },
  { label: '10,000', specs: [spec(0, 10_000)] },
  { label: '100,000 (5 × 20,000)', specs: Array.from({ length: 5 }, (_, i) => spec(i, WORKSPACE_ACCOUNTS)) },
  { label: '160,000 (8 × 20,000)', specs: Array.from({ length: 8 }, (_, i) => spec(i, WORKSPACE_ACCOUNTS)) },
];

const clientFor = (sim: ReturnType<typeof createSimulator>, key: string) =>
  new InstantlyClient({
    apiKey: key,
    baseUrl: 'http://bench.internal',
    budget: new RateBudget({ perSecond: 100_000, perMinute: 10_000_000 }),
    transport: (request) => sim.handle(request),
  });

/** Syncs every workspace of `specs` from a simulator into the database at `target`. */
async function fill(target: DbTarget, specs: SimWorkspaceSpec[]): Promise<number> {
  const sim = createSimulator({ workspaces: specs, jobSpeed: 25, rate: { perSecond: 1e6, perMinute: 1e8 } });
  const db = await openDb(target);
  try {
    let accounts = 0;
    for (const s of specs) {
      const result = await (await startSync(db, s.slug, clientFor(sim, s.key))).done;
      if (!result.ok) throw new Error(`sync of ${s.slug} failed`);
      accounts += result.accounts;
    }
    // The statistics autovacuum would gather after so many inserts, which the planner chooses by
    // (SQLite's planner needs none: its plans are fixed by the indexes).
    if ('postgresUrl' in target) await sql`ANALYZE`.execute(db);
    return accounts;
  } finally {
    await db.destroy();
  }
}

export interface ScaleFigures {
  accounts: number;
  newSortMedian: number;
  newSortP99: number;
  facetsMedian: number;
  facetsP99: number;
  deepNewMedian: number;
  deepNewP99: number;
  searchMedian: number;
  searchP99: number;
  windowsMedian: number;
  windowsP99: number;
  rssAfterMixed: number;
  syncReadsP99?: number;
  syncReadsMedian?: number;
  syncReads?: number;
}

const STATUSES = [1, 2, 3, -1, -2, -3];
const SORTS: AccountSortKey[] = [
  'dailyLimit',
  'warmupScore',
  'email',
  'lastUsed',
  'created',
  'domain',
  'name',
];
const SEARCHES = ['an', 'jo', 'mar', 'li', 'sa', 'ch', 'el', 'ro', 'da', 'ke'];
// Searches typed afresh: common and rare three-letter pieces of names and domains, then whole words.
const FRESH_SEARCHES = [
  'son',
  'ell',
  'ria',
  'tho',
  'kim',
  'zed',
  'qua',
  'ley',
  'mor',
  'gmail',
  'reach',
  'xyz',
];
const statusSet = (i: number) => STATUSES.filter((_, bit) => ((i % 63) + 1) & (1 << bit));

async function timed<T>(work: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** The child's side: opens the filled database and measures; prints one JSON line. */
export async function measureScale(argument: string): Promise<void> {
  const { target, specs, syncWhileReading } = JSON.parse(argument) as {
    target: DbTarget;
    specs: SimWorkspaceSpec[];
    syncWhileReading: boolean;
  };
  const workspaceIds = specs.map((s) => s.slug);
  const db = await openDb(target);
  const labels = new Map(workspaceIds.map((id) => [id, id]));
  const all: IndexFilters = { workspaceIds };
  const { total } = await queryAccountRows(db, all, { sort: 'email', order: 'asc', offset: 0, limit: 1 });

  // A new view each time (a set of statuses never asked before, a sort): its first window, its facets.
  const newSort: number[] = [];
  const facets: number[] = [];
  const deepNew: number[] = [];
  for (let i = 0; i < FRESH_SAMPLES; i += 1) {
    const filters: IndexFilters = { workspaceIds, status: statusSet(i) };
    const sort = SORTS[i % SORTS.length] ?? 'email';
    const order = i % 2 === 0 ? 'desc' : 'asc';
    newSort.push(await timed(() => queryAccountRows(db, filters, { sort, order, offset: 0, limit: 100 })));
    facets.push(await timed(() => accountFacets(db, { ...filters, warmup: [i % 2] }, labels)));
  }
  // A new view opened deep down (a jump to the middle of the scrollbar): its window half-way through.
  for (let i = 0; i < FRESH_SAMPLES; i += 1) {
    const filters: IndexFilters = { workspaceIds, status: statusSet(i + 17) };
    const sort = SORTS[(i + 3) % SORTS.length] ?? 'email';
    deepNew.push(
      await timed(() =>
        queryAccountRows(db, filters, { sort, order: 'asc', offset: Math.floor(total / 3), limit: 100 }),
      ),
    );
  }
  // A new search each time, sorted as the table opens: its first window and the total.
  const search: number[] = [];
  for (let i = 0; i < FRESH_SAMPLES; i += 1) {
    const q = `${FRESH_SEARCHES[i % FRESH_SEARCHES.length] ?? ''}${i < FRESH_SEARCHES.length ? '' : String(i % 10)}`;
    search.push(
      await timed(() =>
        queryAccountRows(db, { workspaceIds, q }, { sort: 'email', order: 'asc', offset: 0, limit: 100 }),
      ),
    );
  }
  // One view scrolled: random windows down to half of it.
  const windows: number[] = [];
  const scrolled: IndexFilters = { workspaceIds, status: [1, 2] };
  for (let i = 0; i < WINDOW_SAMPLES; i += 1) {
    const offset = Math.floor(Math.random() * Math.max(1, total / 2));
    windows.push(
      await timed(() =>
        queryAccountRows(db, scrolled, { sort: 'warmupScore', order: 'desc', offset, limit: 100 }),
      ),
    );
  }
  // Mixed requests, as several people would send them: new views, deep windows, facets, searches.
  const mixed = (i: number): Promise<unknown> => {
    const filters: IndexFilters = { workspaceIds, status: statusSet(i * 7) };
    const sort = SORTS[i % SORTS.length] ?? 'email';
    switch (i % 4) {
      case 0:
        return queryAccountRows(db, filters, { sort, order: 'asc', offset: 0, limit: 100 });
      case 1:
        return queryAccountRows(db, filters, {
          sort,
          order: 'desc',
          offset: Math.floor(Math.random() * (total / 2)),
          limit: 100,
        });
      case 2:
        return accountFacets(db, filters, labels);
      default:
        return queryAccountRows(
          db,
          { workspaceIds, q: SEARCHES[i % SEARCHES.length] },
          { sort, order: 'asc', offset: 0, limit: 100 },
        );
    }
  };
  for (let i = 0; i < MIXED_REQUESTS; i += 1) await mixed(i);
  const rssAfterMixed = process.memoryUsage().rss;

  const figures: ScaleFigures = {
    accounts: total,
    newSortMedian: median(newSort),
    newSortP99: quantile(newSort, 0.99),
    facetsMedian: median(facets),
    facetsP99: quantile(facets, 0.99),
    deepNewMedian: median(deepNew),
    deepNewP99: quantile(deepNew, 0.99),
    searchMedian: median(search),
    searchP99: quantile(search, 0.99),
    windowsMedian: median(windows),
    windowsP99: quantile(windows, 0.99),
    rssAfterMixed,
  };

  if (syncWhileReading) {
    // A re-sync of every workspace runs (its upserts bump the versions the reads are cached under)
    // while reads of every kind go on; the sync's upstream is an in-process simulator here.
    const sim = createSimulator({
      workspaces: specs,
      jobSpeed: 25,
      rate: { perSecond: 1e6, perMinute: 1e8 },
    });
    // At the server's own budget (10 requests a second, each a page of 100 upserted as it comes):
    // the reads are measured for SYNC_READ_MS of it, then the process exits with the sync unfinished.
    const budget = new RateBudget({ perSecond: 10, perMinute: 600 });
    let failed: unknown = null;
    void (async () => {
      for (const s of specs) {
        const client = new InstantlyClient({
          apiKey: s.key,
          baseUrl: 'http://bench.internal',
          budget,
          transport: (request) => sim.handle(request),
        });
        await (
          await startSync(db, s.slug, client)
        ).done;
      }
    })().catch((error: unknown) => (failed = error));
    const during: number[] = [];
    const until = performance.now() + SYNC_READ_MS;
    for (let i = 0; performance.now() < until && failed === null; i += 1) {
      during.push(await timed(() => mixed(i)));
      // A person's requests are not back to back: let the sync's pages in between.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    if (failed) throw failed;
    figures.syncReadsMedian = median(during);
    figures.syncReadsP99 = quantile(during, 0.99);
    figures.syncReads = during.length;
  }
  console.log(`SCALE_FIGURES ${JSON.stringify(figures)}`);
  // A re-sync may still be walking: it is not waited for.
  process.exit(0);
}

/** Runs measureScale in a child process of its own (the same loader as this one). */
function measureInChild(argument: object): Promise<ScaleFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        ...process.execArgv,
        process.argv[1] ?? 'lib/cli/bench.ts',
        '--scale-measure',
        JSON.stringify(argument),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, DATABASE_URL: '' } },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('SCALE_FIGURES '));
      if (code !== 0 || !line) reject(new Error(`scale measurement failed (exit ${code}): ${out}`));
      else resolve(JSON.parse(line.slice('SCALE_FIGURES '.length)) as ScaleFigures);
    });
  });
}

/** One fleet filled into a fresh database of the kind given, and measured. */
async function measureFleet(fleet: Fleet, postgresUrl: string | undefined) {
  const run = async (target: DbTarget) => {
    const started = performance.now();
    await fill(target, fleet.specs);
    const fillMs = performance.now() - started;
    const figures = await measureInChild({
      target,
      specs: fleet.specs,
      syncWhileReading: fleet.specs.length === 5 || process.env.SCALE_SYNC === '1',
    });
    console.error(`scale: ${fleet.label} measured (filled in ${(fillMs / 1000).toFixed(0)} s)`);
    return { fleet, figures, fillMs };
  };
  if (postgresUrl)
    return inFreshSchema(
      postgresUrl,
      `fleet_scale_${fleet.specs.length}_${fleet.specs[0]?.accounts ?? 0}`,
      (url) => run({ postgresUrl: url }),
    );
  const dir = mkdtempSync(join(tmpdir(), 'fleet-scale-'));
  try {
    return await run({ sqlitePath: join(dir, 'fleet.db') });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The figures on SQLite, then on the PostgreSQL at `postgresUrl` when one is given. */
export async function benchScale(postgresUrl?: string): Promise<void> {
  // SCALE_FLEETS=0,1 measures only those fleets (by position), for a quick look.
  const only = process.env.SCALE_FLEETS?.split(',').map(Number);
  const chosen = fleets.filter((_, i) => !only || only.includes(i));
  for (const [database, url] of [
    ['SQLite file', undefined],
    ...(postgresUrl ? [['PostgreSQL', postgresUrl]] : []),
  ]) {
    console.log(
      `## Scale: the fleet table's reads in-process against lib/store (${database}; all-workspaces table; no HTTP, no Next.js)\n`,
    );
    const results = [];
    for (const fleet of chosen) results.push(await measureFleet(fleet, url));
    printScale(results);
  }
}

function printScale(results: ReadonlyArray<{ fleet: Fleet; figures: ScaleFigures }>): void {
  console.log(
    '| accounts | new sort, first window: median / p99 | facets of a new filter: median / p99 | new view at offset ⅓: median / p99 | a new search: median / p99 | windows of one scrolled view: median / p99 | RSS after 300 mixed requests |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const { fleet, figures: f } of results) {
    console.log(
      `| ${fleet.label} | ${ms(f.newSortMedian)} / ${ms(f.newSortP99)} | ${ms(f.facetsMedian)} / ${ms(f.facetsP99)} | ${ms(f.deepNewMedian)} / ${ms(f.deepNewP99)} | ${ms(f.searchMedian)} / ${ms(f.searchP99)} | ${ms(f.windowsMedian)} / ${ms(f.windowsP99)} | ${mib(f.rssAfterMixed)} |`,
    );
  }
  const [small, medium, large, huge] = results.map((r) => r.figures);
  const against = (label: string, value: number, target: number, unit: (x: number) => string) =>
    `${label}: ${unit(value)} (target ≤ ${unit(target)}, ×${(value / target).toFixed(2)} of it)`;
  const ratio = (label: string, a: number, b: number) =>
    `${label} 10k / 500: ×${(a / b).toFixed(2)} (target ≤ ×1.3)`;
  console.log('');
  if (small && medium) {
    console.log(ratio('new view (sort) median', medium.newSortMedian, small.newSortMedian));
    console.log(ratio('facets median', medium.facetsMedian, small.facetsMedian));
    console.log(ratio('new view at offset ⅓ median', medium.deepNewMedian, small.deepNewMedian));
    console.log(ratio('a new search median', medium.searchMedian, small.searchMedian));
  }
  if (large) {
    console.log(against('100,000: new sort median', large.newSortMedian, 25, ms));
    console.log(against('100,000: facets median', large.facetsMedian, 25, ms));
    console.log(against('100,000: new view at offset ⅓ median', large.deepNewMedian, 25, ms));
    console.log(
      against('100,000: a new search median (held to the new sort target)', large.searchMedian, 25, ms),
    );
  }
  for (const { fleet, figures: f } of results)
    if (f.syncReadsP99 !== undefined)
      console.log(
        `${against(`${fleet.label}: p99 of reads while a re-sync of every workspace runs`, f.syncReadsP99, 60, ms)}; median ${ms(f.syncReadsMedian ?? NaN)} over ${f.syncReads} reads`,
      );
  if (huge)
    console.log(against('160,000: RSS after 300 mixed requests', huge.rssAfterMixed, 400 * 1024 * 1024, mib));
}
