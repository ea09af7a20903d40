import type { Page } from '@playwright/test';
import { expect, snap, test } from './fixtures';

// Issue 15, "nothing the person typed or did is lost": a save that fails in any of the ways Instantly
// fails keeps the form and the typed values, shows its own error under Save, sends one PATCH per click,
// never spins for ever, and says what happened when the answer itself was lost.

const grid = (page: Page) => page.getByRole('grid', { name: 'Sending accounts' });
const settings = (page: Page) => page.getByRole('form', { name: 'Account settings' });
const saveButton = (page: Page) => settings(page).getByRole('button', { name: /Save changes|Saving/ });
/** The demo's per-account path in the simulator, for GET and PATCH alike. */
const ACCOUNT_PATH = '^/accounts/[^/]+$';

/** Opens an Active demo account and returns its current daily limit and sending gap. */
async function openAccount(page: Page): Promise<{ limit: number; gap: number }> {
  await page.goto('/accounts?status=1&sort=dailyLimit&order=desc');
  const row = grid(page).getByRole('row').nth(2);
  await expect(row).toContainText('@');
  const email = (await row.getByRole('gridcell').nth(1).innerText()).split('\n')[0]!;
  await row.getByRole('gridcell').nth(1).click();
  await expect(page.getByRole('heading', { level: 1, name: email })).toBeVisible();
  return {
    limit: Number(await settings(page).getByLabel('Daily limit').inputValue()),
    gap: Number(await settings(page).getByLabel('Sending gap').inputValue()),
  };
}

/** Counts the browser's PATCHes to our API (one per click is the rule). */
function countPatches(page: Page): () => number {
  let patches = 0;
  page.on('request', (r) => {
    if (r.method() === 'PATCH' && r.url().includes('/api/accounts/')) patches++;
  });
  return () => patches;
}

async function typeAndSave(page: Page, limit: number, gap: number) {
  await settings(page).getByLabel('Daily limit').fill(String(limit));
  await settings(page).getByLabel('Sending gap').fill(String(gap));
  await saveButton(page).click();
}

async function expectTyped(page: Page, limit: number, gap: number) {
  await expect(settings(page)).toBeVisible();
  await expect(settings(page).getByLabel('Daily limit')).toHaveValue(String(limit));
  await expect(settings(page).getByLabel('Sending gap')).toHaveValue(String(gap));
  await expect(saveButton(page)).toHaveText('Save changes');
  await expect(saveButton(page)).toBeEnabled();
}

test.describe('a failed save', () => {
  test('a 500: not saved, the typed values stay, the error sits under Save', async ({ page, sim }) => {
    const { limit, gap } = await openAccount(page);
    const patches = countPatches(page);
    await sim.demo.inject([
      { kind: 'error', workspace: 'demo', method: 'PATCH', path: ACCOUNT_PATH, status: 500 },
    ]);
    await typeAndSave(page, limit + 7, gap + 3);

    const alert = settings(page).getByRole('alert');
    await expect(alert).toContainText('Not saved: Instantly had an error — try again');
    await expect(alert).toContainText(`shows the old values (daily limit ${limit}, sending gap ${gap})`);
    await expectTyped(page, limit + 7, gap + 3);
    await expect(page.getByText('2 changed', { exact: true })).toBeVisible();
    expect(patches()).toBe(1);
    await snap(page, 'save-fault-500');

    // The fault gone, the same values go out with one more click.
    await sim.demo.clear();
    await saveButton(page).click();
    await expect(page.getByText('Saved', { exact: true })).toBeVisible();
    await expect(settings(page).getByRole('alert')).toHaveCount(0);
    await expect(page.getByText('No changes', { exact: true })).toBeVisible();
    await expect(settings(page).getByLabel('Daily limit')).toHaveValue(String(limit + 7));
    expect(patches()).toBe(2);
  });

  test('a 429 storm: refused with nothing changed, and the page keeps showing the account from the index', async ({
    page,
    sim,
  }) => {
    const { limit, gap } = await openAccount(page);
    const patches = countPatches(page);
    await sim.demo.inject([
      { kind: 'rate-limit', workspace: 'demo', path: ACCOUNT_PATH, durationMs: 60_000 },
    ]);
    await typeAndSave(page, limit + 5, gap);

    const alert = settings(page).getByRole('alert');
    await expect(alert).toContainText('Not saved: Instantly is rate limiting this workspace');
    await expect(alert).toContainText('before doing anything, so nothing was changed');
    // The refetch after the save cannot read Instantly either: the indexed copy, said so, not an error page.
    const stale = page.getByRole('status').filter({ hasText: 'Instantly could not be read just now' });
    await expect(stale).toContainText('rate limiting');
    await expect(stale).toContainText('as the last sync stored it');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectTyped(page, limit + 5, gap);
    expect(patches()).toBe(1);
    await snap(page, 'save-fault-429-storm');
  });

  test('a hang: the save gives up, re-reads, and says it is not confirmed with what Instantly shows', async ({
    page,
    sim,
  }) => {
    const { limit, gap } = await openAccount(page);
    const patches = countPatches(page);
    await sim.demo.inject([{ kind: 'hang', workspace: 'demo', method: 'PATCH', path: ACCOUNT_PATH }]);
    await typeAndSave(page, limit + 9, gap);
    await expect(saveButton(page)).toHaveText('Saving…');

    const alert = settings(page).getByRole('alert');
    await expect(alert).toContainText('Not confirmed: Instantly did not answer in time', { timeout: 20_000 });
    await expect(alert).toContainText(
      `Here is what Instantly shows now: daily limit ${limit} (you asked for ${limit + 9})`,
    );
    await expectTyped(page, limit + 9, gap);
    expect(patches()).toBe(1);
    await snap(page, 'save-fault-hang');
  });

  test('a malformed answer: the re-read decides, not applied or applied, with the values it shows', async ({
    page,
    sim,
  }) => {
    const { limit, gap } = await openAccount(page);
    const patches = countPatches(page);
    // An edge page instead of JSON, the write never reached Instantly.
    await sim.demo.inject([
      { kind: 'malformed', workspace: 'demo', method: 'PATCH', path: ACCOUNT_PATH, count: 1 },
    ]);
    await typeAndSave(page, limit + 4, gap);
    const alert = settings(page).getByRole('alert');
    await expect(alert).toContainText('Not saved: Instantly answered with something unreadable — try again');
    await expect(alert).toContainText(`shows the old values (daily limit ${limit})`);
    await expectTyped(page, limit + 4, gap);
    await snap(page, 'save-fault-malformed');

    // A cut-off answer after the write landed: the re-read shows the new value, so it is saved.
    await sim.demo.inject([
      {
        kind: 'malformed',
        workspace: 'demo',
        method: 'PATCH',
        path: ACCOUNT_PATH,
        afterApplying: true,
        count: 1,
      },
    ]);
    await saveButton(page).click();
    await expect(page.getByText(/reading the account back shows the new values/)).toBeVisible();
    await expect(settings(page).getByRole('alert')).toHaveCount(0);
    await expect(settings(page).getByLabel('Daily limit')).toHaveValue(String(limit + 4));
    await expect(page.getByText('No changes', { exact: true })).toBeVisible();
    expect(patches()).toBe(2);
  });
});
