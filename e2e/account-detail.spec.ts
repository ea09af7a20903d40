import type { Page } from '@playwright/test';
import { OWNER, expect, expectAccessible, setTheme, snap, test } from './fixtures';

const grid = (page: Page) => page.getByRole('grid', { name: 'Sending accounts' });

/** An Active demo account with the highest daily limit: the story of a limit raised and lowered. */
async function openAccountFromTable(page: Page): Promise<string> {
  await page.goto('/accounts?status=1&sort=dailyLimit&order=desc');
  const row = grid(page).getByRole('row').nth(1);
  await expect(row).toContainText('@');
  const email = (await row.getByRole('gridcell').nth(1).innerText()).split('\n')[0]!;
  await row.getByRole('gridcell').nth(1).click();
  await expect(page.getByRole('heading', { level: 1, name: email })).toBeVisible();
  return email;
}

const settings = (page: Page) => page.getByRole('form', { name: 'Account settings' });

test.describe('the account page', () => {
  test('change daily limit and sending gap: the chart gains the markers and the step lines move', async ({
    page,
  }) => {
    await openAccountFromTable(page);
    const chart = page.getByRole('region', { name: 'Warmup health and sending settings' });
    // The charts load once in view, as a person scrolls to them.
    await chart.getByRole('figure').first().scrollIntoViewIfNeeded();
    await expect(chart.locator('svg.recharts-surface').first()).toBeVisible();
    await snap(page, 'account-before-change');

    const limit = settings(page).getByLabel('Daily limit');
    const gap = settings(page).getByLabel('Sending gap');
    await limit.fill('17');
    await gap.fill('23');
    await settings(page).getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText(/Saved|saved/).first()).toBeVisible();

    const changes = chart.getByRole('list', { name: 'Changes in this range' });
    await expect(changes).toContainText('17');
    await expect(changes).toContainText('23');
    // Who made it: the signed-in owner every journey uses.
    await expect(changes.getByRole('listitem').last()).toContainText(
      `changed in this dashboard by ${OWNER.name}`,
    );
    // The same numbers as a table: today's row carries the new limit and gap.
    await chart
      .getByRole('button', { name: /Show as table/ })
      .first()
      .click();
    const lastRow = chart.getByRole('table').first().getByRole('row').last();
    await expect(lastRow).toContainText('17');
    await expect(lastRow).toContainText('23');
    await snap(page, 'account-after-change');
    await expectAccessible(page);

    await setTheme(page, 'dark');
    // The first chart shows as a table now: the campaign chart below draws once scrolled to.
    await chart.getByRole('figure').nth(1).scrollIntoViewIfNeeded();
    await expect(chart.locator('svg.recharts-surface').first()).toBeVisible();
    await snap(page, 'account-dark');
    await expectAccessible(page);
  });

  test('pause, then resume, from the account page: each runs as a job, followed to its end', async ({
    page,
  }) => {
    await page.goto('/accounts?status=1&sort=email');
    const row = grid(page).getByRole('row').nth(1);
    await expect(row).toContainText('@');
    await row.getByRole('gridcell').nth(1).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('@');

    for (const [verb, next] of [
      ['Pause', 'Resume'],
      ['Resume', 'Pause'],
    ] as const) {
      // The header's button (the diagnosis panel below may offer the same action).
      await page.getByRole('button', { name: verb, exact: true }).first().click();
      const progress = page.getByRole('status').filter({ hasText: `${verb} · 1 account` });
      await expect(progress).toContainText('done', { timeout: 30_000 });
      await expect(page.getByText(`${verb} · 1 account: done`)).toBeVisible();
      // Ended: the account was read again, so the header offers the opposite action.
      await expect(page.getByRole('button', { name: next, exact: true }).first()).toBeEnabled();
      await expect(page.getByRole('link', { name: 'Open in job centre' })).toHaveAttribute(
        'href',
        /^\/jobs\/.+/,
      );
      if (verb === 'Pause') await snap(page, 'account-paused-from-page');
    }
  });

  test('a save the upstream refuses keeps the typed value and says why', async ({ page, sim }) => {
    await openAccountFromTable(page);
    const limit = settings(page).getByLabel('Daily limit');
    const before = await limit.inputValue();
    await sim.demo.inject([
      { kind: 'error', workspace: 'demo', method: 'PATCH', path: '^/accounts/[^/]+$', status: 500, count: 1 },
    ]);
    await limit.fill(String(Number(before) + 7));
    await settings(page).getByRole('button', { name: 'Save changes' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Not saved' });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('Instantly had an error');
    await expect(limit).toHaveValue(String(Number(before) + 7));
    await snap(page, 'account-save-rolled-back');
  });

  test('a value out of range is refused next to its field, without any call to Instantly', async ({
    page,
    sim,
  }) => {
    await openAccountFromTable(page);
    // A sentinel rule that any PATCH reaching the simulator would use up.
    await sim.demo.inject([{ kind: 'latency', workspace: 'demo', method: 'PATCH', latencyMs: 1, count: 1 }]);
    const patches: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PATCH') patches.push(r.url());
    });
    const gap = settings(page).getByLabel('Sending gap');
    await gap.fill('2000');
    await settings(page).getByRole('button', { name: 'Save changes' }).click();
    await expect(gap).toHaveAttribute('aria-invalid', 'true');
    await expect(gap).toBeFocused();
    await expect(settings(page)).toContainText('The sending gap can be at most 1,440');
    await settings(page).scrollIntoViewIfNeeded();
    await settings(page).screenshot({ path: 'test-results/screenshots/account-settings-refused.png' });
    expect(patches).toEqual([]);

    // The API refuses it the same way, naming the field, and does not call Instantly either.
    const email = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const direct = await page.request.patch(`/api/accounts/${encodeURIComponent(email)}?workspace=demo`, {
      headers: { Origin: new URL(page.url()).origin },
      data: { sendingGap: 2000 },
    });
    expect(direct.status()).toBe(400);
    expect(await direct.json()).toMatchObject({ field: 'sendingGap' });
    expect((await sim.demo.rules()).filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });

  test('domain vitals show pass and fail', async ({ page }) => {
    await page.goto('/accounts?domain=withzenithly.co');
    await grid(page).getByRole('row').nth(1).getByRole('gridcell').nth(1).click();
    const vitals = page.getByRole('region', { name: 'Domain vitals' });
    await vitals.getByRole('button', { name: /Test|Run/ }).click();
    await expect(vitals).toContainText(/fail/i);
    await snap(page, 'account-vitals-fail');

    await openAccountFromTable(page);
    const healthy = page.getByRole('region', { name: 'Domain vitals' });
    await healthy.getByRole('button', { name: /Test|Run/ }).click();
    await expect(healthy).toContainText(/pass/i);
  });

  test('the last vitals check stays with its account while the person browses', async ({ page }) => {
    await page.goto('/accounts?domain=withzenithly.co');
    const first = grid(page).getByRole('row').nth(1).getByRole('gridcell').nth(1);
    const email = (await first.innerText()).split('\n')[0]!;
    await first.click();
    const vitals = page.getByRole('region', { name: 'Domain vitals' });
    await vitals.getByRole('button', { name: /Test|Run/ }).click();
    await expect(vitals).toContainText(/fail/i);
    // To the table and back, inside the app: the result is still there, with no new check.
    let checks = 0;
    page.on('request', (r) => {
      if (r.url().includes('/api/accounts/vitals')) checks += 1;
    });
    await page.getByRole('link', { name: 'All accounts' }).click();
    await grid(page).getByRole('row').filter({ hasText: email }).first().getByRole('gridcell').nth(1).click();
    await expect(page.getByRole('heading', { level: 1, name: email })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Domain vitals' })).toContainText(/fail/i);
    expect(checks).toBe(0);
  });

  test('the overview chart opens an account on click', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
    const point = page.locator('.recharts-scatter-symbol').first();
    await expect(point).toBeVisible();
    await snap(page, 'overview');
    await expectAccessible(page);
    // A real click where the point is drawn (points overlap, so any account it opens is right).
    await point.scrollIntoViewIfNeeded();
    const box = (await point.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(page).toHaveURL(/\/accounts\/[^/?]+%40[^/?]+\?workspace=demo/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('@');
  });
});
