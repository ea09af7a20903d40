import type { Page } from '@playwright/test';
import { expect, snap, test } from './fixtures';

// Details a new user notices on a first look at the demo: the account page names the account's tags,
// and every account counted under "Has an error" says in the Error column what is wrong.

const grid = (page: Page) => page.getByRole('grid', { name: 'Sending accounts' });

/** Each visible data row's text in the named column. */
async function columnTexts(page: Page, header: string): Promise<string[]> {
  return grid(page).evaluate((el, name) => {
    const headers = [...el.querySelectorAll('[role=columnheader]')].map((h) => h.textContent ?? '');
    const column = headers.findIndex((h) => h.trim().startsWith(name));
    const rows = [...el.querySelectorAll('[role=row][aria-rowindex]')].slice(1);
    return rows.map((r) => r.querySelectorAll('[role=gridcell]')[column]?.textContent?.trim() ?? '');
  }, header);
}

test('every account counted under "Has an error" names its trouble in the Error column', async ({ page }) => {
  const facets = await page.request.get('/api/accounts/facets');
  const counted = (
    (await facets.json()) as { facets: { error: Array<{ value: string; count: number }> } }
  ).facets.error.find((f) => f.value === 'yes')?.count;
  expect(counted).toBeGreaterThan(0);

  // Accounts without a status_message: warmup trouble and bare error states.
  await page.goto('/accounts?error=yes&cause=none&sort=email');
  await expect(grid(page).getByRole('row').nth(1)).toContainText('@');
  const errors = await columnTexts(page, 'Error');
  expect(errors.length).toBeGreaterThan(0);
  for (const text of errors) expect(text).toMatch(/warmup|spam folder|without a message|Warmup:/i);
  await expect(grid(page).getByText('Spam folder not found').first()).toBeVisible();
  await snap(page, 'accounts-messageless-errors');

  // And no counted account anywhere shows an empty cell.
  await page.goto('/accounts?error=yes&sort=email');
  await expect(grid(page).getByRole('row').nth(1)).toContainText('@');
  expect(await columnTexts(page, 'Error')).not.toContain('–');
});

test('the account page shows the account tags in its header', async ({ page }) => {
  // Tagged accounts first: the tag column sorts empty values last.
  await page.goto('/accounts?sort=tags&order=asc');
  const row = grid(page).getByRole('row').nth(1);
  await expect(row).toContainText('@');
  const tags = (await columnTexts(page, 'Tags'))[0];
  expect(tags).not.toBe('–');
  const email = (await row.getByRole('gridcell').nth(1).innerText()).split('\n')[0]!;
  await row.getByRole('gridcell').nth(1).click();
  await expect(page.getByRole('heading', { level: 1, name: email })).toBeVisible();

  const api = await page.request.get(`/api/accounts/${encodeURIComponent(email)}`);
  const labels = ((await api.json()) as { row: { tags: Array<{ label: string }> } }).row.tags.map(
    (t) => t.label,
  );
  expect(labels.length).toBeGreaterThan(0);
  const header = page.getByRole('list', { name: 'Tags' });
  for (const label of labels)
    await expect(header.getByRole('listitem').filter({ hasText: label })).toBeVisible();
  await expect(header.getByRole('listitem')).toHaveCount(labels.length);
  await snap(page, 'account-header-tags');
});
