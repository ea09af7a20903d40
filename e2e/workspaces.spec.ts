import type { Page } from '@playwright/test';
import { SIM_KEYS, expect, expectAccessible, snap, test } from './fixtures';

async function addKey(page: Page, key: string, label?: string) {
  await page.goto('/settings');
  await page.getByLabel('Instantly API key').fill(key);
  if (label) await page.getByLabel('Label (optional)').fill(label);
  await page.getByRole('button', { name: 'Verify and add' }).click();
}

test.describe('connecting workspaces by key', () => {
  test('add a key, see that workspace’s accounts, switch back, remove it', async ({ page }) => {
    await addKey(page, SIM_KEYS.acme, 'Client A');
    await expect(page.getByText('Connected Acme Outreach')).toBeVisible();
    const switcher = page.getByRole('button', { name: 'Switch workspace' });
    await expect(switcher).toContainText('Client A');
    await expect(switcher).toContainText('…4a7f');
    await expect(page.getByText('Demo workspace:')).toBeHidden();
    await snap(page, 'settings-added-key');

    await page.getByRole('link', { name: 'Accounts' }).click();
    const table = page.getByRole('grid', { name: 'Sending accounts' });
    await expect(table.getByRole('row').nth(1)).toContainText('@');
    const acmeFirst = await table.getByRole('row').nth(1).getByRole('gridcell').nth(1).innerText();

    // Switch to the demo from the shell: different accounts, labelled Demo.
    await switcher.click();
    await page
      .getByRole('menuitem', { name: /Demo workspace|Demo/ })
      .first()
      .click();
    await expect(switcher).toContainText('Demo');
    await expect(table.getByRole('row').nth(1)).toContainText('@');
    await expect(table.getByRole('row').nth(1).getByRole('gridcell').nth(1)).not.toHaveText(acmeFirst);

    await page.goto('/settings');
    // The vault says who stored the key; the list shows the label and the last four, never the key.
    const row = page
      .getByRole('list', { name: 'Connected workspaces' })
      .getByRole('listitem')
      .filter({ hasText: 'Client A' });
    await expect(row).toContainText('Stored encrypted (AES-256-GCM) in the server vault.');
    await expect(row).toContainText(/Added by .+ on /);
    await expect(row).not.toContainText(SIM_KEYS.acme);
    await snap(page, 'settings-vault-list');
    await page.getByRole('button', { name: 'Remove Client A' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await expect(page.getByText('Workspace removed')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Remove Client A' })).toBeHidden();
    const list = await page.request.get('/api/workspaces');
    expect((await list.json()).workspaces.map((w: { name: string }) => w.name)).not.toContain(
      'Acme Outreach',
    );
  });

  test('a wrong key gets a clear message next to the field and nothing is stored', async ({ page }) => {
    // The vault is the server's: other journeys' workspaces may be in it. This one must add none.
    const before = (await (await page.request.get('/api/workspaces')).json()).workspaces;
    await addKey(page, 'sim_wrong_key_000000000000');
    const error = page.locator('#api-key-error');
    await expect(error).toContainText('Invalid key');
    await expect(error).toContainText('Copy it again');
    await expect(page.getByLabel('Instantly API key')).toHaveAttribute('aria-invalid', 'true');
    await snap(page, 'settings-wrong-key');
    await expectAccessible(page);
    const list = await page.request.get('/api/workspaces');
    expect((await list.json()).workspaces).toEqual(before);
  });

  test('a workspace without a plan, and an upstream outage, are explained', async ({ page, sim }) => {
    await addKey(page, SIM_KEYS.noplan);
    await expect(page.locator('#api-key-error')).toContainText('No active plan');

    await sim.upstream.inject([{ kind: 'error', status: 503, path: '^/workspaces/current$', count: 5 }]);
    await addKey(page, SIM_KEYS.globex);
    await expect(page.locator('#api-key-error')).toContainText('Could not verify now');
    await expect(page.locator('#api-key-error')).toContainText('Nothing was saved');
  });

  test('the key field refuses obvious junk before any call', async ({ page }) => {
    await addKey(page, 'has spaces in it');
    await expect(page.locator('#api-key-error')).toContainText('no spaces');
    await expect(page.getByLabel('Instantly API key')).toBeFocused();
    await expect(page.getByLabel('Instantly API key')).toHaveAttribute('aria-describedby', 'api-key-error');
    await snap(page, 'settings-key-refused');
  });
});
