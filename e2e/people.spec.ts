import { type Browser, type BrowserContext } from '@playwright/test';
import { APP_URL, OWNER, SIM_KEYS, SIM_URL, expect, snap, test } from './fixtures';
import { APP_PORT } from './ports';
import { type JourneyApp, startJourneyApp } from './processes';

// People and sign-in on the main server (started with an owner), and the open demo on a server of
// its own (fresh DATA_DIR, no owner).

const headers = { Origin: APP_URL };

async function anonymous(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ baseURL: APP_URL, storageState: { cookies: [], origins: [] } });
}

/** An invite made by the owner (this test's signed-in request), accepted in a fresh browser. */
async function invitedContext(
  browser: Browser,
  owner: { post: BrowserContext['request']['post'] },
  invite: { role: string; workspaceIds?: string[] | null },
  who: { email: string; name: string },
): Promise<BrowserContext> {
  const made = await owner.post('/api/invites', { headers, data: invite });
  expect(made.status(), await made.text()).toBe(201);
  const { path } = (await made.json()) as { path: string };
  const context = await anonymous(browser);
  const accepted = await context.request.post(`/api${path.replace('/invite/', '/invites/')}`, {
    headers,
    data: { ...who, password: 'invited-password-123' },
  });
  expect(accepted.status(), await accepted.text()).toBe(201);
  return context;
}

test('sign-in: the page, a wrong password, the cookie flags, then the app as the owner', async ({
  browser,
}) => {
  const context = await anonymous(browser);
  const page = await context.newPage();
  await page.goto('/accounts');
  await expect(page).toHaveURL(/\/sign-in/);
  expect((await context.request.get('/api/accounts')).status()).toBe(401);
  await page.getByLabel('E-mail').fill(OWNER.email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong' })).toContainText(
    'Wrong e-mail or password',
  );
  await snap(page, 'sign-in-wrong-password');
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('person-menu')).toContainText(OWNER.name);
  const cookie = (await context.cookies()).find((c) => c.name === 'fleet.session_token');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });
  await context.close();
});

test('ten wrong passwords: the next attempt is refused with 429 and Retry-After', async ({ browser }) => {
  const context = await anonymous(browser);
  const attempt = () =>
    context.request.post('/api/auth/sign-in/email', {
      headers,
      data: { email: 'guesser-target@e2e.example', password: 'wrong-guess' },
    });
  for (let i = 0; i < 10; i += 1) expect((await attempt()).status()).toBe(401);
  const refused = await attempt();
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(60);
  expect(await refused.json()).toMatchObject({
    type: 'sign-in-throttled',
    title: 'Too many wrong passwords',
  });
  await context.close();
});

test('an invited viewer signs in, reads, is refused writes (403) and is offered no write controls', async ({
  browser,
  page,
}) => {
  await page.goto('/settings');
  await expect(page.getByRole('list', { name: 'Members' })).toContainText(OWNER.email);
  await page.getByLabel('Role', { exact: true }).selectOption('viewer');
  await page.getByRole('button', { name: 'Create invite link' }).click();
  const link = await page.getByLabel(/Send this link/).inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await snap(page, 'members-section');

  const viewer = await anonymous(browser);
  const invitee = await viewer.newPage();
  await invitee.goto(link);
  await expect(invitee.getByText('You are invited as viewer')).toBeVisible();
  await invitee.getByLabel('Your name').fill('Vic Viewer');
  await invitee.getByLabel('E-mail').fill('vic@e2e.example');
  await invitee.getByLabel('Password').fill('viewer-password-123');
  await invitee.getByRole('button', { name: 'Join and sign in' }).click();
  await expect(invitee.getByTestId('person-menu')).toContainText('viewer');
  // The link works once.
  const again = await viewer.request.get(`/api${new URL(link).pathname.replace('/invite/', '/invites/')}`);
  expect(again.status()).toBe(404);

  expect((await viewer.request.get('/api/accounts')).status()).toBe(200);
  const write = await viewer.request.post('/api/bulk-actions', {
    headers,
    data: { kind: 'pause', target: { kind: 'emails', emails: ['a@b.io'], workspaceId: 'demo' } },
  });
  expect(write.status()).toBe(403);
  expect((await write.json()).type).toBe('forbidden');
  await invitee.goto('/accounts');
  await expect(invitee.getByRole('row').nth(2)).toContainText('@');
  await expect(invitee.getByRole('button', { name: 'Refresh from Instantly' })).toHaveCount(0);
  await invitee.getByRole('row').nth(2).getByRole('checkbox').first().check();
  await expect(invitee.getByRole('region', { name: 'Bulk actions' })).toHaveCount(0);
  // Signing out is the one write a viewer makes.
  await invitee.getByRole('button', { name: 'Sign out' }).click();
  await expect(invitee).toHaveURL(/\/sign-in/);
  await viewer.close();
});

test('a member limited to the demo workspace gets 404 for any other workspace', async ({ browser, page }) => {
  const member = await invitedContext(
    browser,
    page.request,
    { role: 'operator', workspaceIds: ['demo'] },
    { email: 'demo-only@e2e.example', name: 'Dee Demo' },
  );
  expect((await member.request.get('/api/accounts')).status()).toBe(200);
  for (const path of [
    '/api/accounts/a%40b.io?workspace=ws_other',
    '/api/accounts/a%40b.io/analytics?workspace=ws_other',
  ]) {
    const answer = await member.request.get(path);
    expect([path, answer.status()]).toEqual([path, 404]);
  }
  const switched = await member.request.put('/api/workspaces/active', { headers, data: { id: 'ws_other' } });
  expect(switched.status()).toBe(404);
  // The owner sees the limit by the workspace's name, not its id.
  await page.goto('/settings');
  await expect(page.getByTestId('member-row').filter({ hasText: 'Dee Demo' })).toContainText('only Demo ·');
  await member.close();
});

test('a member limited to one workspace sees neither the demo nor another workspace: 404 for its accounts, jobs, export and history', async ({
  browser,
  page,
}) => {
  // The owner connects two client workspaces (A: Acme, B: Globex); the member gets A only.
  const ids: string[] = [];
  for (const key of [SIM_KEYS.acme, SIM_KEYS.globex]) {
    const added = await page.request.post('/api/workspaces', { headers, data: { key } });
    expect(added.status(), await added.text()).toBe(201);
    ids.push(((await added.json()) as { activeId: string }).activeId);
  }
  const [a, b] = ids as [string, string];
  const rowsOf = async (request: BrowserContext['request'], path: string) => {
    const answer = await request.get(path);
    expect([path, answer.status()]).toEqual([path, 200]);
    return ((await answer.json()) as { rows: { email: string; workspaceId: string }[] }).rows;
  };
  const [inB] = await rowsOf(page.request, `/api/accounts?scope=all&ws=${b}&limit=1`);
  expect(inB).toBeDefined();
  const bEmail = encodeURIComponent(inB!.email);
  // A job of B's, started by the owner (resuming an account is harmless to the shared simulator).
  const job = await page.request.post('/api/bulk-actions', {
    headers,
    data: { kind: 'resume', target: { type: 'keys', keys: [{ workspaceId: b, email: inB!.email }] } },
  });
  expect(job.status(), await job.text()).toBe(201);
  const jobId = ((await job.json()) as { id: string }).id;

  const member = await invitedContext(
    browser,
    page.request,
    { role: 'operator', workspaceIds: [a] },
    { email: 'client-a@e2e.example', name: 'Ava Client' },
  );
  const listed = (await (await member.request.get('/api/workspaces')).json()) as {
    workspaces: { id: string }[];
  };
  expect(listed.workspaces.map((w) => w.id)).toEqual([a]);
  // The all-workspaces table and the triage board hold A's accounts only (no demo, no B).
  const all = await rowsOf(member.request, '/api/accounts?scope=all&limit=200');
  expect(all.length).toBeGreaterThan(0);
  expect(new Set(all.map((r) => r.workspaceId))).toEqual(new Set([a]));
  const board = await member.request.get('/api/diagnostics?scope=all');
  expect(board.status()).toBe(200);
  const boardText = await board.text();
  for (const other of ['demo', b]) expect(boardText).not.toContain(`"workspaceId":"${other}"`);
  // B's things answer as if they did not exist.
  for (const path of [
    `/api/accounts/${bEmail}?workspace=${b}`,
    `/api/accounts/${bEmail}/analytics?workspace=${b}`,
    `/api/accounts/${bEmail}?workspace=demo`,
    `/api/bulk-actions/${jobId}`,
    `/api/accounts/export?scope=all&ws=${b}`,
    `/api/accounts/export?scope=all&ws=demo`,
  ]) {
    const answer = await member.request.get(path);
    expect([path, answer.status()]).toEqual([path, 404]);
  }
  const retry = await member.request.post(`/api/bulk-actions/${jobId}/retry`, { headers, data: {} });
  expect(retry.status()).toBe(404);
  const jobs = (await (await member.request.get('/api/bulk-actions')).json()) as {
    actions: { id: string }[];
  };
  expect(jobs.actions.map((j) => j.id)).not.toContain(jobId);
  // Their own export has A's accounts and nothing of B's.
  const csv = await member.request.get('/api/accounts/export?scope=all');
  expect(csv.status()).toBe(200);
  expect(await csv.text()).not.toContain(inB!.email);

  // What the member sees: the switcher offers A alone.
  const memberPage = await member.newPage();
  await memberPage.goto('/accounts');
  await memberPage.getByRole('button', { name: 'Switch workspace' }).click();
  const menu = memberPage.getByRole('menu');
  await expect(menu.getByRole('menuitem')).toHaveCount(2); // A, and the "add a key" link
  await expect(menu).not.toContainText('Demo');
  await expect(menu).not.toContainText('Globex');
  await snap(memberPage, 'limited-member-switcher');
  await member.close();
});

test('an admin withdraws an open invite: its link stops at once and says why', async ({ browser, page }) => {
  await page.goto('/settings');
  await page.getByLabel('Role', { exact: true }).selectOption('operator');
  await page.getByRole('button', { name: 'Create invite link' }).click();
  const link = await page.getByLabel(/Send this link/).inputValue();
  const invites = page.getByRole('list', { name: 'Open invites' });
  await expect(invites.getByTestId('invite-row').filter({ hasText: 'operator' }).first()).toBeVisible();
  await snap(page, 'open-invites');
  const before = await invites.getByTestId('invite-row').count();
  await invites
    .getByTestId('invite-row')
    .filter({ hasText: 'operator' })
    .first()
    .getByRole('button', { name: /Withdraw/ })
    .click();
  await expect(page.getByText('Invite withdrawn')).toBeVisible();
  await expect(invites.getByTestId('invite-row')).toHaveCount(before - 1);

  const stranger = await anonymous(browser);
  const invitee = await stranger.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole('alert').filter({ hasText: 'withdrawn' })).toContainText(
    'This invite was withdrawn. An admin withdrew it.',
  );
  await expect(invitee.getByRole('button', { name: 'Join and sign in' })).toHaveCount(0);
  await snap(invitee, 'invite-withdrawn');
  const accept = await stranger.request.post(
    `/api${new URL(link).pathname.replace('/invite/', '/invites/')}`,
    {
      headers,
      data: { email: 'late@e2e.example', name: 'Late', password: 'late-password-123' },
    },
  );
  expect(accept.status()).toBe(404);
  await stranger.close();
});

test('a signed-out visitor sent to sign-in from a page returns to it, query and all', async ({ browser }) => {
  const context = await anonymous(browser);
  const page = await context.newPage();
  await page.goto('/accounts?q=acme&view=x');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Faccounts%3Fq%3Dacme%26view%3Dx$/);
  await page.getByLabel('E-mail').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/accounts\?q=acme&view=x$/);
  await expect(page.getByTestId('person-menu')).toContainText(OWNER.name);
  // Another site's address is never followed: sign-in goes home instead.
  await page.goto('/sign-in?next=%2F%2Fevil.example%2F');
  await expect(page).toHaveURL(`${APP_URL}/`);
  await context.close();
});

test.describe('the open demo (nobody registered)', () => {
  const PORT = APP_PORT + 2;
  const URL = `http://127.0.0.1:${PORT}`;
  let app: JourneyApp | undefined;

  test.beforeAll(async ({ playwright }) => {
    const request = await playwright.request.newContext();
    app = await startJourneyApp(request, {
      name: 'open-demo',
      port: PORT,
      secret: 'e2e-open-demo-secret-0123456789abcdef012345',
      env: { INSTANTLY_API_BASE_URL: SIM_URL, DASHBOARD_OWNER_EMAIL: '', DASHBOARD_OWNER_PASSWORD: '' },
    });
    await request.dispose();
  });

  test.afterAll(async () => {
    await app?.stop();
  });

  test('lands on the demo fleet without sign-up; adding a key asks for the owner, then continues', async ({
    browser,
  }) => {
    const context = await browser.newContext({ baseURL: URL, storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    await page.goto('/accounts');
    await expect(page).toHaveURL(/\/accounts/);
    await expect(page.getByRole('row').nth(2)).toContainText('@');
    await expect(page.getByTestId('person-menu')).toHaveCount(0);

    await page.goto('/settings');
    await page.getByLabel('Instantly API key').fill(SIM_KEYS.acme);
    await page.getByRole('button', { name: 'Verify and add' }).click();
    const form = page.getByRole('form', { name: 'Create the owner account' });
    await expect(form).toBeVisible();
    await snap(page, 'owner-form');
    await form.getByLabel('E-mail').fill('first@e2e.example');
    await form.getByLabel('Name').fill('Fay First');
    await form.getByLabel('Password').fill('first-owner-password');
    await form.getByRole('button', { name: 'Create the owner and continue' }).click();
    await expect(page.getByTestId('person-menu')).toContainText('Fay First');
    await expect(page.getByText('Acme Outreach').first()).toBeVisible();
    // Exactly once.
    const second = await context.request.post('/api/owner', {
      headers: { Origin: URL },
      data: { email: 'second@e2e.example', name: 'Second', password: 'second-owner-password' },
    });
    expect(second.status()).toBe(409);
    await context.close();
  });
});
