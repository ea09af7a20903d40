import { expect, expectAccessible, setTheme, snap, test } from './fixtures';

const grid = (page: import('@playwright/test').Page) => page.getByRole('grid', { name: 'Sending accounts' });

test.describe('the demo workspace', () => {
  test('a new user sees demo accounts with health at a glance', async ({ page }) => {
    await page.goto('/accounts');
    await expect(page.getByRole('button', { name: 'Switch workspace' })).toContainText('Demo');
    await expect(page.getByText('Demo workspace:')).toBeVisible();
    await expect(grid(page).getByRole('row').nth(1)).toContainText('@');
    await expect(page.getByText('500 accounts')).toBeVisible();
    // Statuses are readable labels, not Instantly's numbers; errors are named by cause.
    await expect(grid(page).getByText('Active').first()).toBeVisible();
    await page.goto('/accounts?error=yes&sort=error');
    // The most severe cause comes first, named in words (the cause titles of lib/diagnostics).
    await expect(grid(page).getByRole('row').nth(1)).toContainText(
      /expired|rejected|not found|turned off|required|blocked|refused/i,
    );
    await snap(page, 'accounts-demo-light');
    await expectAccessible(page);

    await setTheme(page, 'dark');
    await expect(grid(page).getByRole('row').nth(1)).toContainText('@');
    await snap(page, 'accounts-demo-dark');
    await expectAccessible(page);
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
        page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: heading }),
      ).toHaveAttribute('aria-current', 'page');
      await page.waitForLoadState('networkidle');
      await expectAccessible(page);
    }
  });
});
