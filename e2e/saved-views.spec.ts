import type { APIRequestContext, Page } from '@playwright/test';
import { APP_URL, expect, expectAccessible, setTheme, snap, test } from './fixtures';

// Saved views: name what is on screen (filter, sort, hidden column), make it the default, find
// Accounts opening on it, rename, share and delete it. Views live in the dashboard's database,
// which outlives a test, so each test leaves none behind (a stray default would change every later
// journey's first look at /accounts).

const grid = (page: Page) => page.getByRole('grid', { name: 'Sending accounts' });
const countLabel = (page: Page) => page.getByText(/^[\d,]+ accounts?$/);
const viewsButton = (page: Page) => page.getByRole('button', { name: /^Views/ });

async function deleteEveryView(request: APIRequestContext) {
  const { views } = (await (await request.get('/api/saved-views')).json()) as {
    views: Array<{ id: string }>;
  };
  for (const view of views) {
    const response = await request.delete(`/api/saved-views/${view.id}`, { headers: { Origin: APP_URL } });
    expect(response.status(), await response.text()).toBe(200);
  }
}

test.afterEach(async ({ page }) => deleteEveryView(page.request));

test('a saved view keeps filter, sort and columns, opens by default, and can be renamed, shared and deleted', async ({
  page,
}) => {
  await page.goto('/accounts');
  await expect(countLabel(page)).toHaveText('500 accounts');
  await viewsButton(page).click();
  await expect(page.getByText('No saved views yet.')).toBeVisible();
  await page.keyboard.press('Escape');

  // What is on screen: connection errors, worst warmup score first, no Tags column.
  const filters = page.getByRole('complementary', { name: 'Filters' });
  await filters
    .getByRole('group', { name: 'Status' })
    .getByRole('checkbox', { name: /^Connection error/ })
    .check();
  await expect(page).toHaveURL(/status=-1/);
  const filtered = await countLabel(page).innerText();
  await grid(page).getByRole('button', { name: 'Score' }).click();
  await expect(page).toHaveURL(/sort=warmupScore/);
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('menuitemcheckbox', { name: 'Tags' }).click();
  await page.keyboard.press('Escape');
  await expect(grid(page).getByRole('columnheader', { name: 'Tags' })).toHaveCount(0);

  await viewsButton(page).click();
  await page.getByRole('menuitem', { name: 'Save current view…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save this view' });
  await dialog.getByRole('button', { name: 'Save view' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Give the view a name.');
  await dialog.getByLabel('Name').fill('Broken inboxes');
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await dialog.getByLabel(/Share with the team/).check();
  await dialog.getByLabel(/my default/).check();
  await expectAccessible(page);
  await snap(page, 'saved-views-save-dialog');
  await dialog.getByRole('button', { name: 'Save view' }).click();
  await expect(dialog).toBeHidden();
  await expect(viewsButton(page)).toHaveAccessibleName('Views (showing Broken inboxes)');

  // A second view of the same name is refused with why, and nothing else changes.
  await viewsButton(page).click();
  await page.getByRole('menuitem', { name: 'Save current view…' }).click();
  await dialog.getByLabel('Name').fill('broken INBOXES');
  await dialog.getByRole('button', { name: 'Save view' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('You already have a view with this name');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Clearing the filters leaves the view; the default brings it back on a bare /accounts.
  await page.getByRole('button', { name: /^Clear 1 filter/ }).click();
  await expect(countLabel(page)).toHaveText('500 accounts');
  await expect(viewsButton(page)).toHaveAccessibleName('Views');
  await page.goto('/accounts');
  await expect(page).toHaveURL(/status=-1/);
  await expect(countLabel(page)).toHaveText(filtered);
  await expect(grid(page).getByRole('columnheader', { name: /Score/ })).toHaveAttribute(
    'aria-sort',
    /ending/,
  );
  await expect(grid(page).getByRole('columnheader', { name: 'Tags' })).toHaveCount(0);
  await expect(viewsButton(page)).toHaveAccessibleName('Views (showing Broken inboxes)');
  // A URL that names a filter wins over the default.
  await page.goto('/accounts?status=1');
  await expect(viewsButton(page)).toHaveAccessibleName('Views');
  await expect(page).toHaveURL(/status=1(&|$)/);
  await expect(page).not.toHaveURL(/status=-1/);

  // Opened from the menu, in light and dark.
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    await viewsButton(page).click();
    await expect(page.getByRole('menuitem', { name: /Broken inboxes/ })).toBeVisible();
    await snap(page, `saved-views-menu-${theme}`);
    await page.keyboard.press('Escape');
  }
  await viewsButton(page).click();
  await page.getByRole('menuitem', { name: /Broken inboxes/ }).click();
  await expect(countLabel(page)).toHaveText(filtered);
  await expect(viewsButton(page)).toHaveAccessibleName('Views (showing Broken inboxes)');

  // Manage: rename, stop sharing, no longer the default, delete.
  await viewsButton(page).click();
  await page.getByRole('menuitem', { name: 'Manage views…' }).click();
  const manage = page.getByRole('dialog', { name: 'Saved views' });
  const row = manage.getByRole('listitem', { name: 'Broken inboxes' });
  await expect(row).toContainText('Shared');
  await row.getByRole('button', { name: 'Rename' }).click();
  await manage.getByLabel('New name for Broken inboxes').fill('Connection errors');
  await manage.getByLabel('New name for Broken inboxes').press('Enter');
  const renamed = manage.getByRole('listitem', { name: 'Connection errors' });
  await expect(renamed).toBeVisible();
  await renamed.getByRole('button', { name: 'Stop sharing' }).click();
  await expect(renamed.getByRole('button', { name: 'Share' })).toBeVisible();
  await expect(renamed).not.toContainText('Shared');
  await expectAccessible(page);
  await snap(page, 'saved-views-manage');
  await renamed.getByRole('button', { name: 'Default' }).click();
  await expect(renamed.getByRole('button', { name: 'Make default' })).toBeVisible();
  await renamed.getByRole('button', { name: 'Delete Connection errors' }).click();
  await expect(manage.getByText('No saved views yet.')).toBeVisible();
  await page.keyboard.press('Escape');

  await page.goto('/accounts');
  await expect(countLabel(page)).toHaveText('500 accounts');
  await expect(page).not.toHaveURL(/status=/);
});
