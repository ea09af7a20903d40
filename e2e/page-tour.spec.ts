import type { Page } from '@playwright/test';
import { expect, setTheme, snap, test } from './fixtures';

// Every page at the two widths people run the dashboard at (a 13" laptop, a desktop monitor), light
// and dark: the page never scrolls sideways, and no text is cut without an ellipsis or a title that
// says the whole of it. The screenshots are for a person to look at.

const WIDTHS = [1280, 1920] as const;

/** Text cut by its box with no ellipsis and no title/aria-label on it or around it, as "tag: text". */
function clippedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('main *, aside *, nav *')) {
      const style = getComputedStyle(el);
      if (style.overflowX !== 'hidden' && style.overflowX !== 'clip') continue;
      // Screen-reader-only text is clipped to a pixel on purpose.
      if (el.clientWidth <= 1 || (style.position === 'absolute' && el.clientWidth < 2)) continue;
      if (el.scrollWidth <= el.clientWidth + 1) continue;
      // Scrolling regions (the grid's body) and boxes holding more than text are not labels.
      if (el.querySelector('input, button, [role=row], svg, img, table')) continue;
      if (style.textOverflow === 'ellipsis') continue;
      if (el.closest('[title], [aria-label]')) continue;
      const text = el.textContent?.trim() ?? '';
      if (text) out.push(`${el.tagName.toLowerCase()}: ${text.slice(0, 80)}`);
    }
    return out;
  });
}

/** How far the document reaches past the window sideways, in pixels (0 when it does not scroll). */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/**
 * Scrolls the page from top to bottom a screen at a time and back, as a person reading it would:
 * what loads once in view (the account page's charts) is then on the page before it is checked.
 */
async function readThrough(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight * 0.8) {
      window.scrollTo(0, y);
      await frame();
      await frame();
    }
    window.scrollTo(0, 0);
  });
}

async function firstAccountPath(page: Page): Promise<string> {
  const response = await page.request.get('/api/accounts?sort=email&limit=1');
  expect(response.status()).toBe(200);
  const { rows } = (await response.json()) as { rows: Array<{ email: string }> };
  expect(rows.length).toBe(1);
  return `/accounts/${encodeURIComponent(rows[0]!.email)}`;
}

const PAGES: Array<{ name: string; path: (page: Page) => Promise<string> | string; heading: RegExp }> = [
  { name: 'overview', path: () => '/', heading: /overview|fleet/i },
  { name: 'accounts', path: () => '/accounts', heading: /accounts/i },
  { name: 'account', path: firstAccountPath, heading: /@/ },
  { name: 'diagnostics', path: () => '/diagnostics', heading: /diagnos/i },
  { name: 'jobs', path: () => '/jobs', heading: /job/i },
  { name: 'alerts', path: () => '/alerts', heading: /alert/i },
  { name: 'alert-rules', path: () => '/alerts/rules', heading: /alert/i },
  { name: 'alert-channels', path: () => '/alerts/channels', heading: /alert/i },
  { name: 'settings', path: () => '/settings', heading: /settings/i },
  { name: 'status', path: () => '/status', heading: /status/i },
];

for (const width of WIDTHS) {
  test(`every page at ${width} px, light and dark, fits the window and cuts no text unsaid`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width, height: 900 });
    for (const theme of ['light', 'dark'] as const) {
      await page.goto('/');
      await setTheme(page, theme);
      for (const entry of PAGES) {
        await page.goto(await entry.path(page));
        await expect(page.getByRole('heading', { level: 1 }).first()).toHaveText(entry.heading);
        await readThrough(page);
        // Loaded: no skeleton left on the page.
        await expect(page.locator('.animate-pulse')).toHaveCount(0);
        expect(await sidewaysOverflow(page), `${entry.name} scrolls sideways`).toBeLessThanOrEqual(0);
        expect(await clippedTexts(page), `${entry.name}: text cut without an ellipsis or title`).toEqual([]);
        await snap(page, `tour-${entry.name}-${width}-${theme}`);
      }
    }
  });
}
