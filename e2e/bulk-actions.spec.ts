import type { Page } from '@playwright/test';
import { OWNER, expect, expectAccessible, signedInContext, snap, test } from './fixtures';

const grid = (page: Page) => page.getByRole('grid', { name: 'Sending accounts' });
const dataRows = (page: Page) => grid(page).locator('[role=row][aria-rowindex]:not([aria-rowindex="1"])');
const emailOf = async (page: Page, index: number) =>
  (await dataRows(page).nth(index).getByRole('gridcell').nth(1).innerText()).split('\n')[0]!;

/** Opens the confirm dialog of a bulk action, checks what it says, confirms, and opens the job. */
async function runBulk(page: Page, action: string, expectCount: number) {
  await page.getByRole('region', { name: 'Bulk actions' }).getByRole('button', { name: action }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`${expectCount.toLocaleString('en')} account`);
  await expect(dialog).toContainText('Demo');
  await snap(page, `bulk-confirm-${action.toLowerCase().replace(/\s+/g, '-')}`);
  await dialog.getByRole('button', { name: new RegExp(`${expectCount} account`) }).click();
  await page.getByRole('button', { name: 'View progress' }).click();
  await expect(page).toHaveURL(/\/jobs\/[\w-]+$/);
}

test.describe('bulk actions and the job centre', () => {
  test('filter to Connection error, select all matching, enable warmup, watch it finish, see the rows change', async ({
    page,
  }) => {
    await page.goto('/accounts?status=-1&sort=email');
    await expect(grid(page)).toBeVisible();
    const total = Number((await page.getByText(/^[\d,]+ accounts$/).innerText()).replace(/[^\d]/g, ''));
    // Some of them have warmup paused (or worse) before the change.
    const before = await page.request.get('/api/accounts/facets?status=-1');
    const warmupBefore = (
      (await before.json()) as { facets: { warmup: Array<{ value: string; count: number }> } }
    ).facets.warmup;
    expect(warmupBefore.some((w) => w.value !== '1' && w.count > 0)).toBe(true);

    await grid(page).getByRole('checkbox', { name: 'Select the visible rows' }).check();
    await page.getByRole('button', { name: `Select all ${total} matching` }).click();
    await expect(page.getByText(`${total} selected`)).toBeVisible();
    await runBulk(page, 'Enable warmup', total);

    const progress = page.getByRole('progressbar').first();
    await expect(progress).toHaveAttribute('aria-valuenow', '100', { timeout: 45_000 });
    await expect(page.getByRole('heading', { level: 1 })).toContainText(/Done|Partly failed/);
    await expect(page.getByText(new RegExp(`${total} done · 0 failed`))).toBeVisible();
    await expect(
      page.getByRole('definition').filter({ hasText: new RegExp(`by ${OWNER.name}$`) }),
    ).toBeVisible();
    await snap(page, 'job-finished');
    const jobUrl = new URL(page.url()).pathname;

    // The job centre's list says who started it, on the line of this very action.
    await page.goto('/jobs');
    const entry = page
      .getByRole('list', { name: 'Bulk actions, newest first' })
      .getByRole('listitem')
      .filter({ has: page.locator(`a[href="${jobUrl}"]`) });
    await expect(entry).toContainText(new RegExp(`started .+ by ${OWNER.name}`));
    await snap(page, 'jobs-list');

    await page.goto('/accounts?status=-1&warmup=0');
    await expect(page.getByText('No account matches these filters')).toBeVisible();
    await page.goto('/accounts?status=-1');
    await expect(grid(page).getByText('Paused').first()).toBeHidden();
  });

  test('select three rows by click and shift-click, pause them, see the result', async ({ page }) => {
    await page.goto('/accounts?status=1&sort=email');
    await expect(dataRows(page).first()).toContainText('@');
    const emails = [await emailOf(page, 0), await emailOf(page, 1), await emailOf(page, 2)];
    await dataRows(page).nth(0).getByRole('checkbox').click();
    await dataRows(page)
      .nth(2)
      .getByRole('checkbox')
      .click({ modifiers: ['Shift'] });
    await expect(page.getByText('3 selected')).toBeVisible();
    await runBulk(page, 'Pause', 3);
    await expect(page.getByText('3 done · 0 failed')).toBeVisible({ timeout: 30_000 });
    for (const email of emails) await expect(page.getByRole('cell', { name: email })).toBeVisible();

    await page.goto('/accounts?status=2&sort=email');
    for (const email of emails) await expect(grid(page).getByText(email)).toBeVisible();
  });

  test('a job with injected failures shows which accounts failed and why, and retries just those', async ({
    page,
    sim,
  }) => {
    await page.goto('/accounts?warmup=0&sort=email');
    await expect(dataRows(page).first()).toContainText('@');
    const emails = [
      await emailOf(page, 0),
      await emailOf(page, 1),
      await emailOf(page, 2),
      await emailOf(page, 3),
    ];
    const failing = [emails[1]!, emails[3]!];
    await sim.demo.inject([
      { kind: 'job-failure', workspace: 'demo', emails: failing, message: 'MX check failed for the domain' },
    ]);

    for (const i of [0, 1, 2, 3]) await dataRows(page).nth(i).getByRole('checkbox').click();
    await runBulk(page, 'Enable warmup', 4);
    await expect(page.getByText('2 done · 2 failed')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Partly failed');
    await page
      .getByRole('group', { name: 'Show accounts' })
      .getByRole('button', { name: /Failed/ })
      .click();
    const results = page.getByRole('table', { name: 'Result per account' });
    await expect(results.getByRole('row')).toHaveCount(3);
    for (const email of failing)
      await expect(results.getByRole('row', { name: new RegExp(email) })).toContainText('MX check failed');
    await snap(page, 'job-partly-failed');

    await sim.demo.clear();
    await page.getByRole('button', { name: 'Retry the 2 failed' }).click();
    await expect(page.getByText('Retry of')).toBeVisible();
    await expect(page.getByText('2 done · 0 failed')).toBeVisible({ timeout: 30_000 });
    const retried = page.getByRole('table', { name: 'Result per account' });
    await expect(retried.getByRole('row')).toHaveCount(3);
    for (const email of failing) await expect(retried.getByText(email)).toBeVisible();
  });

  test('enable and disable warmup started together from two browsers: the first job names the second for the shared accounts', async ({
    page,
    browser,
    baseURL,
  }) => {
    const selectRange = async (p: Page, from: number, to: number) => {
      await p.goto('/accounts?sort=email');
      await expect(dataRows(p).first()).toContainText('@');
      await dataRows(p).nth(from).getByRole('checkbox').click();
      await dataRows(p)
        .nth(to)
        .getByRole('checkbox')
        .click({ modifiers: ['Shift'] });
      await expect(p.getByText(`${to - from + 1} selected`)).toBeVisible();
    };
    const openConfirm = async (p: Page, action: string) => {
      await p.getByRole('region', { name: 'Bulk actions' }).getByRole('button', { name: action }).click();
      const confirm = p.getByRole('dialog').getByRole('button', { name: /6 accounts/ });
      await expect(confirm).toBeVisible();
      return confirm;
    };
    // Two browsers, two jobs, on a machine shared with other runs.
    test.setTimeout(150_000);
    const other = await signedInContext(browser, { baseURL });
    try {
      const second = await other.newPage();
      await page.goto('/accounts?sort=email');
      await expect(dataRows(page).first()).toContainText('@');
      const emails: string[] = [];
      for (let i = 0; i < 9; i += 1) emails.push(await emailOf(page, i));
      // Rows 0–5 here, rows 3–8 in the other browser, confirmed a moment later: the second job waits
      // for the first (never two jobs on one account), so it has the last word on rows 3–5.
      await selectRange(page, 0, 5);
      await selectRange(second, 3, 8);
      const confirmFirst = await openConfirm(page, 'Enable warmup');
      const confirmSecond = await openConfirm(second, 'Disable warmup');
      await confirmFirst.click();
      await page.getByRole('button', { name: 'View progress' }).click();
      await expect(page).toHaveURL(/\/jobs\/ba_\w+$/);
      const firstUrl = page.url();
      await confirmSecond.click();
      await second.getByRole('button', { name: 'View progress' }).click();
      await expect(second).toHaveURL(/\/jobs\/ba_\w+$/);
      const secondUrl = second.url();

      await expect(second.getByText('6 done · 0 failed')).toBeVisible({ timeout: 45_000 });
      // The first browser's page, finished and never reloaded, learns of it by itself.
      await expect(page.getByText('6 done · 0 failed')).toBeVisible({ timeout: 45_000 });
      const notice = page.getByRole('region', { name: 'Changed again afterwards' });
      await expect(notice).toContainText(
        /3 of these accounts were changed again afterwards by Disable warmup \(started \d\d:\d\d\) — Instantly now has that action’s value/,
        { timeout: 25_000 },
      );
      await expect(notice.getByRole('link', { name: 'Disable warmup' })).toHaveAttribute(
        'href',
        new URL(secondUrl).pathname,
      );
      // The later job's page: nothing changed its accounts afterwards.
      await expect(second.getByRole('region', { name: 'Changed again afterwards' })).toHaveCount(0);

      const results = page.getByRole('table', { name: 'Result per account' });
      for (const email of emails.slice(3, 6))
        await expect(results.getByRole('row', { name: new RegExp(email) })).toContainText(
          /Changed again by Disable warmup \(started \d\d:\d\d\)/,
        );
      for (const email of emails.slice(0, 3))
        await expect(results.getByRole('row', { name: new RegExp(email) })).not.toContainText(
          'Changed again',
        );
      await snap(page, 'job-changed-again');
      await expectAccessible(page);

      // The marker's link leads to the job that has the last word.
      await results
        .getByRole('row', { name: new RegExp(emails[3]!) })
        .getByRole('link', { name: 'Disable warmup' })
        .click();
      await expect(page).toHaveURL(secondUrl);
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Disable warmup');
      expect(firstUrl).not.toBe(secondUrl);
    } finally {
      await other.close();
    }
  });

  test('a reload mid-job picks the progress up again and loses no result', async ({ page }) => {
    await page.goto('/accounts?sort=email');
    await expect(dataRows(page).first()).toContainText('@');
    await grid(page).getByRole('checkbox', { name: 'Select the visible rows' }).check();
    await page.getByRole('button', { name: 'Select all 500 matching' }).click();
    await runBulk(page, 'Disable warmup', 500);

    const progress = page.getByRole('progressbar').first();
    await expect
      .poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 30_000 })
      .toBeGreaterThan(5);
    const before = Number(await progress.getAttribute('aria-valuenow'));
    expect(before).toBeLessThan(100);
    await page.reload();
    await expect
      .poll(async () => Number(await page.getByRole('progressbar').first().getAttribute('aria-valuenow')), {
        timeout: 10_000,
      })
      .toBeGreaterThanOrEqual(before);
    await expect(page.getByRole('progressbar').first()).toHaveAttribute('aria-valuenow', '100', {
      timeout: 60_000,
    });
    await expect(page.getByText('500 done · 0 failed')).toBeVisible();

    // The tray in the header shows it from any page.
    await page.goto('/settings');
    await page.getByRole('button', { name: /^Jobs/ }).click();
    await expect(page.getByText('500 done · 0 failed').first()).toBeVisible();
  });
});
