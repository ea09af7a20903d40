import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { type APIRequestContext, type Page, expect, test } from '@playwright/test';
import { OWNER, setTheme, snap } from './fixtures';
import { APP_PORT } from './ports';
import { exited, killProcess, startProcess, waitUp } from './processes';

// Agencies: one admin key added in Settings brings in the client workspaces of its Instantly
// workspace group. With an app and a simulator of this journey's own, so the simulator's request log
// (SIM_LOG) is this journey's alone and shows which x-as-workspace every call carried.

const PORT = APP_PORT + 2;
const SIM_PORT = APP_PORT + 3;
const APP = `http://127.0.0.1:${PORT}`;
const SIM = `http://127.0.0.1:${SIM_PORT}`;
const DATA_DIR = `.data-e2e-${PORT}`;
const ORIGIN = { Origin: APP };
const ADMIN_KEY = 'sim_agency_9c4e1a7b3d5f2e80';
const AGENCY =
  `${ADMIN_KEY}:Northwind Agency:31:8|Bluebird Dental:37:60|Cobalt Legal:41:45|Driftwood Cafe:43:30` +
  '|Ember Fitness:47:12:pending|Fjord Realty:53:12:rejected';
const CLIENTS = { 'Bluebird Dental': 60, 'Cobalt Legal': 45, 'Driftwood Cafe': 30 } as const;

type LogLine = { sim: string; method: string; path: string; status: number; asWorkspace?: string };
type Member = { sub_workspace_id: string; sub_workspace_name: string; status: string };

const env = {
  NODE_ENV: 'production',
  NEXT_TELEMETRY_DISABLED: '1',
  HOST: '127.0.0.1',
  SIM_AGENCIES: AGENCY,
  SIM_WORKSPACES: ',',
  SIM_ACCOUNTS: '20',
  SIM_JOB_SPEED: '60',
};

let simulator: ChildProcess | undefined;
let app: ChildProcess | undefined;
const simLog: LogLine[] = [];

const grid = (page: Page) => page.getByRole('grid', { name: 'Sending accounts' });
const dataRows = (page: Page) => grid(page).locator('[role=row][aria-rowindex]:not([aria-rowindex="1"])');
const countLabel = (page: Page) => page.getByText(/^[\d,]+ accounts?$/);

async function members(request: APIRequestContext): Promise<Member[]> {
  const response = await request.get(`${SIM}/api/v2/workspace-group-members?limit=100`, {
    headers: { Authorization: `Bearer ${ADMIN_KEY}` },
  });
  return ((await response.json()) as { items: Member[] }).items;
}

test.describe('an agency’s admin key', () => {
  test.describe.configure({ timeout: 180_000 });

  test.beforeAll(async ({ playwright }) => {
    rmSync(DATA_DIR, { recursive: true, force: true });
    simulator = startProcess(
      'simulator',
      ['npm', 'run', 'simulator'],
      { ...env, SIM_PORT: String(SIM_PORT), SIM_LOG: 'on' },
      (line) => {
        if (line.startsWith('{')) simLog.push(JSON.parse(line) as LogLine);
      },
    );
    app = startProcess('app', ['npm', 'run', 'serve'], {
      ...env,
      PORT: String(PORT),
      DATA_DIR,
      DASHBOARD_SECRET: 'e2e-agency-secret-0123456789abcdef0123456789ab',
      INSTANTLY_API_BASE_URL: SIM,
      // The agency's workspaces alone, so the all-workspaces table counts only theirs.
      DEMO_WORKSPACE: 'off',
      DASHBOARD_OWNER_EMAIL: OWNER.email,
      DASHBOARD_OWNER_PASSWORD: OWNER.password,
      DASHBOARD_OWNER_NAME: OWNER.name,
    });
    const request = await playwright.request.newContext();
    await waitUp(request, `${SIM}/api/v2/workspaces/current`, 401);
    await waitUp(request, `${APP}/api/health`);
    await request.dispose();
  });

  test.afterAll(async () => {
    killProcess(app);
    killProcess(simulator);
    await Promise.all([exited(app), exited(simulator)]);
    rmSync(DATA_DIR, { recursive: true, force: true });
  });

  test('adds three client workspaces, shows their accounts together, changes warmup across two clients', async ({
    browser,
  }) => {
    const context = await browser.newContext({ baseURL: APP, storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    const request = context.request;
    const signedIn = await request.post(`${APP}/api/auth/sign-in/email`, {
      headers: ORIGIN,
      data: { email: OWNER.email, password: OWNER.password },
    });
    expect(signedIn.status(), await signedIn.text()).toBe(200);
    const group = await members(request);
    const idOf = (name: string) => group.find((m) => m.sub_workspace_name === name)!.sub_workspace_id;

    // Settings: the admin key answers with its group; the accepted clients are chosen already.
    await page.goto('/settings');
    await page.getByLabel('Instantly API key').fill(ADMIN_KEY);
    await page.getByLabel('Label (optional)').fill('Northwind key');
    await page.getByRole('button', { name: 'Verify and add' }).click();
    const chooser = page.getByRole('form', { name: /Northwind Agency is an agency’s admin workspace/ });
    await expect(chooser).toBeVisible();
    for (const [name, count] of Object.entries(CLIENTS)) {
      const box = chooser.getByRole('checkbox', { name: new RegExp(`^${name}`) });
      await expect(box).toBeChecked();
      await expect(box).toHaveAccessibleDescription(`${count} accounts`);
    }
    await expect(chooser.getByRole('checkbox', { name: /^Ember Fitness/ })).toBeDisabled();
    await expect(chooser.getByRole('checkbox', { name: /^Fjord Realty/ })).toBeDisabled();
    await expect(chooser).toContainText('Invitation pending');
    await snap(page, 'agency-choose-clients');
    await chooser.getByRole('button', { name: 'Add 3 client workspaces' }).click();
    await expect(page.getByText('Connected 3 client workspaces')).toBeVisible();

    // Each client is a workspace of its own, with its name, served by the one stored key.
    const list = page.getByRole('list', { name: 'Connected workspaces' });
    for (const name of Object.keys(CLIENTS)) {
      await expect(list.getByRole('listitem').filter({ hasText: name })).toContainText(
        'Client workspace, served by the admin key “Northwind key”',
      );
    }
    await expect(list).not.toContainText('Ember Fitness');
    await expect(page.getByRole('checkbox', { name: /join this group later/ })).toBeChecked();
    await snap(page, 'agency-settings-list');
    await setTheme(page, 'dark');
    await snap(page, 'agency-settings-list-dark');
    await setTheme(page, 'light');
    const listed = (await (await request.get(`${APP}/api/workspaces`)).json()) as {
      workspaces: Array<{ name: string }>;
    };
    expect(listed.workspaces.map((w) => w.name)).toEqual([
      'Northwind Agency',
      'Bluebird Dental',
      'Cobalt Legal',
      'Driftwood Cafe',
    ]);
    await page.getByRole('button', { name: 'Switch workspace' }).click();
    for (const name of Object.keys(CLIENTS)) await expect(page.getByRole('menuitem', { name })).toBeVisible();
    await page.keyboard.press('Escape');

    // The all-workspaces table: every client's accounts, each row naming its workspace.
    await page.goto('/accounts?scope=all');
    await expect(countLabel(page)).toHaveText('143 accounts', { timeout: 60_000 });
    await expect(grid(page).getByRole('columnheader', { name: 'Workspace' })).toBeVisible();
    const facet = page
      .getByRole('complementary', { name: 'Filters' })
      .getByRole('group', { name: 'Workspace' });
    await facet.getByRole('checkbox', { name: /^Cobalt Legal/ }).check();
    await expect(countLabel(page)).toHaveText('45 accounts');
    await expect(dataRows(page).first()).toContainText('Cobalt Legal');
    // Two clients at once: the facet still lists the others, with their counts.
    await facet.getByRole('checkbox', { name: /^Bluebird Dental/ }).check();
    await expect(countLabel(page)).toHaveText('105 accounts');
    await expect(page).toHaveURL(new RegExp(`ws=.*${idOf('Bluebird Dental')}`));
    await snap(page, 'agency-all-workspaces');

    // A bulk warmup change over the accounts of two clients.
    await grid(page).getByRole('checkbox', { name: 'Select the visible rows' }).check();
    await page.getByRole('button', { name: 'Select all 105 matching' }).click();
    await page
      .getByRole('region', { name: 'Bulk actions' })
      .getByRole('button', { name: 'Disable warmup' })
      .click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('105 accounts');
    await expect(dialog).toContainText('Bluebird Dental');
    await expect(dialog).toContainText('Cobalt Legal');
    await dialog.getByRole('button', { name: /105 accounts/ }).click();
    await page.getByRole('button', { name: 'View progress' }).click();
    await expect(page).toHaveURL(/\/jobs\/[\w-]+$/);
    await expect(page.getByRole('progressbar').first()).toHaveAttribute('aria-valuenow', '100', {
      timeout: 60_000,
    });
    await expect(page.getByText(/105 done · 0 failed/)).toBeVisible();
    await snap(page, 'agency-bulk-done');
    const actionId = new URL(page.url()).pathname.split('/').pop()!;
    const detail = (await (await request.get(`${APP}/api/bulk-actions/${actionId}?limit=500`)).json()) as {
      items: Array<{ workspaceId: string; email: string; state: string }>;
    };
    expect(detail.items).toHaveLength(105);
    expect(detail.items.every((i) => i.state === 'done')).toBe(true);
    const perWorkspace = new Map<string, number>();
    for (const item of detail.items)
      perWorkspace.set(item.workspaceId, (perWorkspace.get(item.workspaceId) ?? 0) + 1);
    expect(Object.fromEntries(perWorkspace)).toEqual({
      [`ws_${idOf('Bluebird Dental')}`]: 60,
      [`ws_${idOf('Cobalt Legal')}`]: 45,
    });

    // The simulator's log: every call the dashboard made carried the right x-as-workspace. A client's
    // own calls name it; the admin workspace's (its key check, the group list, its own accounts) none.
    const accepted = new Set(Object.keys(CLIENTS).map(idOf));
    const calls = simLog.filter((l) => l.sim === 'request');
    expect(calls.length).toBeGreaterThan(20);
    expect(calls.filter((l) => l.status === 403)).toEqual([]);
    for (const call of calls)
      if (call.asWorkspace !== undefined) expect(accepted).toContain(call.asWorkspace);
    const warmupCalls = calls.filter((l) => l.path === '/api/v2/accounts/warmup/disable');
    expect(new Set(warmupCalls.map((l) => l.asWorkspace))).toEqual(
      new Set([idOf('Bluebird Dental'), idOf('Cobalt Legal')]),
    );
    const groupCalls = calls.filter((l) => l.path === '/api/v2/workspace-group-members');
    expect(groupCalls.length).toBeGreaterThan(0);
    expect(groupCalls.every((l) => l.asWorkspace === undefined)).toBe(true);
    for (const name of Object.keys(CLIENTS))
      expect(calls.some((l) => l.path === '/api/v2/accounts' && l.asWorkspace === idOf(name))).toBe(true);
    // Pending and rejected clients were never acted on.
    for (const name of ['Ember Fitness', 'Fjord Realty'])
      expect(calls.some((l) => l.asWorkspace === idOf(name))).toBe(false);
    await context.close();
  });
});
