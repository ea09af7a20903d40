import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, type Page, test as base, expect } from '@playwright/test';
import type { FaultRuleInput } from '@/lib/schemas/simulator-faults';
import { OWNER_STATE } from './owner';
import { SIM_URL } from './ports';

export { OWNER } from './owner';

/** A new browser context signed in as the owner (the setup project's saved state). */
export function signedInContext(
  browser: Browser,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<BrowserContext> {
  return browser.newContext({ ...options, storageState: OWNER_STATE });
}

export { APP_URL, SIM_URL } from './ports';

/** Keys the standalone simulator accepts (see playwright.config.ts). */
export const SIM_KEYS = {
  acme: 'sim_acme_2f9d4c61b8e04a7f',
  globex: 'sim_globex_8b31e0d2c94f4e15',
  canary: 'canary_7c1d9e04b2a64f3fa8e5d210c6b97e43',
  noplan: 'sim_noplan_5e2a7c9d1b3f4a60',
  readonly: 'sim_readonly_0a9b8c7d6e5f4a3b',
  stormy: 'sim_stormy_6d2f8a1c9e4b7d30',
  edge: 'sim_edge_1b9e7c3a5d2f8e64',
} as const;

/**
 * Repeats an idempotent test-setup call when the server dropped a reused keep-alive socket just as it
 * was sent (ECONNRESET): a race in the transport, not an answer from the app under test.
 */
async function idempotent<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= 3 || !/ECONNRESET|socket hang up/.test(String(error))) throw error;
    }
  }
}

type Simulators = {
  /** The app's in-process simulator (the demo workspace). */
  demo: SimulatorControl;
  /** The standalone simulator standing in for api.instantly.ai. */
  upstream: SimulatorControl;
};

class SimulatorControl {
  constructor(
    private readonly page: Page,
    private readonly url: string,
  ) {}

  async inject(rules: FaultRuleInput[]): Promise<void> {
    const response = await this.page.request.post(this.url, { data: { rules } });
    expect(response.status(), await response.text()).toBe(200);
  }

  async clear(): Promise<void> {
    expect((await idempotent(() => this.page.request.delete(this.url))).status()).toBe(200);
  }

  /** The fault rules still active (a rule with `count` disappears once used up). */
  async rules(): Promise<FaultRuleInput[]> {
    const response = await idempotent(() => this.page.request.get(this.url));
    return ((await response.json()) as { rules: FaultRuleInput[] }).rules;
  }

  async reset(slug: string): Promise<void> {
    const response = await idempotent(() => this.page.request.post(this.url, { data: { reset: slug } }));
    expect(response.status(), await response.text()).toBe(200);
  }
}

async function resyncDemoIndex(page: Page, baseURL: string): Promise<void> {
  const started = await idempotent(() =>
    page.request.post(`${baseURL}/api/accounts/sync`, {
      headers: { Origin: baseURL },
      data: { scope: 'active' },
    }),
  );
  expect(started.status(), await started.text()).toBe(200);
  await expect
    .poll(
      async () => {
        const response = await idempotent(() =>
          page.request.get(`${baseURL}/api/accounts/sync?scope=active`),
        );
        return ((await response.json()) as { sync: Array<{ state: string }> }).sync
          .map((s) => s.state)
          .join();
      },
      { timeout: 30_000 },
    )
    .toBe('done');
}

export const test = base.extend<{ sim: Simulators; cspViolations: string[] }>({
  sim: [
    async ({ page, baseURL }, use) => {
      const sims = {
        demo: new SimulatorControl(page, `${baseURL}/simulator/control`),
        upstream: new SimulatorControl(page, `${SIM_URL}/_control`),
      };
      // Every journey starts from the seeded state with no faults.
      await sims.demo.clear();
      await sims.demo.reset('all');
      await sims.upstream.clear();
      await sims.upstream.reset('all');
      // The fleet index must match the freshly seeded simulator, not what an earlier test changed.
      await resyncDemoIndex(page, baseURL!);
      await use(sims);
      await sims.demo.clear();
      await sims.upstream.clear();
    },
    { auto: true },
  ],
  // Any CSP violation in the browser console fails the test that caused it.
  cspViolations: [
    async ({ page }, use) => {
      const violations: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
          violations.push(message.text());
      });
      await use(violations);
      expect(violations, 'CSP violations in the console').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Axe on the current page: no serious or critical violation. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    // Toasts fade in and stack (an older one shrinks and fades behind the newest): a contrast measured
    // mid-animation is of a frame, not of the toast, and failed a journey at random. The toaster's
    // colours are the theme's tokens, which the rest of every page is checked with.
    .exclude('[data-sonner-toaster]')
    .analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')})`,
    ),
  ).toEqual([]);
}

/** Screenshots land in test-results/screenshots for a person to look at. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

export async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.evaluate((t) => localStorage.setItem('theme', t), theme);
  await page.reload();
  await expect(page.locator('html')).toHaveClass(new RegExp(theme));
}
