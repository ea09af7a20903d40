import type { Page } from '@playwright/test';
import type { FaultRuleInput } from '@/lib/schemas/simulator-faults';
import { SIM_KEYS, expect, snap, test } from './fixtures';

// Issue 15: for every way Instantly misbehaves, every action a person takes ends in a clear state
// (never a spinner without end, never "missing scope" for something that is not about the key):
// opening an account, refreshing the table, saving settings, verifying a key and starting a bulk change.
// How long each takes is measured by `npm run bench -- --faults`, not here.

type Fault = FaultRuleInput;

interface Mode {
  name: string;
  /** The rule, without where it applies (each action adds its own method and path). */
  rule: Omit<Fault, 'path' | 'method' | 'workspace'>;
  /** What the account page and the table name as the reason. */
  reason: string | RegExp;
  /** What the Save button's answer starts with. */
  save: string | RegExp;
  /** What the key check says next to the field. */
  verify: string | RegExp;
  /** The per-account result of a bulk pause that met this fault. */
  bulk: RegExp;
}

const UNEXPECTED = 'Instantly answered with something unexpected';
const EDGE = "Instantly's network edge refused the request";

const MODES: Mode[] = [
  {
    name: '429 storm (Retry-After 5)',
    rule: { kind: 'rate-limit', retryAfterSeconds: 5 },
    reason: 'Instantly is rate limiting this workspace',
    save: 'Not saved: Instantly is rate limiting this workspace',
    verify: 'Instantly is rate limiting this workspace',
    bulk: /rate limiting/,
  },
  {
    name: '500',
    rule: { kind: 'error', status: 500 },
    reason: 'Instantly had an error',
    save: /^Not saved: Instantly had an error/,
    verify: 'Could not verify now',
    bulk: /HTTP 500|Instantly had an error|Internal Server Error/,
  },
  {
    name: 'hang',
    rule: { kind: 'hang' },
    reason: 'Instantly did not answer in time',
    save: /^Not confirmed/,
    verify: 'Instantly is unreachable',
    // The runner re-reads the account after a write without an answer; it does not show the change yet.
    bulk: /did not confirm the change .*Retry to be sure/,
  },
  {
    name: 'malformed JSON',
    rule: { kind: 'malformed', body: 'truncated' },
    reason: UNEXPECTED,
    // A cut-off answer came after the write landed: the re-read confirms it.
    save: /^Saved/,
    verify: 'Could not verify now',
    // The pause landed before the answer was cut off; the runner's re-read confirms it.
    bulk: /Done/,
  },
  {
    name: 'empty body',
    rule: { kind: 'malformed', body: 'empty' },
    reason: UNEXPECTED,
    save: /^Not saved/,
    verify: 'Could not verify now',
    bulk: /empty body|instead of JSON|did not confirm the change/,
  },
  {
    name: 'HTML 403 (edge block page)',
    rule: { kind: 'error', status: 403, body: 'html' },
    reason: EDGE,
    save: /^Not saved: Instantly's network edge refused/,
    verify: EDGE,
    bulk: /network edge refused/,
  },
];

const grid = (page: Page) => page.getByRole('grid', { name: 'Sending accounts' });
const dataRows = (page: Page) => grid(page).locator('[role=row][aria-rowindex]:not([aria-rowindex="1"])');
const emailOf = async (page: Page, index: number) =>
  (await dataRows(page).nth(index).getByRole('gridcell').nth(1).innerText()).split('\n')[0]!;
const settings = (page: Page) => page.getByRole('form', { name: 'Account settings' });
const spinners = (page: Page) => page.locator('.animate-spin');
const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');

for (const mode of MODES) {
  test.describe(`upstream answers with: ${mode.name}`, () => {
    test('every action ends in a clear state', async ({ page, sim }) => {
      test.setTimeout(150_000);
      const demo = (where: Pick<Fault, 'method' | 'path'>) =>
        sim.demo.inject([{ ...mode.rule, ...where, workspace: 'demo' } as Fault]);

      // Open an account: the indexed copy, its age and the reason, not an error page.
      await page.goto('/accounts?status=1&sort=email');
      await expect(dataRows(page).first()).toContainText('@');
      const email = await emailOf(page, 0);
      await demo({ method: 'GET', path: '^/accounts/[^/]+$' });
      await page.goto(`/accounts/${encodeURIComponent(email)}`);
      const notice = page.getByText(/Instantly could not be read just now/);
      await expect(notice).toContainText(mode.reason, { timeout: 30_000 });
      await expect(page.getByText(/Showing the account as the last sync stored it/)).toBeVisible();
      await expect(settings(page)).toBeVisible();
      await snap(page, `fault-${slug(mode.name)}-account-page`);

      // Save settings: the typed values stay, and the save's own answer sits under Save.
      const limit = Number(await settings(page).getByLabel('Daily limit').inputValue());
      await sim.demo.clear();
      await demo({ method: 'PATCH', path: '^/accounts/[^/]+$' });
      await settings(page)
        .getByLabel('Daily limit')
        .fill(String(limit + 3));
      await settings(page).getByRole('button', { name: 'Save changes' }).click();
      if (mode.save.toString().includes('Saved')) {
        // Confirmed by the re-read: the form now holds Instantly's (new) values, nothing left to send.
        await expect(page.getByText('Saved', { exact: true })).toBeVisible({ timeout: 30_000 });
      } else {
        const answer = settings(page).getByRole('alert');
        await expect(answer.locator('p').first()).toHaveText(mode.save, { timeout: 30_000 });
        await expect(answer).not.toContainText(/missing (a )?scope/i);
        await expect(settings(page).getByRole('button', { name: 'Save changes' })).toBeEnabled();
      }
      await expect(settings(page).getByLabel('Daily limit')).toHaveValue(String(limit + 3));
      await snap(page, `fault-${slug(mode.name)}-save`);

      // Refresh the table: the rows stay, and the toolbar says why the sync failed and when it retries.
      await sim.demo.clear();
      await page.goto('/accounts?sort=email');
      await expect(dataRows(page).first()).toContainText('@');
      await demo({ method: 'GET', path: '^/accounts$' });
      await page.getByRole('button', { name: 'Refresh from Instantly' }).click();
      const failed = page.getByRole('alert').filter({ hasText: /Last sync failed/ });
      await expect(failed).toContainText(mode.reason, { timeout: 30_000 });
      await expect(failed).toContainText(/retrying at \d/);
      await expect(dataRows(page).first()).toContainText('@');
      await expect(spinners(page)).toHaveCount(0);
      await snap(page, `fault-${slug(mode.name)}-refresh`);
      await sim.demo.clear();

      // Start a bulk pause on two accounts: each ends with an outcome and its reason.
      await page.goto('/accounts?status=1&sort=email');
      await expect(dataRows(page).first()).toContainText('@');
      const picked = [await emailOf(page, 1), await emailOf(page, 2)];
      // A storm that outlasts the runner's patience ends the items as failed; others fail at once.
      await demo({ method: 'POST', path: '^/accounts/[^/]+/pause$' });
      await dataRows(page).nth(1).getByRole('checkbox').click();
      await dataRows(page).nth(2).getByRole('checkbox').click();
      await page.getByRole('region', { name: 'Bulk actions' }).getByRole('button', { name: 'Pause' }).click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /2 accounts/ })
        .click();
      await page.getByRole('button', { name: 'View progress' }).click();
      await expect(page).toHaveURL(/\/jobs\/[\w-]+$/);
      const results = page.getByRole('table', { name: 'Result per account' });
      for (const account of picked) {
        await expect(results.getByRole('row', { name: new RegExp(account) })).toContainText(mode.bulk, {
          timeout: 60_000,
        });
      }
      await snap(page, `fault-${slug(mode.name)}-bulk`);
      await sim.demo.clear();

      // Verify a new key: the reason next to the field, never "Missing scope", nothing stored.
      await sim.upstream.inject([{ ...mode.rule, path: '^/workspaces/current$' } as Fault]);
      await page.goto('/settings');
      await page.getByLabel('Instantly API key').fill(SIM_KEYS.globex);
      await page.getByRole('button', { name: 'Verify and add' }).click();
      const error = page.locator('#api-key-error');
      await expect(error).toContainText(mode.verify, { timeout: 30_000 });
      await expect(error).not.toContainText('Missing scope');
      await expect(page.getByRole('button', { name: 'Verify and add' })).toBeEnabled();
      await snap(page, `fault-${slug(mode.name)}-verify`);
      const list = await page.request.get('/api/workspaces');
      expect((await list.json()).workspaces.map((w: { kind: string }) => w.kind)).toEqual(['demo']);
    });
  });
}
