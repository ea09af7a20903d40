import type { Page } from '@playwright/test';
import { expect, expectAccessible, setTheme, snap, test } from './fixtures';

type Board = { groups: Array<{ id: string; title: string; count: number }> };

async function board(page: Page): Promise<Board> {
  const response = await page.request.get('/api/diagnostics?scope=all');
  expect(response.status()).toBe(200);
  return (await response.json()) as Board;
}

const groupCard = (page: Page, title: string) =>
  page
    .getByRole('region', { name: title, exact: true })
    .filter({ has: page.getByRole('heading', { level: 2, name: title }) });

test.describe('diagnostics', () => {
  test('the triage board shows every cause group with its count, most urgent first', async ({ page }) => {
    const expected = await board(page);
    expect(expected.groups.length).toBeGreaterThan(10);
    await page.goto('/diagnostics');
    const headings = page.getByRole('heading', { level: 2 });
    for (const group of expected.groups) {
      const card = groupCard(page, group.title);
      await expect(card).toContainText(`${group.count} account${group.count === 1 ? '' : 's'}`);
    }
    // The page lists the groups in the server's urgency order.
    const titles = (await headings.allInnerTexts()).filter((t) => expected.groups.some((g) => g.title === t));
    expect(titles).toEqual(expected.groups.map((g) => g.title));
    await snap(page, 'diagnostics-board');
    await expectAccessible(page);
    await setTheme(page, 'dark');
    await expect(headings.first()).toBeVisible();
    await snap(page, 'diagnostics-board-dark');
    await expectAccessible(page);
  });

  test('groups start closed below the index; the index opens one, and the browser remembers it', async ({
    page,
  }) => {
    const expected = await board(page);
    const [first, second] = expected.groups;
    await page.goto('/diagnostics');
    const toggle = (title: string) =>
      groupCard(page, title).getByRole('button', { name: title, exact: true });
    for (const group of expected.groups)
      await expect(toggle(group.title)).toHaveAttribute('aria-expanded', 'false');
    // Closed, the page is about one screen of headings, not every explanation and account list.
    const closedHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(closedHeight).toBeLessThan(6000);
    await expect(page.getByRole('heading', { name: 'How to fix it' })).toHaveCount(0);

    await page
      .getByRole('navigation', { name: 'Groups at a glance' })
      .getByRole('link', { name: second!.title })
      .click();
    await expect(toggle(second!.title)).toHaveAttribute('aria-expanded', 'true');
    await expect(
      groupCard(page, second!.title).getByRole('heading', { name: 'How to fix it' }),
    ).toBeVisible();
    await expect(groupCard(page, second!.title)).toBeInViewport();
    await snap(page, 'diagnostics-group-opened');

    // Keyboard: the card's title is a button.
    await toggle(first!.title).focus();
    await page.keyboard.press('Enter');
    await expect(toggle(first!.title)).toHaveAttribute('aria-expanded', 'true');
    await page.reload();
    await expect(toggle(first!.title)).toHaveAttribute('aria-expanded', 'true');
    await expect(toggle(second!.title)).toHaveAttribute('aria-expanded', 'true');
    // Every group open makes a long page: the sidebar's background runs its whole height, and its
    // links stay in view at the bottom.
    await page.getByRole('button', { name: 'Open every group' }).click();
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeInViewport();
    const [asideHeight, pageHeight] = await page.evaluate(() => [
      document.querySelector('aside')?.getBoundingClientRect().height ?? 0,
      document.documentElement.scrollHeight,
    ]);
    expect(pageHeight).toBeGreaterThan(6000);
    expect(asideHeight).toBe(pageHeight);
    await page.getByRole('button', { name: 'Close every group' }).click();
    await expect(page.getByRole('heading', { name: 'How to fix it' })).toHaveCount(0);
    // A shared link to one group opens it.
    await page.goto(`/diagnostics#group-${first!.id}`);
    await expect(toggle(first!.title)).toHaveAttribute('aria-expanded', 'true');
    await expectAccessible(page);
  });

  test('mark fixed on a whole group runs and reports per account', async ({ page }) => {
    const expected = await board(page);
    const group = expected.groups.find((g) => g.id === 'oauth-token-revoked')!;
    expect(group.count).toBeGreaterThan(1);
    await page.goto('/diagnostics');
    const card = groupCard(page, group.title);
    await card.getByRole('button', { name: group.title }).click();
    await card
      .getByRole('group', { name: `Bulk actions on ${group.title}` })
      .getByRole('button', { name: 'Mark fixed' })
      .click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText(`${group.count} account`);
    await dialog.getByRole('button', { name: new RegExp(`Mark fixed.*${group.count}`) }).click();
    await expect(page.getByText(new RegExp(`${group.count} done · 0 failed`))).toBeVisible({
      timeout: 30_000,
    });
    await snap(page, 'diagnostics-group-fixed');
    // Per account: the job centre lists every account of the group with its result.
    await page.locator('main a[href^="/jobs/"]').first().click();
    await expect(page.getByRole('table', { name: 'Result per account' }).getByRole('row')).toHaveCount(
      group.count + 1,
    );
    // And the group is gone from the board.
    await page.goto('/diagnostics');
    await expect(page.getByRole('heading', { level: 2, name: group.title, exact: true })).toBeHidden();
  });

  test('the account page shows the failing step for an auth error and for a DATA-stage quota error', async ({
    page,
  }) => {
    for (const [cause, step] of [
      ['oauth-token-revoked', 'Login'],
      ['daily-sending-limit', 'DATA'],
    ] as const) {
      await page.goto(`/accounts?cause=${cause}&sort=email`);
      const row = page.getByRole('grid', { name: 'Sending accounts' }).getByRole('row').nth(1);
      await expect(row).toContainText('@');
      await row.getByRole('gridcell').nth(1).click();
      const steps = page.getByRole('list', { name: 'Where it failed' });
      await expect(steps.locator('[aria-current="step"]')).toContainText(step);
      await expect(steps.locator('[aria-current="step"]')).toContainText('failed here');
      await snap(page, `diagnosis-${cause}`);
    }
    await expectAccessible(page);
  });
});
