import type { Page } from '@playwright/test';
import { SIM_KEYS, expect, expectAccessible, setTheme, snap, test } from './fixtures';

const grid = (page: Page) => page.getByRole('grid', { name: 'Sending accounts' });
const dataRows = (page: Page) => grid(page).locator('[role=row][aria-rowindex]:not([aria-rowindex="1"])');
const countLabel = (page: Page) => page.getByText(/^[\d,]+ accounts?$/);

async function totalShown(page: Page): Promise<number> {
  const text = await countLabel(page).innerText();
  return Number(text.replace(/[^\d]/g, ''));
}

test.describe('the fleet table', () => {
  test('filters with counts, search, and a URL that restores the view', async ({ page }) => {
    await page.goto('/accounts');
    await expect(dataRows(page).first()).toContainText('@');
    const all = await totalShown(page);
    expect(all).toBe(500);

    // A facet value shows its count, and ticking it narrows the table to exactly that many.
    const filters = page.getByRole('complementary', { name: 'Filters' });
    const statusGroup = filters.getByRole('group', { name: 'Status' });
    const connection = statusGroup.getByRole('checkbox', { name: /^Connection error/ });
    const label = await statusGroup
      .locator('label')
      .filter({ has: page.getByRole('checkbox', { name: /^Connection error/ }) })
      .innerText();
    const expected = Number(label.replace(/[^\d]/g, ''));
    expect(expected).toBeGreaterThan(5);
    await connection.check();
    await expect(page).toHaveURL(/status=-1/);
    await expect(countLabel(page)).toHaveText(`${expected} accounts`);

    // Sort by daily limit, largest first.
    await grid(page).getByRole('button', { name: 'Daily limit' }).click();
    await expect(page).toHaveURL(/sort=dailyLimit/);
    await expect(grid(page).getByRole('columnheader', { name: /Daily limit/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    await expect(dataRows(page).first()).toContainText('@');
    const limits = await grid(page).evaluate((el) => {
      const headers = [...el.querySelectorAll('[role=columnheader]')].map((h) => h.textContent ?? '');
      const column = headers.findIndex((h) => h.includes('Daily limit'));
      const rows = [...el.querySelectorAll('[role=row][aria-rowindex]')].slice(1, 9);
      return rows.map((r) =>
        Number(r.querySelectorAll('[role=gridcell]')[column]?.textContent?.replace(/[^\d]/g, '') || '-1'),
      );
    });
    expect(limits.length).toBeGreaterThan(3);
    expect(limits).toEqual([...limits].sort((a, b) => b - a));
    await snap(page, 'fleet-filtered-sorted');
    await expectAccessible(page);

    // The same URL in a fresh page restores filter, sort and count.
    const url = page.url();
    const again = await page.context().newPage();
    await again.goto(url);
    await expect(
      again
        .getByRole('complementary', { name: 'Filters' })
        .getByRole('group', { name: 'Status' })
        .getByRole('checkbox', { name: /^Connection error/ }),
    ).toBeChecked();
    await expect(grid(again).getByRole('columnheader', { name: /Daily limit/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    await expect(countLabel(again)).toHaveText(`${expected} accounts`);
    await again.close();

    // "/" jumps to search; the search narrows further and lands in the URL.
    await page.keyboard.press('/');
    await expect(page.getByRole('searchbox', { name: /Search accounts/ })).toBeFocused();
    const firstEmail = (await dataRows(page).first().getByRole('gridcell').nth(1).innerText()).split(
      '\n',
    )[0]!;
    await page.keyboard.type(firstEmail);
    await expect(page).toHaveURL(/q=/);
    await expect(countLabel(page)).toHaveText('1 account');
  });

  test('the CSV export holds exactly the filtered rows', async ({ page }) => {
    await page.goto('/accounts?error=yes&sort=email');
    await expect(dataRows(page).first()).toContainText('@');
    const total = await totalShown(page);
    const api = await page.request.get('/api/accounts?error=yes&sort=email&limit=500');
    const expected = ((await api.json()) as { rows: Array<{ email: string }> }).rows.map((r) => r.email);
    expect(expected).toHaveLength(total);

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: /Export .* as CSV/ }).click();
    const file = await (await download).path();
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(file, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^workspace,email,/);
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(expected);
  });

  test('keyboard: move, select, open', async ({ page }) => {
    await page.goto('/accounts?sort=email');
    await expect(dataRows(page).first()).toContainText('@');
    await grid(page).focus();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await expect(page.getByText('1 selected')).toBeVisible();
    await expect(dataRows(page).nth(2)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('k');
    await page.keyboard.press('Shift+X');
    await expect(page.getByText('2 selected')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByText(/selected$/)).toBeHidden();
    const email = (await dataRows(page).nth(1).getByRole('gridcell').nth(1).innerText()).split('\n')[0]!;
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(
      new RegExp(`/accounts/${encodeURIComponent(email).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );

    // The account cell is a real link (a new tab, a middle-click, "copy link"), out of the tab order.
    await page.goBack();
    const link = dataRows(page).nth(1).getByRole('link', { name: email, exact: true });
    await expect(link).toHaveAttribute('href', `/accounts/${encodeURIComponent(email)}?workspace=demo`);
    await expect(link).toHaveAttribute('tabindex', '-1');
    const [opened] = await Promise.all([
      page.context().waitForEvent('page'),
      link.click({ modifiers: ['Control'] }),
    ]);
    await expect(opened).toHaveURL(/\/accounts\/[^/?]+\?workspace=demo$/);
    await opened.close();
    await expect(page).toHaveURL(/\/accounts\?sort=email/);
  });

  test('an empty setting says which kind of empty it is: not set, or not read until the account is opened', async ({
    page,
  }) => {
    await page.goto('/accounts');
    await expect(dataRows(page).first()).toContainText('@');
    // Accounts without a daily limit sort last (new and managed inboxes have none, as real ones).
    const answer = await page.request.get('/api/accounts?sort=dailyLimit&order=desc&offset=480&limit=20');
    const { rows } = (await answer.json()) as { rows: Array<{ email: string; dailyLimit: number | null }> };
    const bare = rows.find((r) => r.dailyLimit === null);
    expect(bare, 'an account without a daily limit').toBeDefined();
    await page.goto(`/accounts?q=${encodeURIComponent(bare!.email)}`);
    await expect(countLabel(page)).toHaveText('1 account');
    const row = dataRows(page).first();
    await expect(row.getByLabel("not set (Instantly's default)").first()).toHaveText('not set');
    // List rows carry no warmup limit: unknown until the account itself is read.
    await expect(row.getByLabel('open the account to read it')).toHaveText('not read');
    await snap(page, 'fleet-not-set-not-read');

    await row.getByRole('gridcell').nth(1).click();
    await expect(page.getByRole('heading', { level: 1, name: bare!.email })).toBeVisible();
    const form = page.getByRole('form', { name: 'Account settings' });
    await expect(form.getByText("Now not set (Instantly's default).").first()).toBeVisible();
    await snap(page, 'account-not-set');
    // Its chart says the same of the days since it was read (reloaded: the read is in its history now).
    await page.reload();
    const chart = page.getByRole('region', { name: 'Warmup health and sending settings' });
    await expect(chart.locator('[data-notice="settings-not-set"]')).toHaveText(
      /^Daily limit( and sending gap)?: not set \(Instantly's default\) /,
    );
    // The chart's legend names why there is no limit line (the charts load once in view).
    await chart.getByRole('figure').first().scrollIntoViewIfNeeded();
    await expect(chart.locator('svg.recharts-surface').first()).toBeVisible();
    await expect(chart.getByText("Daily limit: not set (Instantly's default)").first()).toBeVisible();
    await snap(page, 'account-chart-not-set-legend');
    await chart
      .getByRole('button', { name: /Show as table/ })
      .first()
      .click();
    await expect(chart.getByRole('table').first().getByRole('row').last()).toContainText(
      "not set (Instantly's default)",
    );
    await snap(page, 'account-chart-not-set');

    // Opened, the account's warmup limit is read: the table no longer says "not read".
    await page.goto(`/accounts?q=${encodeURIComponent(bare!.email)}`);
    await expect(countLabel(page)).toHaveText('1 account');
    await expect(dataRows(page).first().getByLabel('open the account to read it')).toHaveCount(0);
    await expectAccessible(page);
  });

  test('an account Instantly sends in a shape we cannot read stays in the table with its email and why, and reads again once fixed', async ({
    page,
    sim,
  }) => {
    await page.goto('/accounts?sort=email');
    await expect(dataRows(page).first()).toContainText('@');
    const emailOf = async (index: number) =>
      (await dataRows(page).nth(index).getByRole('gridcell').nth(1).innerText()).split('\n')[0]!;
    const odd = await emailOf(1);
    const neighbour = await emailOf(2);
    const name = (await dataRows(page).nth(1).getByRole('gridcell').nth(1).innerText()).split('\n')[1]!;
    const reason = 'could not be read: daily_limit: expected number, received string';

    // One row of Instantly's list page has a field of the wrong type; the rest of the page is fine.
    await sim.demo.inject([
      { kind: 'malformed-row', workspace: 'demo', method: 'GET', path: '^/accounts$', emails: [odd] },
    ]);
    await page.getByRole('button', { name: 'Refresh from Instantly' }).click();
    const oddRow = dataRows(page).filter({ hasText: odd });
    await expect(oddRow).toContainText(reason, { timeout: 30_000 });
    // Only that row: its neighbours read normally, and no account went missing from the table.
    await expect(grid(page).getByText(/^could not be read:/)).toHaveCount(1);
    await expect(dataRows(page).filter({ hasText: neighbour })).not.toContainText('could not be read');
    expect(await totalShown(page)).toBe(500);
    // The sync ends as a success: one odd row does not fail the page it came on.
    await expect(page.getByText(/^Synced (just now|\d+ seconds? ago)$/)).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/Last sync failed/)).toBeHidden();
    await snap(page, 'fleet-unreadable-row');
    await setTheme(page, 'dark');
    await expect(oddRow).toContainText(reason);
    await snap(page, 'fleet-unreadable-row-dark');
    await expectAccessible(page);

    // Instantly sends the account normally again: the next sync reads it, the mark goes.
    await sim.demo.clear();
    await page.getByRole('button', { name: 'Refresh from Instantly' }).click();
    await expect(oddRow).not.toContainText('could not be read', { timeout: 30_000 });
    await expect(oddRow).toContainText(name);
    await expect(grid(page).getByText(/^could not be read:/)).toHaveCount(0);
  });

  test('a constant number of DOM rows at any scroll position, in light and dark', async ({ page }) => {
    await page.goto('/accounts');
    await expect(dataRows(page).first()).toContainText('@');
    const counts: number[] = [];
    for (const fraction of [0, 0.5, 1]) {
      await grid(page).evaluate((el, f) => el.scrollTo(0, (el.scrollHeight - el.clientHeight) * f), fraction);
      await page.waitForTimeout(200);
      counts.push(await dataRows(page).count());
    }
    expect(Math.max(...counts)).toBeLessThan(60);
    await expect(dataRows(page).last()).toContainText('@');
    await setTheme(page, 'dark');
    await expect(dataRows(page).first()).toContainText('@');
    await snap(page, 'fleet-dark');
    await expectAccessible(page);
  });

  test('several workspaces in one table, with a workspace column and facet', async ({ page }) => {
    for (const [key, name] of [
      [SIM_KEYS.acme, 'Acme Outreach'],
      [SIM_KEYS.globex, 'Globex Growth'],
    ] as const) {
      await page.goto('/settings');
      await page.getByLabel('Instantly API key').fill(key);
      await page.getByRole('button', { name: 'Verify and add' }).click();
      await expect(page.getByText(`Connected ${name}`)).toBeVisible();
    }
    await page.goto('/accounts');
    await page
      .getByRole('group', { name: 'Which workspaces' })
      .getByRole('button', { name: 'All workspaces' })
      .click();
    await expect(page).toHaveURL(/scope=all/);
    await expect(countLabel(page)).toHaveText('450 accounts', { timeout: 30_000 });
    await expect(grid(page).getByRole('columnheader', { name: 'Workspace' })).toBeVisible();
    const workspaces = page
      .getByRole('complementary', { name: 'Filters' })
      .getByRole('group', { name: 'Workspace' });
    await expect(workspaces.getByRole('checkbox', { name: /^Acme Outreach/ })).toBeVisible();
    await workspaces.getByRole('checkbox', { name: /^Globex Growth/ }).check();
    await expect(countLabel(page)).toHaveText('150 accounts');
    await expect(dataRows(page).first()).toContainText('Globex Growth');
    await snap(page, 'fleet-all-workspaces');
  });

  test('domain vitals for a selection of accounts', async ({ page }) => {
    await page.goto('/accounts?domain=withzenithly.co');
    await expect(dataRows(page).first()).toContainText('@');
    await grid(page).getByRole('checkbox', { name: 'Select the visible rows' }).check();
    await page
      .getByRole('region', { name: 'Bulk actions' })
      .getByRole('button', { name: 'Test vitals' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Domain vitals' });
    await expect(dialog.getByRole('status')).toContainText('1 of 1 domain fail');
    await expect(dialog.getByRole('row', { name: /withzenithly\.co/ })).toContainText('fail');
    await snap(page, 'fleet-bulk-vitals');
  });
});
