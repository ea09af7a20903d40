import { rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { type Page, chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './chromium';
import { startProductionServer } from './production-server';
import { median } from './bench-stats';

// What the browser pays for the fleet table (`npm run bench -- --client`): the first-load JavaScript
// of /accounts and of an account page, and the main thread while a person drags the table's scrollbar
// from top to bottom over 10,000 rows. Needs a production build.

export const JS_GZIP_TARGET_KB = 180;
export const LONG_TASK_TARGET = 3;
export const FILLED_TARGET_MS = 300;

/** Every script the page loads, to weigh the JavaScript a first visit costs. */
export function collectScripts(page: Page): Buffer[] {
  const scripts: Buffer[] = [];
  page.on('response', async (response) => {
    if (response.request().resourceType() === 'script')
      scripts.push(await response.body().catch(() => Buffer.alloc(0)));
  });
  return scripts;
}

export const scriptBytes = (scripts: readonly Buffer[]) => ({
  raw: scripts.reduce((sum, b) => sum + b.length, 0),
  gzip: scripts.reduce((sum, b) => sum + gzipSync(b).length, 0),
});

/** Long tasks (≥ 50 ms) from now on, collected by the page itself. */
declare global {
  interface Window {
    __benchLongTasks?: number[];
  }
}

// A scrollbar drag moves scrollTop once per frame the pointer moves; over about one second here.
const DRAG_FRAMES = 60;

/**
 * Drags the grid from top to bottom in DRAG_FRAMES steps of one animation frame each, then waits until
 * every row on screen at the bottom has its data. Returns the long tasks seen from the first step until
 * the rows were filled, and how long the rows took after the last step.
 */
async function dragScroll(page: Page) {
  await page.evaluate(() => {
    const tasks: number[] = [];
    window.__benchLongTasks = tasks;
    new PerformanceObserver((list, observer) => {
      // A later drag has its own list: this observer stops once it is no longer the current one.
      if (window.__benchLongTasks !== tasks) return observer.disconnect();
      for (const entry of list.getEntries()) tasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  const filledMs = await page.evaluate(async (frames) => {
    const grid = document.querySelector<HTMLElement>('[role=grid]')!;
    const max = grid.scrollHeight - grid.clientHeight;
    for (let step = 1; step <= frames; step += 1) {
      grid.scrollTop = (max * step) / frames;
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    const stopped = performance.now();
    const gridBox = grid.getBoundingClientRect();
    const last = Number(grid.getAttribute('aria-rowcount'));
    // Filled: the fleet's last row is rendered, and no row within the viewport is still loading.
    for (;;) {
      const onScreen = [...grid.querySelectorAll<HTMLElement>('[role=row][aria-rowindex]')].filter(
        (row) =>
          row.getAttribute('aria-rowindex') !== '1' &&
          row.getBoundingClientRect().bottom > gridBox.top &&
          row.getBoundingClientRect().top < gridBox.bottom,
      );
      if (
        onScreen.some((row) => Number(row.getAttribute('aria-rowindex')) === last) &&
        onScreen.every((row) => row.getAttribute('aria-busy') !== 'true')
      )
        return performance.now() - stopped;
      if (performance.now() - stopped > 30_000) throw new Error('the rows never filled after scrolling');
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  }, DRAG_FRAMES);
  // Long tasks are reported after they end; give the observer a moment.
  await page.waitForTimeout(200);
  const tasks = await page.evaluate(() => window.__benchLongTasks ?? []);
  return { longTasks: tasks.length, longTaskMs: tasks.reduce((a, b) => a + b, 0), filledMs };
}

export async function benchClient(port: number, accounts = 10_000) {
  const { child, dataDir, base } = await startProductionServer({
    port,
    name: 'client-bench',
    env: {
      SIM_ACCOUNTS: String(accounts),
      DASHBOARD_SECRET: 'bench-secret-0123456789abcdef0123456789abcdef',
    },
  });
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    // The first visit starts the demo workspace's first sync; every figure is on the complete index.
    await (await fetch(`${base}/api/accounts/sync`)).arrayBuffer();
    for (;;) {
      const body = (await (await fetch(`${base}/api/accounts/sync`)).json()) as {
        sync: Array<{ state: string }>;
      };
      if (body.sync.every((s) => s.state === 'done')) break;
      await new Promise((r) => setTimeout(r, 200));
    }

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const scripts = collectScripts(page);
    await page.goto(`${base}/accounts`);
    await page.getByRole('row').nth(1).getByText('@').first().waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    const accountsJs = scriptBytes(scripts);
    const drags = [];
    for (let i = 0; i < 3; i += 1) {
      await page.evaluate(() => document.querySelector('[role=grid]')!.scrollTo(0, 0));
      await page.waitForTimeout(500);
      drags.push(await dragScroll(page));
    }
    await context.close();

    const first = (
      (await (await fetch(`${base}/api/accounts?status=1&limit=1`)).json()) as {
        rows: Array<{ email: string }>;
      }
    ).rows[0];
    if (!first) throw new Error('no active account to open');
    const detailContext = await browser.newContext();
    const detailPage = await detailContext.newPage();
    const detailScripts = collectScripts(detailPage);
    await detailPage.goto(`${base}/accounts/${encodeURIComponent(first.email)}?workspace=demo`);
    // The first view: the settings form filled in from the account's data, and everything it loads.
    await detailPage
      .getByLabel('Daily limit')
      .and(detailPage.locator('input:not([value=""])'))
      .first()
      .waitFor({ timeout: 60_000 });
    await detailPage.waitForLoadState('networkidle');
    const detailJs = scriptBytes(detailScripts);
    // The charts sit below the first screen and load once in view: what scrolling to them
    // adds is weighed apart, so neither figure hides the other.
    await detailPage.getByRole('figure').first().scrollIntoViewIfNeeded();
    await detailPage.locator('svg.recharts-surface').first().waitFor({ timeout: 60_000 });
    await detailPage.waitForLoadState('networkidle');
    const withChart = scriptBytes(detailScripts);
    const chartJs = { raw: withChart.raw - detailJs.raw, gzip: withChart.gzip - detailJs.gzip };
    await detailContext.close();
    return { accounts, accountsJs, detailJs, chartJs, drags };
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function printClient(result: Awaited<ReturnType<typeof benchClient>>) {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  const weight = (label: string, js: { raw: number; gzip: number }) =>
    `${label}: first-load JS ${kb(js.raw)} raw / ${kb(js.gzip)} gzip (target ≤ ${JS_GZIP_TARGET_KB} KB gzip, ×${(js.gzip / 1024 / JS_GZIP_TARGET_KB).toFixed(2)})`;
  // Long tasks depend on what else the machine runs: the load is printed beside them.
  console.log(
    `\nPage weight and scrolling (headless Chromium, 1440×900; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores)\n`,
  );
  console.log(weight('/accounts', result.accountsJs));
  console.log(weight('account page', result.detailJs));
  console.log(
    `  scrolling to its charts adds ${kb(result.chartJs.raw)} raw / ${kb(result.chartJs.gzip)} gzip (Recharts, loaded once they are in view)`,
  );
  const tasks = median(result.drags.map((d) => d.longTasks));
  const taskMs = median(result.drags.map((d) => d.longTaskMs));
  const filled = median(result.drags.map((d) => d.filledMs));
  console.log(
    `dragging the scrollbar top → bottom over ${result.accounts.toLocaleString('en')} rows (medians of ${result.drags.length}): ${tasks} long tasks, ${taskMs.toFixed(0)} ms (target ≤ ${LONG_TASK_TARGET}, ×${(tasks / LONG_TASK_TARGET).toFixed(2)}); rows filled ${filled.toFixed(0)} ms after stopping (target ≤ ${FILLED_TARGET_MS} ms, ×${(filled / FILLED_TARGET_MS).toFixed(2)})`,
  );
  console.log(
    `  each drag: ${result.drags.map((d) => `${d.longTasks} tasks / ${d.longTaskMs.toFixed(0)} ms / filled ${d.filledMs.toFixed(0)} ms`).join('; ')}`,
  );
}
