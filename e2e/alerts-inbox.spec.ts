import { type APIRequestContext, type Page, expect, test } from '@playwright/test';
import { OWNER, expectAccessible, snap } from './fixtures';
import { type MailReceiver, startMailReceiver } from '@/lib/mail/mail-receiver-test-helpers';
import { type WebhookReceiver, startWebhookReceiver } from './alert-receivers';
import { APP_PORT } from './ports';
import { type JourneyApp, startJourneyApp } from './processes';

// Alerts end to end, on an app of this journey's own (the demo, its owner signed in, its worker
// syncing every 3 s, a Slack channel and an e-mail channel from the environment, both on local
// receivers): every inbox of one demo domain loses its sign-in at once → after the next scheduled sync
// one open alert names the domain and the count, Slack gets one Block Kit message and the mailbox one
// e-mail saying so, the bell shows it, acknowledge works; once the inboxes are fixed the alert resolves
// and each channel gets one recovered notice.

const PORT = APP_PORT + 7;
const APP = `http://127.0.0.1:${PORT}`;
const ORIGIN = { Origin: APP };

type Alert = {
  id: string;
  title: string;
  count: number;
  scope: { kind: string; value: string };
  resolvedAt: string | null;
  acknowledgedBy: string | null;
};
type Inbox = { open: Alert[]; resolved: Alert[] };

let app: JourneyApp | undefined;
let slack: WebhookReceiver;
let mail: MailReceiver;

/** Slack messages (Block Kit bodies) that mention a text in their header. */
const slackAbout = (text: string) =>
  slack.received
    .map(
      (r) => JSON.parse(r.body) as { text: string; blocks: Array<{ type: string; text?: { text: string } }> },
    )
    .filter((m) => m.blocks[0]?.type === 'header' && m.blocks[0].text?.text.includes(text));

/** E-mails whose text mentions a text (quoted-printable soft line breaks undone). */
const mailAbout = (text: string) => mail.received.map((m) => m.text).filter((raw) => raw.includes(text));

const inbox = async (request: APIRequestContext) =>
  (await (await request.get(`${APP}/api/alerts`)).json()) as Inbox;

/** A demo domain whose every inbox is Active now, with at least 12 of them. */
async function healthyDomain(request: APIRequestContext): Promise<{ domain: string; count: number }> {
  const response = await request.get(`${APP}/api/accounts?limit=500`);
  expect(response.status()).toBe(200);
  const { rows } = (await response.json()) as { rows: Array<{ domain: string; status: number | null }> };
  const byDomain = new Map<string, Array<number | null>>();
  for (const row of rows) byDomain.set(row.domain, [...(byDomain.get(row.domain) ?? []), row.status]);
  const found = [...byDomain.entries()]
    .filter(([, statuses]) => statuses.length >= 12 && statuses.every((s) => s === 1))
    .sort(([a], [b]) => a.localeCompare(b))[0];
  if (!found) throw new Error('the demo fleet has no healthy domain of 12+ inboxes');
  return { domain: found[0], count: found[1].length };
}

async function themed(page: Page, theme: 'light' | 'dark', name: string) {
  await page.evaluate((t) => localStorage.setItem('theme', t), theme);
  await page.reload();
  await expect(page.locator('html')).toHaveClass(new RegExp(theme));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await snap(page, `${name}-${theme}`);
}

test.describe('alerts inbox', () => {
  test.describe.configure({ timeout: 180_000 });

  test.beforeAll(async ({ playwright }) => {
    slack = await startWebhookReceiver();
    mail = await startMailReceiver();
    const request = await playwright.request.newContext();
    app = await startJourneyApp(request, {
      name: 'alerts-app',
      port: PORT,
      secret: 'e2e-alerts-secret-0123456789abcdef0123456789ab',
      env: {
        SIM_CONTROL: '1',
        // Rules are an admin's to change: the journey signs in as this app's owner.
        DASHBOARD_OWNER_EMAIL: OWNER.email,
        DASHBOARD_OWNER_PASSWORD: OWNER.password,
        DASHBOARD_OWNER_NAME: OWNER.name,
        FLEET_SYNC_INTERVAL_SECONDS: '3',
        DASHBOARD_PUBLIC_URL: APP,
        // The receivers are on loopback, which channels refuse unless told otherwise.
        ALERTS_ALLOW_PRIVATE_URLS: 'on',
        ALERTS_SLACK_WEBHOOK_URL: slack.url,
        SMTP_URL: mail.url,
        ALERTS_EMAIL_TO: 'ops@example.com',
        ALERTS_EMAIL_FROM: 'fleet@example.com',
      },
    });
    await request.dispose();
  });

  test.afterAll(async () => {
    await app?.stop();
    await slack.close();
    await mail.close();
  });

  test('a broken domain is one alert; the bell, acknowledge and the recovery work', async ({ browser }) => {
    const context = await browser.newContext({ baseURL: APP, storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    const request = context.request;
    const signedIn = await request.post(`${APP}/api/auth/sign-in/email`, {
      headers: ORIGIN,
      data: { email: OWNER.email, password: OWNER.password },
    });
    expect(signedIn.status(), await signedIn.text()).toBe(200);
    // The first scheduled sync indexes the demo and the rules find its seeded troubles.
    await expect.poll(async () => (await inbox(request)).open.length, { timeout: 60_000 }).toBeGreaterThan(0);
    const { domain, count } = await healthyDomain(request);
    expect((await inbox(request)).open.filter((a) => a.title.includes(domain))).toEqual([]);

    const broke = await request.post(`${APP}/simulator/control`, {
      data: { break: { domain }, cause: 'oauth-token-revoked' },
      headers: ORIGIN,
    });
    expect(broke.status(), await broke.text()).toBe(200);
    expect(((await broke.json()) as { broken: number }).broken).toBe(count);

    await expect
      .poll(async () => (await inbox(request)).open.filter((a) => a.title.includes(domain)).length, {
        timeout: 60_000,
      })
      .toBe(1);
    const [alert] = (await inbox(request)).open.filter((a) => a.title.includes(domain));
    expect(alert).toMatchObject({
      title: `${count} inboxes on ${domain}: sign-in expired`,
      count,
      scope: { kind: 'domain', value: domain },
    });

    // A critical alert goes out at once: one Slack message and one e-mail for the whole domain.
    const headline = `${count} inboxes on ${domain}: sign-in expired`;
    await expect.poll(() => slackAbout(headline).length, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => mailAbout(headline).length, { timeout: 30_000 }).toBe(1);
    const [message] = slackAbout(headline);
    const blockText = JSON.stringify(message?.blocks);
    expect(blockText).toContain(`${count} accounts`);
    expect(blockText).toContain(
      `${APP}/accounts?cause=oauth-token-revoked&domain=${encodeURIComponent(domain)}`,
    );
    expect(mailAbout(headline)[0]).toContain('Content-Type: text/html');

    // The bell counts it before the inbox is opened, and goes back to none once it is.
    await page.goto('/diagnostics');
    const bell = page.getByRole('link', { name: /^Alerts, \d+ unread$/ });
    await expect(bell).toBeVisible();
    await bell.click();
    await expect(page).toHaveURL(/\/alerts$/);
    const card = page.getByRole('listitem').filter({ hasText: `${count} inboxes on ${domain}` });
    await expect(card).toHaveCount(1);
    await expect(card.getByRole('link', { name: `Show the ${count} accounts in the table` })).toHaveAttribute(
      'href',
      `/accounts?cause=oauth-token-revoked&domain=${encodeURIComponent(domain)}`,
    );
    await expect(page.getByRole('link', { name: 'Alerts, none unread' })).toBeVisible();
    await expectAccessible(page);
    await themed(page, 'light', 'alerts-inbox');
    await themed(page, 'dark', 'alerts-inbox');

    await page.evaluate(() => localStorage.setItem('theme', 'light'));
    await page.goto(`/alerts/${alert?.id}`);
    await expect(page.getByRole('heading', { level: 1, name: alert?.title })).toBeVisible();
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(page.getByText(`Acknowledged by ${OWNER.name}`).first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Acknowledged' })).toBeDisabled();
    await page.getByRole('button', { name: /Snooze/ }).click();
    await expect(page.getByRole('menuitem', { name: 'Until tomorrow morning' })).toBeVisible();
    await page.getByRole('menuitem', { name: 'For 1 hour' }).click();
    await expect(page.getByText('Snoozed until')).toBeVisible();
    await expectAccessible(page);
    await themed(page, 'light', 'alerts-detail');
    await themed(page, 'dark', 'alerts-detail');

    // The environment's channels are listed read-only in Settings.
    await page.goto('/settings');
    const fromEnv = page.getByRole('list', { name: 'Alert channels from the environment' });
    await expect(fromEnv.getByRole('listitem')).toHaveCount(2);
    await expect(fromEnv.getByRole('listitem').filter({ hasText: 'Slack' })).toContainText('Read-only');
    await expect(fromEnv.getByRole('listitem').filter({ hasText: 'E-mail' })).toContainText(
      'ops@example.com',
    );
    await expectAccessible(page);
    await snap(page, 'settings-environment-channels');

    await page.goto('/alerts/rules');
    await expect(page.getByRole('checkbox', { name: 'New errors' })).toBeChecked();
    await expect(page.getByLabel('Score threshold')).toHaveValue('80');
    await page.getByLabel('Score threshold').fill('101');
    await page.getByRole('button', { name: 'Save rules' }).click();
    await expect(page.getByText('The score threshold must be at most 100')).toBeVisible();
    await page.getByLabel('Remind after').fill('6');
    await page.getByLabel('Score threshold').fill('80');
    await page.getByRole('button', { name: 'Save rules' }).click();
    await expect(page.getByText(/last changed by/)).toBeVisible();
    const settings = await (await request.get(`${APP}/api/alerts/settings`)).json();
    expect(settings.settings.reminderHours).toBe(6);
    await expectAccessible(page);
    await themed(page, 'light', 'alerts-rules');
    await themed(page, 'dark', 'alerts-rules');

    // Fixed: the next sync resolves it, and the channels got a recovered event.
    const fixed = await request.post(`${APP}/simulator/control`, {
      data: { fix: { domain } },
      headers: ORIGIN,
    });
    expect(fixed.status(), await fixed.text()).toBe(200);
    await expect
      .poll(
        async () =>
          ((await (await request.get(`${APP}/api/alerts/${alert?.id}`)).json()) as { alert: Alert }).alert
            .resolvedAt,
        { timeout: 60_000 },
      )
      .not.toBeNull();
    const detail = (await (await request.get(`${APP}/api/alerts/${alert?.id}`)).json()) as {
      events: Array<{ eventId: string; kind: string }>;
    };
    expect(detail.events.map((e) => [e.eventId, e.kind])).toEqual([
      [`${alert?.id}:opened`, 'opened'],
      [`${alert?.id}:recovered`, 'recovered'],
    ]);
    expect((await inbox(request)).resolved.some((a) => a.id === alert?.id)).toBe(true);
    // Each channel hears of the recovery once, and of the opening still only once. The recovery
    // names the alert as it last stood: a sync that read part of the domain before the fix and part
    // after lowers the count first, so the number is not pinned here.
    // Polled as the headers received about the domain, so a failure shows what Slack did get.
    const recoveredLine = new RegExp(
      `Recovered: \\d+ inboxes on ${domain.replaceAll('.', '\\.')}: sign-in expired`,
    );
    const headers = (messages: ReturnType<typeof slackAbout>) =>
      messages.map((m) => m.blocks[0]?.text?.text ?? '');
    await expect
      .poll(() => headers(slackAbout(domain)), { timeout: 30_000 })
      .toContainEqual(expect.stringMatching(recoveredLine));
    expect(headers(slackAbout(domain)).filter((h) => recoveredLine.test(h))).toHaveLength(1);
    expect(
      headers(slackAbout(domain)).filter((h) => h.includes(headline) && !h.includes('Recovered')),
    ).toHaveLength(1);
    await expect
      .poll(() => mailAbout('Recovered: ').filter((m) => recoveredLine.test(m)).length, { timeout: 30_000 })
      .toBe(1);
    await context.close();
  });
});
