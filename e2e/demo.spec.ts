import { expect, expectAccessible, setTheme, snap, test } from './fixtures';

test.describe('the demo workspace', () => {
  test('a new user sees demo accounts with health at a glance', async ({ page }) => {
    await page.goto('/accounts');
    await expect(page.getByRole('button', { name: 'Switch workspace' })).toContainText('Demo');
    await expect(page.getByText('Demo workspace:')).toBeVisible();
    const table = page.getByRole('table', { name: /sending accounts/i });
    await expect(table.getByRole('row').nth(1)).toBeVisible();
    expect(await table.getByRole('row').count()).toBeGreaterThan(20);
    // Statuses are readable labels, not Instantly's numbers.
    await expect(table.getByText('Active').first()).toBeVisible();
    expect(
      await table
        .getByRole('button', {
          name: /^(Active|Paused|Maintenance|Connection error|Soft bounce error|Sending error)$/,
        })
        .count(),
    ).toBeGreaterThan(40);
    await snap(page, 'accounts-demo-light');
    await expectAccessible(page);

    await setTheme(page, 'dark');
    await expect(table.getByRole('row').nth(1)).toBeVisible();
    await snap(page, 'accounts-demo-dark');
    await expectAccessible(page);
  });

  test('a status badge explains itself on focus', async ({ page }) => {
    await page.goto('/accounts');
    const badge = page.getByRole('table').getByRole('button', { name: 'Paused' }).first();
    await badge.focus();
    await expect(page.getByRole('tooltip')).toContainText(/warmup/i);
  });

  test('every page of the shell loads and is accessible', async ({ page }) => {
    for (const [path, heading] of [
      ['/', 'Overview'],
      ['/accounts', 'Accounts'],
      ['/diagnostics', 'Diagnostics'],
      ['/jobs', 'Jobs'],
      ['/settings', 'Settings'],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expect(
        page.getByRole('link', { name: heading === 'Overview' ? 'Overview' : heading }),
      ).toHaveAttribute('aria-current', 'page');
      await expectAccessible(page);
    }
  });
});
