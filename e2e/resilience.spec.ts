import { expect, snap, test } from './fixtures';

test.describe('upstream faults', () => {
  test('a short 429 storm is absorbed by retries inside the budget', async ({ page, sim }) => {
    await sim.demo.inject([{ kind: 'rate-limit', workspace: 'demo', path: '^/accounts$', count: 4 }]);
    await page.goto('/accounts');
    await expect(
      page
        .getByRole('table', { name: /sending accounts/i })
        .getByRole('row')
        .nth(1),
    ).toBeVisible();
  });

  test('a lasting 429 storm shows a clear rate-limited state, and recovers', async ({ page, sim }) => {
    await sim.demo.inject([
      { kind: 'rate-limit', workspace: 'demo', path: '^/accounts$', durationMs: 60_000 },
    ]);
    await page.goto('/accounts');
    const alert = page.getByRole('alert').filter({ hasText: 'Instantly is rate limiting this workspace' });
    await expect(alert).toBeVisible({ timeout: 30_000 });
    await snap(page, 'accounts-rate-limited');
    await sim.demo.clear();
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(
      page
        .getByRole('table', { name: /sending accounts/i })
        .getByRole('row')
        .nth(1),
    ).toBeVisible();
  });

  test('an HTML edge page instead of JSON is explained', async ({ page, sim }) => {
    await sim.demo.inject([
      { kind: 'malformed', workspace: 'demo', path: '^/accounts$', durationMs: 60_000 },
    ]);
    await page.goto('/accounts');
    await expect(
      page.getByRole('alert').filter({ hasText: 'Instantly answered with something unexpected' }),
    ).toBeVisible({
      timeout: 30_000,
    });
  });
});
