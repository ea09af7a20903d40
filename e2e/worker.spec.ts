import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { type APIRequestContext, expect, test } from '@playwright/test';
import { snap } from './fixtures';
import { APP_PORT } from './ports';
import { exited, killProcess, startProcess, waitUp } from './processes';

// The background worker, with an app and a simulator of this journey's own: bulk actions finish with
// every browser closed and across a SIGKILL of the app (no account ever gets a second job), a change
// made directly in Instantly reaches the account's history within a sync interval with no page open,
// and with no worker beating the header and the job centre say so.

const PORT = APP_PORT + 5;
const SIM_PORT = APP_PORT + 6;
const APP = `http://127.0.0.1:${PORT}`;
const SIM = `http://127.0.0.1:${SIM_PORT}`;
const KEY = 'sim_worker_7d3b9f1a2c4e6a08';
const ACCOUNTS = 300;
const DATA_DIR = `.data-e2e-${PORT}`;
const ORIGIN = { Origin: APP };
/** The demo workspace's published key (lib/simulator/registry.ts): it only opens the simulator. */
const DEMO_API_KEY = 'sim_demo_5f3a9c2e7b1d4e80';

const env = (extra: Record<string, string> = {}) => ({
  NODE_ENV: 'production',
  NEXT_TELEMETRY_DISABLED: '1',
  HOST: '127.0.0.1',
  PORT: String(PORT),
  SIM_PORT: String(SIM_PORT),
  DATA_DIR,
  DASHBOARD_SECRET: 'e2e-worker-secret-0123456789abcdef0123456789ab',
  // The "real" workspace: the server-configured key, on the standalone simulator.
  INSTANTLY_API_KEY: KEY,
  INSTANTLY_API_LABEL: 'Worker Co',
  INSTANTLY_API_BASE_URL: SIM,
  SIM_WORKSPACES: `${KEY}:Worker Co:41:${ACCOUNTS}`,
  SIM_ACCOUNTS: String(ACCOUNTS),
  // 20 emails a second per job: a 100-account job runs ~5 s, long enough to kill the app under it.
  SIM_JOB_SPEED: '20',
  FLEET_SYNC_INTERVAL_SECONDS: '3',
  BULK_LEASE_TTL_MS: '4000',
  ...extra,
});

type Summary = {
  id: string;
  status: string;
  createdAt: string;
  counts: { total: number; pending: number; running: number; done: number; failed: number };
  jobs: Array<{ id: string | null; state: string }>;
  waitingFor: string | null;
};
type Detail = { action: Summary; items: Array<{ email: string; state: string; error: string | null }> };
type Status = {
  worker: { running: boolean; processes: Array<{ processId: string; live: boolean }> };
  workspaces: Array<{ workspaceId: string; lastSyncAt: string | null; nextSyncAt: string | null }>;
};
type SimAccount = { email: string; warmup_status: number; daily_limit: number | null };
type Job = {
  id: string;
  created_at: string;
  data?: { processed_emails?: Array<{ email: string }>; pending_emails?: string[] };
};

let simulator: ChildProcess | undefined;
let app: ChildProcess | undefined;

const startApp = (extra: Record<string, string> = {}) => {
  app = startProcess('app', ['npm', 'run', 'serve'], env(extra));
};

async function restartApp(request: APIRequestContext, extra: Record<string, string> = {}) {
  killProcess(app);
  await exited(app);
  startApp(extra);
  await waitUp(request, `${APP}/api/health`);
}

const detailOf = async (request: APIRequestContext, id: string) =>
  (await (await request.get(`${APP}/api/bulk-actions/${id}?limit=500`)).json()) as Detail;

async function simAccounts(request: APIRequestContext, base: string, key: string): Promise<SimAccount[]> {
  const all: SimAccount[] = [];
  let after: string | undefined;
  do {
    const url = `${base}/api/v2/accounts?limit=100${after ? `&starting_after=${encodeURIComponent(after)}` : ''}`;
    const page = (await (await request.get(url, { headers: { Authorization: `Bearer ${key}` } })).json()) as {
      items: SimAccount[];
      next_starting_after?: string;
    };
    all.push(...page.items);
    after = page.next_starting_after;
  } while (after);
  return all;
}

async function useWorkspace(request: APIRequestContext, id: string) {
  const res = await request.put(`${APP}/api/workspaces/active`, { headers: ORIGIN, data: { id } });
  expect(res.status(), await res.text()).toBe(200);
}

test.describe('the background worker', () => {
  test.describe.configure({ mode: 'serial', timeout: 120_000 });

  test.beforeAll(async ({ playwright }) => {
    rmSync(DATA_DIR, { recursive: true, force: true });
    simulator = startProcess('sim', ['npm', 'run', 'simulator'], env());
    startApp();
    const request = await playwright.request.newContext();
    await waitUp(request, `${SIM}/api/v2/workspaces/current`, 401);
    await waitUp(request, `${APP}/api/health`);
    await request.dispose();
  });

  test.afterAll(async () => {
    killProcess(app);
    killProcess(simulator, 'SIGTERM');
    await exited(app);
    rmSync(DATA_DIR, { recursive: true, force: true });
  });

  test('a bulk change over 300 demo accounts finishes with every browser closed', async ({ browser }) => {
    const first = await browser.newContext();
    await useWorkspace(first.request, 'demo');
    // The index is there (the worker syncs the demo every interval) before the change is made.
    await expect
      .poll(
        async () =>
          ((await (await first.request.get(`${APP}/api/accounts?limit=1`)).json()) as { total?: number })
            .total,
        {
          timeout: 30_000,
        },
      )
      .toBe(ACCOUNTS);
    const created = await first.request.post(`${APP}/api/bulk-actions`, {
      headers: ORIGIN,
      data: { kind: 'enable-warmup', target: { type: 'filter', filters: { scope: 'active' }, excluded: [] } },
    });
    expect(created.status(), await created.text()).toBe(201);
    const { id } = (await created.json()) as Summary;
    await first.close();

    // Later, someone else opens the job: it finished while nobody looked.
    const later = await browser.newContext();
    await expect
      .poll(async () => (await detailOf(later.request, id)).action.status, { timeout: 60_000 })
      .toBe('done');
    const detail = await detailOf(later.request, id);
    expect(detail.action.counts).toMatchObject({ total: ACCOUNTS, done: ACCOUNTS, failed: 0, pending: 0 });
    // The simulator's own state agrees: every demo account has warmup on.
    const demo = await simAccounts(later.request, `${APP}/simulator`, DEMO_API_KEY);
    expect(demo).toHaveLength(ACCOUNTS);
    expect(demo.filter((a) => a.warmup_status !== 1)).toEqual([]);
    const page = await later.newPage();
    await page.goto(`${APP}/jobs/${id}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Done');
    await later.close();
  });

  test('a SIGKILL mid-action: after a restart the worker finishes it, no account gets a second job', async ({
    playwright,
  }) => {
    const request = await playwright.request.newContext();
    await useWorkspace(request, 'server');
    await expect
      .poll(
        async () =>
          ((await (await request.get(`${APP}/api/accounts?limit=1`)).json()) as { total?: number }).total,
        {
          timeout: 30_000,
        },
      )
      .toBe(ACCOUNTS);
    // All but one account: Instantly cannot select them itself, so the worker sends jobs of 100.
    const one = (await (await request.get(`${APP}/api/accounts?limit=1`)).json()) as {
      rows: Array<{ workspaceId: string; email: string }>;
    };
    const left = one.rows[0]!;
    const created = await request.post(`${APP}/api/bulk-actions`, {
      headers: ORIGIN,
      data: {
        kind: 'enable-warmup',
        target: { type: 'filter', filters: { scope: 'active' }, excluded: [left] },
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const { id, createdAt } = (await created.json()) as Summary;
    await expect
      .poll(async () => (await detailOf(request, id)).action.jobs.filter((j) => j.id).length, {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    expect((await detailOf(request, id)).action.status).toBe('running');

    await restartApp(request);
    // No browser from here on: only reads of the action's state.
    await expect
      .poll(async () => (await detailOf(request, id)).action.status, { timeout: 60_000 })
      .toBe('done');
    const detail = await detailOf(request, id);
    expect(detail.action.counts).toMatchObject({ total: ACCOUNTS - 1, done: ACCOUNTS - 1, failed: 0 });

    // What Instantly saw: exactly the action's jobs, and no account in two of them.
    const headers = { Authorization: `Bearer ${KEY}` };
    const list = (await (
      await request.get(`${SIM}/api/v2/background-jobs?limit=100`, { headers })
    ).json()) as {
      items: Job[];
    };
    const jobs = list.items.filter((job) => job.created_at >= createdAt.slice(0, 19));
    expect(jobs.map((j) => j.id).sort()).toEqual(
      detail.action.jobs
        .map((j) => j.id)
        .filter((jobId) => jobId !== null)
        .sort(),
    );
    const perAccount = new Map<string, number>();
    for (const job of jobs) {
      const full = (await (
        await request.get(`${SIM}/api/v2/background-jobs/${job.id}`, { headers })
      ).json()) as Job;
      for (const email of [
        ...(full.data?.processed_emails ?? []).map((p) => p.email),
        ...(full.data?.pending_emails ?? []),
      ])
        perAccount.set(email.toLowerCase(), (perAccount.get(email.toLowerCase()) ?? 0) + 1);
    }
    expect(perAccount.size).toBe(ACCOUNTS - 1);
    expect([...perAccount.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    expect(perAccount.has(left.email.toLowerCase())).toBe(false);
    await request.dispose();
  });

  test('a change made directly in Instantly shows in the account’s history after one interval, no page open', async ({
    playwright,
    browser,
  }) => {
    const request = await playwright.request.newContext();
    const headers = { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' };
    const [account] = await simAccounts(request, SIM, KEY);
    const email = account!.email;
    const next = (account!.daily_limit ?? 30) === 47 ? 48 : 47;
    // An account's settings history starts at a read of the account itself (list rows are sparse: a
    // list alone never starts it, the daily settings read does); here a person opened it once.
    const opened = await request.get(`${APP}/api/accounts/${encodeURIComponent(email)}?workspace=server`);
    expect(opened.status(), await opened.text()).toBe(200);
    const changedAt = new Date().toISOString();
    const patched = await request.patch(`${SIM}/api/v2/accounts/${encodeURIComponent(email)}`, {
      headers,
      data: { daily_limit: next },
    });
    expect(patched.status(), await patched.text()).toBe(200);

    // Neither the status API nor the analytics API starts a sync: only the worker's schedule can bring
    // the change in. A sync already under way when the change was made may have read that page before
    // it, so wait for the marker itself (a few intervals), not for the next "last synced" time.
    const markersTo = async (value: number) => {
      const analytics = (await (
        await request.get(`${APP}/api/accounts/${encodeURIComponent(email)}/analytics?workspace=server`)
      ).json()) as { markers: Array<{ source: string; changes: Array<{ to: unknown }> }> };
      return analytics.markers.filter((m) => m.source === 'sync' && m.changes.some((c) => c.to === value));
    };
    await expect.poll(async () => (await markersTo(next)).length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await markersTo(next)).toHaveLength(1);
    // The sync that brought it writes its markers page by page and its finish time last: the status
    // page shows a sync finished after the change once that sync is done.
    const lastSyncAt = async () =>
      ((await (await request.get(`${APP}/api/status`)).json()) as Status).workspaces.find(
        (w) => w.workspaceId === 'server',
      )?.lastSyncAt ?? '';
    await expect.poll(async () => (await lastSyncAt()) > changedAt, { timeout: 20_000 }).toBe(true);

    const page = await browser.newPage();
    await page.goto(`${APP}/status`);
    await expect(page.getByRole('heading', { name: 'Worker' })).toBeVisible();
    await expect(page.getByText('Running', { exact: true })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'worker is not running' })).toHaveCount(0);
    await snap(page, 'worker-status-page');
    await page.close();
    await request.dispose();
  });

  test('with no worker beating, the header warns and the job centre says why an action waits', async ({
    browser,
    playwright,
  }) => {
    const request = await playwright.request.newContext();
    await restartApp(request, { WORKER: 'off' });
    const page = await browser.newPage();
    await useWorkspace(page.request, 'demo');
    const one = (await (await page.request.get(`${APP}/api/accounts?limit=1`)).json()) as {
      rows: Array<{ workspaceId: string; email: string }>;
    };
    const created = await page.request.post(`${APP}/api/bulk-actions`, {
      headers: ORIGIN,
      data: { kind: 'pause', target: { type: 'keys', keys: [one.rows[0]] } },
    });
    expect(created.status(), await created.text()).toBe(201);
    const { id } = (await created.json()) as Summary;
    // The killed worker's last beat goes stale after two intervals (6 s).
    await page.goto(`${APP}/jobs/${id}`);
    const warning = page.getByRole('alert').filter({ hasText: 'The background worker is not running' });
    await expect(warning).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('status').filter({ hasText: 'The worker is not running' })).toBeVisible({
      timeout: 10_000,
    });
    await snap(page, 'worker-not-running-warning');
    expect((await detailOf(page.request, id)).action.counts.pending).toBe(1);
    await page.close();
    await request.dispose();
  });
});
