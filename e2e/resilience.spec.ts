import type { Page } from '@playwright/test';
import { SIM_KEYS, expect, snap, test } from './fixtures';

const grid = (page: Page) => page.getByRole('grid', { name: 'Sending accounts' });

async function connect(page: Page, key: string, name: string) {
  await page.goto('/settings');
  await page.getByLabel('Instantly API key').fill(key);
  await page.getByRole('button', { name: 'Verify and add' }).click();
  await expect(page.getByText(`Connected ${name}`)).toBeVisible();
}

test.describe('upstream faults', () => {
  test('a short 429 storm during a refresh is absorbed by retries inside the budget', async ({
    page,
    sim,
  }) => {
    await page.goto('/accounts');
    await expect(grid(page).getByRole('row').nth(1)).toContainText('@');
    await sim.demo.inject([{ kind: 'rate-limit', workspace: 'demo', path: '^/accounts$', count: 2 }]);
    await page.getByRole('button', { name: 'Refresh from Instantly' }).click();
    await expect(page.getByText(/^Synced (just now|\d+ seconds? ago)$/)).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/Last sync failed/)).toBeHidden();
  });

  test('a lasting 429 storm keeps the table and says why the refresh failed, then recovers', async ({
    page,
    sim,
  }) => {
    await page.goto('/accounts');
    await expect(grid(page).getByRole('row').nth(1)).toContainText('@');
    await sim.demo.inject([
      { kind: 'rate-limit', workspace: 'demo', path: '^/accounts$', durationMs: 60_000 },
    ]);
    await page.getByRole('button', { name: 'Refresh from Instantly' }).click();
    await expect(
      page.getByRole('alert').filter({ hasText: 'Instantly is rate limiting this workspace' }),
    ).toBeVisible({ timeout: 30_000 });
    await expect(grid(page).getByRole('row').nth(1)).toContainText('@');
    // It says when it tries again by itself instead of spinning.
    await expect(
      page.getByRole('alert').filter({ hasText: /Last sync failed: .*, retrying at \d/ }),
    ).toBeVisible();
    await snap(page, 'accounts-refresh-rate-limited');
    await sim.demo.clear();
    await page.getByRole('button', { name: 'Refresh from Instantly' }).click();
    await expect(page.getByText(/^Synced (just now|\d+ seconds? ago)$/)).toBeVisible({ timeout: 30_000 });
  });

  test('a workspace that cannot be read at all shows a clear rate-limited state, and recovers', async ({
    page,
    sim,
  }) => {
    await sim.upstream.inject([
      { kind: 'rate-limit', workspace: 'stormy-co', path: '^/accounts$', durationMs: 60_000 },
    ]);
    await connect(page, SIM_KEYS.stormy, 'Stormy Co');
    await page.goto('/accounts');
    const alert = page.getByRole('alert').filter({ hasText: 'Instantly is rate limiting this workspace' });
    await expect(alert.first()).toBeVisible({ timeout: 30_000 });
    await snap(page, 'accounts-rate-limited');
    await sim.upstream.clear();
    // React Query may already be retrying on its own; either way the table comes back.
    await page
      .getByRole('button', { name: 'Try again' })
      .click({ timeout: 3000 })
      .catch(() => undefined);
    await expect(grid(page).getByRole('row').nth(1)).toContainText('@', { timeout: 30_000 });
  });

  test('an HTML edge page instead of JSON is explained', async ({ page, sim }) => {
    await sim.upstream.inject([
      { kind: 'malformed', workspace: 'edge-co', path: '^/accounts$', durationMs: 60_000 },
    ]);
    await connect(page, SIM_KEYS.edge, 'Edge Co');
    await page.goto('/accounts');
    await expect(
      page.getByRole('alert').filter({ hasText: 'Instantly answered with something unexpected' }).first(),
    ).toBeVisible({
      timeout: 30_000,
    });
  });

  test('a key checked behind an edge block page is not called a missing scope', async ({ page, sim }) => {
    await sim.upstream.inject([
      {
        kind: 'error',
        status: 403,
        body: 'html',
        workspace: 'edge-co',
        path: '^/workspaces/current$',
        durationMs: 60_000,
      },
    ]);
    await page.goto('/settings');
    await page.getByLabel('Instantly API key').fill(SIM_KEYS.edge);
    const started = Date.now();
    await page.getByRole('button', { name: 'Verify and add' }).click();
    await expect(page.getByText(/Instantly's network edge refused the request/).first()).toBeVisible();
    await expect(page.getByText(/This is not your key/).first()).toBeVisible();
    await expect(page.getByText(/Missing scope/)).toBeHidden();
    expect(Date.now() - started).toBeLessThan(21_000);
    await snap(page, 'settings-key-edge-blocked');
  });
});
