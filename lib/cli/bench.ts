import { rmSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { benchAgency } from './bench-agency';
import { benchAlerts } from './bench-alerts';
import { benchBulk, printBulk } from './bench-bulk';
import { benchClient, collectScripts, printClient, scriptBytes } from './bench-client';
import { benchFaults } from './bench-faults';
import { benchFirstSync, printFirstSync } from './bench-first-sync';
import { inFreshSchema } from './bench-postgres';
import { benchProxy, printProxy } from './bench-proxy';
import { benchScale, measureScale } from './bench-scale';
import { CHROMIUM_ARGS, findChromium } from './chromium';
import { startProductionServer } from './production-server';
import { median, ms, quantile } from './bench-stats';

// `npm run bench`: the performance figures of the fleet table, measured (never asserted in a test).
// Needs a production build (`npm run build`). Prints a table of medians and ratios, then how long a
// person waits for a clear answer under each upstream fault. `npm run bench -- --faults` runs only
// that last section (no build needed, about two minutes); `--fleet` only the fleet table figures
// (no first-sync, bulk, alert or fault sections); `--bulk` only the bulk change and `--alerts` only
// the alert evaluation over 10,000 accounts (neither needs a build); `--client` only the page weight and
// the scrollbar drag over 10,000 rows (lib/cli/bench-client.ts); `--agency` the first sync of an
// agency's 10 client workspaces under the admin key's shared cap (no build); `--proxy` the cost of a
// proxied read against an empty route handler (lib/cli/bench-proxy.ts); `--scale` the fleet table's
// reads at 500 to 160,000 accounts in-process against lib/store (lib/cli/bench-scale.ts, no build,
// SQLite, about ten minutes); `--first-sync` the first sync of 8 workspaces × 20,000 accounts at once
// against the floor their budgets allow (lib/cli/bench-first-sync.ts, no build). BENCH_PORT moves the
// servers' ports (default 3210 to 3212).
// With DATABASE_URL set, the fleet figures are printed for SQLite and then for that PostgreSQL.

const SIZES = [500, 10_000];
const API_SAMPLES = 200;
const BROWSER_SAMPLES = 5;

async function timedJson(url: string): Promise<{ ms: number; body: unknown }> {
  const started = performance.now();
  const response = await fetch(url);
  const body: unknown = await response.json();
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return { ms: performance.now() - started, body };
}

async function benchServer(accounts: number, port: number, env: Record<string, string> = {}) {
  const { child, dataDir, readyMs, base } = await startProductionServer({
    port,
    name: 'fleet-bench',
    env: {
      SIM_ACCOUNTS: String(accounts),
      DASHBOARD_SECRET: 'bench-secret-0123456789abcdef0123456789abcdef',
      ...env,
    },
  });
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    // Cold: the very first visit, which also triggers the first sync of the demo workspace.
    const coldContext = await browser.newContext();
    const coldPage = await coldContext.newPage();
    const coldStart = performance.now();
    await coldPage.goto(`${base}/accounts`);
    await coldPage
      .getByRole('row')
      .nth(1)
      .locator('[role=gridcell]')
      .nth(1)
      .getByText('@')
      .first()
      .waitFor({ timeout: 120_000 });
    const coldFirstRowsMs = performance.now() - coldStart;
    await coldContext.close();

    // Let the first sync finish so every later figure is on the complete index.
    for (;;) {
      const { body } = await timedJson(`${base}/api/accounts/sync`);
      if ((body as { sync: Array<{ state: string }> }).sync.every((s) => s.state === 'done')) break;
      await new Promise((r) => setTimeout(r, 200));
    }

    const total = ((await timedJson(`${base}/api/accounts?limit=1`)).body as { total: number }).total;
    // One view scrolled (the cache serves the order): a sorted, filtered view, random windows.
    const pageTimes: number[] = [];
    for (let i = 0; i < API_SAMPLES; i += 1) {
      const offset = Math.floor(Math.random() * Math.max(1, total / 2));
      pageTimes.push(
        (
          await timedJson(
            `${base}/api/accounts?status=1,2&sort=warmupScore&order=desc&offset=${offset}&limit=100`,
          )
        ).ms,
      );
    }
    // A new view every time (nothing cached): a different set of statuses, sorted, and its facets over
    // the whole fleet in scope (no search narrowing it).
    const freshTimes: number[] = [];
    const facetTimes: number[] = [];
    const statuses = [1, 2, 3, -1, -2, -3];
    for (let i = 1; i < 63; i += 1) {
      const status = statuses.filter((_, bit) => (i >> bit) & 1).join(',');
      freshTimes.push(
        (await timedJson(`${base}/api/accounts?status=${status}&sort=dailyLimit&order=desc&limit=100`)).ms,
      );
      facetTimes.push((await timedJson(`${base}/api/accounts/facets?status=${status}`)).ms);
    }

    // Warm navigations: time from navigation to the first rows on screen; then scroll and count rows.
    const navTimes: number[] = [];
    let jsBytes = 0;
    let jsGzipBytes = 0;
    const domRows: number[] = [];
    for (let i = 0; i < BROWSER_SAMPLES; i += 1) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const scripts = collectScripts(page);
      const started = performance.now();
      await page.goto(`${base}/accounts?sort=dailyLimit&order=desc`);
      await page.getByRole('row').nth(1).getByText('@').first().waitFor({ timeout: 60_000 });
      navTimes.push(performance.now() - started);
      if (i === 0) {
        await page.waitForLoadState('networkidle');
        ({ raw: jsBytes, gzip: jsGzipBytes } = scriptBytes(scripts));
        const grid = page.getByRole('grid');
        for (const fraction of [0, 0.25, 0.5, 0.75, 1]) {
          await grid.evaluate((el, f) => el.scrollTo(0, (el.scrollHeight - el.clientHeight) * f), fraction);
          await page.waitForTimeout(150);
          domRows.push(await page.locator('[role=grid] [role=row]').count());
        }
      }
      await context.close();
    }
    // The account page: time to its data (settings filled in) and to the chart, and its JavaScript.
    const first = (
      (await timedJson(`${base}/api/accounts?status=1&limit=1`)).body as { rows: Array<{ email: string }> }
    ).rows[0];
    const detailData: number[] = [];
    const detailChart: number[] = [];
    let detailJs = 0;
    let detailJsGzip = 0;
    for (let i = 0; first && i < BROWSER_SAMPLES; i += 1) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const scripts = collectScripts(page);
      const started = performance.now();
      await page.goto(`${base}/accounts/${encodeURIComponent(first.email)}?workspace=demo`);
      await page
        .getByLabel('Daily limit')
        .and(page.locator('input:not([value=""])'))
        .first()
        .waitFor({ timeout: 60_000 });
      detailData.push(performance.now() - started);
      // The charts load once in view: scrolled to at once, as a person heading for them.
      await page.getByRole('figure').first().scrollIntoViewIfNeeded();
      await page.locator('svg.recharts-surface').first().waitFor({ timeout: 60_000 });
      detailChart.push(performance.now() - started);
      if (i === 0) {
        await page.waitForLoadState('networkidle');
        ({ raw: detailJs, gzip: detailJsGzip } = scriptBytes(scripts));
      }
      await context.close();
    }
    return {
      detailDataMedian: median(detailData),
      detailChartMedian: median(detailChart),
      detailJs,
      detailJsGzip,
      accounts: total,
      readyMs,
      coldFirstRowsMs,
      pageMedian: median(pageTimes),
      pageP99: quantile(pageTimes, 0.99),
      freshMedian: median(freshTimes),
      freshP99: quantile(freshTimes, 0.99),
      facetMedian: median(facetTimes),
      navMedian: median(navTimes),
      domRowsMin: Math.min(...domRows),
      domRowsMax: Math.max(...domRows),
      jsBytes,
      jsGzipBytes,
    };
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

type FleetResult = Awaited<ReturnType<typeof benchServer>>;

function printFleet(database: string, results: readonly FleetResult[]) {
  console.log(`\n${database}\n`);
  console.log(
    '| accounts | server ready | cold: navigation → first rows | GET /api/accounts, windows of one sorted filtered view: median / p99 | the same, a new view each time: median / p99 | facets of a new view (median) | warm navigation → first rows (median) | DOM rows while scrolling | /accounts JS (raw / gzip) |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    console.log(
      `| ${r.accounts.toLocaleString('en')} | ${ms(r.readyMs)} | ${ms(r.coldFirstRowsMs)} | ${ms(r.pageMedian)} / ${ms(r.pageP99)} | ${ms(r.freshMedian)} / ${ms(r.freshP99)} | ${ms(r.facetMedian)} | ${ms(r.navMedian)} | ${r.domRowsMin}–${r.domRowsMax} | ${(r.jsBytes / 1024).toFixed(0)} KB / ${(r.jsGzipBytes / 1024).toFixed(0)} KB |`,
    );
  }
  console.log(
    '\n| accounts | account page → data (median) | account page → chart (median) | account page JS (raw / gzip) |',
  );
  console.log('| --- | --- | --- | --- |');
  for (const r of results) {
    console.log(
      `| ${r.accounts.toLocaleString('en')} | ${ms(r.detailDataMedian)} | ${ms(r.detailChartMedian)} | ${(r.detailJs / 1024).toFixed(0)} KB / ${(r.detailJsGzip / 1024).toFixed(0)} KB |`,
    );
  }
  const [small, large] = results;
  if (small && large) {
    console.log(
      `\nratio 10,000 / 500: windows median ×${(large.pageMedian / small.pageMedian).toFixed(2)}, p99 ×${(large.pageP99 / small.pageP99).toFixed(2)}; new view median ×${(large.freshMedian / small.freshMedian).toFixed(2)} (target ≤ ×1.3); facets ×${(large.facetMedian / small.facetMedian).toFixed(2)} (target ≤ ×1.3); navigation ×${(large.navMedian / small.navMedian).toFixed(2)}`,
    );
    // The data-layer issue's figures (SQLite, 500 / 10,000), each against its target.
    const against = (label: string, value: number, target: number) =>
      `${label} ${ms(value)} (target ≤ ${target} ms, ×${(value / target).toFixed(2)})`;
    for (const r of [small, large]) {
      console.log(
        `${r.accounts.toLocaleString('en')}: ${[
          against('window', r.pageMedian, 9),
          against('new view', r.freshMedian, 16),
          against('facets', r.facetMedian, 30),
        ].join('; ')}`,
      );
    }
  }
}

// DATABASE_URL set: the fleet figures are measured on SQLite, then again on that PostgreSQL. The
// servers are told which database to use explicitly; none inherits it.
const postgresUrl = process.env.DATABASE_URL;
delete process.env.DATABASE_URL;

async function main() {
  const measure = process.argv.indexOf('--scale-measure');
  if (measure >= 0) return measureScale(process.argv[measure + 1] ?? '{}');
  if (process.argv.includes('--scale')) return benchScale(postgresUrl);
  if (process.argv.includes('--faults')) return benchFaults();
  if (process.argv.includes('--agency')) return benchAgency();
  if (process.argv.includes('--alerts')) return benchAlerts(postgresUrl);
  if (process.argv.includes('--first-sync')) return printFirstSync(await benchFirstSync(8, 20_000), 1.2);
  if (process.argv.includes('--bulk')) return printBulk(await benchBulk(2000));
  const fleetOnly = process.argv.includes('--fleet');
  const port = Number(process.env.BENCH_PORT ?? 3210);
  if (process.argv.includes('--client')) return printClient(await benchClient(port));
  if (process.argv.includes('--proxy')) return printProxy(await benchProxy(port));
  console.log('Fleet table benchmark (production build, demo workspace, headless Chromium)\n');
  if (!fleetOnly) printFirstSync(await benchFirstSync(1, 10_000));
  if (!fleetOnly) printBulk(await benchBulk(2000));
  const results = [];
  for (const [i, accounts] of SIZES.entries()) results.push(await benchServer(accounts, port + i));
  printFleet('SQLite', results);
  if (postgresUrl) {
    const onPostgres = [];
    for (const [i, accounts] of SIZES.entries()) {
      onPostgres.push(
        await inFreshSchema(postgresUrl, `fleet_bench_${accounts}`, (url) =>
          benchServer(accounts, port + i, { DATABASE_URL: url }),
        ),
      );
    }
    printFleet('PostgreSQL', onPostgres);
  }
  if (!fleetOnly) printClient(await benchClient(port + SIZES.length));
  if (!fleetOnly) printProxy(await benchProxy(port + SIZES.length));
  if (!fleetOnly) await benchAlerts(postgresUrl);
  if (!fleetOnly) await benchFaults();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
