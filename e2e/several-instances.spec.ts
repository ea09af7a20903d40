import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { type ThrowawayPostgres, startThrowawayPostgres } from '@/lib/cli/throwaway-postgres';
import { APP_PORT } from './ports';
import { OWNER, snap } from './fixtures';
import { killProcess, startProcess, waitUp } from './processes';

// Two built app instances on one PostgreSQL, behind what a load balancer would do: instance A starts a
// bulk warmup change over 300 accounts and is killed (SIGKILL) while Instantly's jobs run; B's worker
// takes the action over once A's lease lapses and finishes it, with no browser lending it anything.
// Every account must end exactly once, and Instantly (this journey's own simulator) must never get a
// second job for an account.

const PORT_A = APP_PORT + 2;
const PORT_B = APP_PORT + 3;
const SIM_PORT = APP_PORT + 4;
const SIM = `http://127.0.0.1:${SIM_PORT}`;
const KEY = 'sim_multi_4c8e2a6f0b1d3e57';
const ACCOUNTS = 300;

const serverEnv = {
  NODE_ENV: 'production' as const,
  NEXT_TELEMETRY_DISABLED: '1',
  HOST: '127.0.0.1',
  DASHBOARD_SECRET: 'e2e-multi-secret-0123456789abcdef0123456789ab',
  KEY_CHECKS_PER_MINUTE: '30',
  SIM_CONTROL: '1',
  // 5 emails a second per job: a 100-account batch runs for ~20 s, long enough to kill A mid-way.
  SIM_JOB_SPEED: '5',
  SIM_WORKSPACES: `${KEY}:Multi Co:31:${ACCOUNTS}`,
  // A lapses 6 s after its last heartbeat, so B takes over within the test's patience.
  BULK_LEASE_TTL_MS: '6000',
  // The workers' key: the server-configured workspace on this journey's simulator.
  INSTANTLY_API_KEY: KEY,
  INSTANTLY_API_LABEL: 'Multi Co',
};

const start = (name: string, command: [string, ...string[]], env: Record<string, string>) =>
  startProcess(name, command, { ...serverEnv, ...env });
const kill = killProcess;

type Summary = {
  id: string;
  status: string;
  counts: { total: number; pending: number; running: number; done: number; failed: number };
  jobs: Array<{ id: string | null; state: string; size: number }>;
};
type Detail = {
  action: Summary;
  items: Array<{ email: string; state: string; error: string | null }>;
  itemsTotal: number;
};
type Job = {
  id: string;
  status: string;
  created_at: string;
  data?: { processed_emails?: Array<{ email: string }>; pending_emails?: string[] };
};

let postgres: ThrowawayPostgres | undefined;
let simulator: ChildProcess | undefined;
let appA: ChildProcess | undefined;
let appB: ChildProcess | undefined;

test.describe('several instances on one PostgreSQL', () => {
  test.describe.configure({ timeout: 240_000 });

  test.beforeAll(async ({ playwright }) => {
    postgres = await startThrowawayPostgres();
    simulator = start('sim', ['npm', 'run', 'simulator'], { SIM_PORT: String(SIM_PORT) });
    const app = (port: number) => ({
      PORT: String(port),
      DATABASE_URL: postgres!.url,
      DATA_DIR: `.data-e2e-${port}`,
      INSTANTLY_API_BASE_URL: SIM,
      DASHBOARD_OWNER_EMAIL: OWNER.email,
      DASHBOARD_OWNER_PASSWORD: OWNER.password,
    });
    for (const port of [PORT_A, PORT_B]) rmSync(`.data-e2e-${port}`, { recursive: true, force: true });
    // Both start together: they migrate the empty database at the same moment (one waits on the lock).
    appA = start('A', ['npm', 'run', 'serve'], app(PORT_A));
    appB = start('B', ['npm', 'run', 'serve'], app(PORT_B));
    const request = await playwright.request.newContext();
    await waitUp(request, `${SIM}/_control`);
    await waitUp(request, `http://127.0.0.1:${PORT_A}/api/health`);
    await waitUp(request, `http://127.0.0.1:${PORT_B}/api/health`);
    await request.dispose();
  });

  test.afterAll(() => {
    kill(appA);
    kill(appB);
    kill(simulator, 'SIGTERM');
    postgres?.stop();
    for (const port of [PORT_A, PORT_B]) rmSync(`.data-e2e-${port}`, { recursive: true, force: true });
  });

  test('a bulk warmup change started on A, which is killed mid-way, is finished by B exactly once per account', async ({
    page,
  }) => {
    const A = `http://127.0.0.1:${PORT_A}`;
    const B = `http://127.0.0.1:${PORT_B}`;
    // These instances have their own secret: the browser signs in to them (one database, so one
    // session for both, as behind one load-balanced name).
    const signedIn = await page.request.post(`${A}/api/auth/sign-in/email`, {
      headers: { Origin: A },
      data: { email: OWNER.email, password: OWNER.password },
    });
    expect(signedIn.status(), await signedIn.text()).toBe(200);
    // The journeys' saved state starts on the demo; this one works on the server-configured workspace.
    await page.context().addCookies([
      {
        name: 'fleet_workspace',
        value: 'server',
        domain: '127.0.0.1',
        path: '/',
        httpOnly: true,
        sameSite: 'Lax',
      },
    ]);
    await page.goto(`${A}/accounts`);
    await expect(page.getByText(`${ACCOUNTS} accounts`)).toBeVisible({ timeout: 60_000 });

    // All but one account: Instantly cannot select those itself, so the engine sends explicit jobs of
    // at most 100 for the accounts whose warmup is not on yet, and A dies while they run.
    const first = (await (await page.request.get(`${A}/api/accounts?limit=1`)).json()) as {
      rows: Array<{ workspaceId: string; email: string }>;
    };
    const left = first.rows[0]!;
    const created = await page.request.post(`${A}/api/bulk-actions`, {
      headers: { Origin: A },
      data: {
        kind: 'enable-warmup',
        target: {
          type: 'filter',
          filters: { scope: 'active' },
          excluded: [{ workspaceId: left.workspaceId, email: left.email }],
        },
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const { id, createdAt } = (await created.json()) as Summary & { createdAt: string };

    // A has Instantly working on the first batches: some accounts done, most still to go.
    await page.goto(`${A}/jobs/${id}`);
    await expect
      .poll(
        async () =>
          (
            (await (await page.request.get(`${A}/api/bulk-actions/${id}`)).json()) as Detail
          ).action.jobs.filter((j) => j.id).length,
        {
          timeout: 60_000,
        },
      )
      .toBeGreaterThan(0);
    await snap(page, 'several-instances-a-running');
    kill(appA);

    // B's worker takes the lease once A's has lapsed and drives the action to its end; the browser,
    // sent to B by the balancer, only watches.
    await page.goto(`${B}/jobs/${id}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(/Done|Partly failed/, {
      timeout: 180_000,
    });
    await snap(page, 'several-instances-b-finished');

    const detail = (await (await page.request.get(`${B}/api/bulk-actions/${id}?limit=500`)).json()) as Detail;
    expect(detail.itemsTotal).toBe(ACCOUNTS - 1);
    expect(detail.action.counts.total).toBe(ACCOUNTS - 1);
    expect(detail.action.counts.pending + detail.action.counts.running).toBe(0);
    const emails = detail.items.map((item) => item.email.toLowerCase());
    expect(new Set(emails).size).toBe(ACCOUNTS - 1);
    expect(emails).not.toContain(left.email.toLowerCase());
    // The seeded workspace has no account Instantly refuses: each one ends done, once, with no error.
    expect(detail.items.filter((item) => item.state !== 'done' || item.error !== null)).toEqual([]);
    expect(detail.action.counts).toMatchObject({ done: ACCOUNTS - 1, failed: 0 });

    // What Instantly saw: the accounts of every job since the action began (the simulated workspace
    // also carries a history of older jobs), and no account in two of them.
    const headers = { Authorization: `Bearer ${KEY}` };
    const list = (await (
      await page.request.get(`${SIM}/api/v2/background-jobs?limit=100`, { headers })
    ).json()) as {
      items: Job[];
    };
    const targeted: string[] = [];
    const jobs = list.items.filter((job) => job.created_at >= createdAt.slice(0, 19));
    // Exactly the jobs the action recorded: B adopted A's jobs instead of starting them again.
    expect(jobs.map((j) => j.id).sort()).toEqual(
      detail.action.jobs
        .map((j) => j.id)
        .filter((jobId) => jobId !== null)
        .sort(),
    );
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) {
      const full = (await (
        await page.request.get(`${SIM}/api/v2/background-jobs/${job.id}`, { headers })
      ).json()) as Job;
      targeted.push(
        ...(full.data?.processed_emails ?? []).map((p) => p.email.toLowerCase()),
        ...(full.data?.pending_emails ?? []).map((e) => e.toLowerCase()),
      );
    }
    expect(targeted.length).toBe(new Set(targeted).size);
    const inJobs = new Set(targeted);
    for (const email of inJobs)
      expect(emails, `${email} was in a job but not in the action`).toContain(email);
    for (const item of detail.items.filter((i) => i.state === 'done'))
      expect(inJobs.has(item.email.toLowerCase()), `${item.email} is done but was in no job`).toBe(true);
    await expect(page.getByText(new RegExp(`${detail.action.counts.done} done`))).toBeVisible();
  });
});
