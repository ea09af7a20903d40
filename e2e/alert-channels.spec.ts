import { readmeVerifySnippet } from '@/lib/alerts/webhook-snippet-test-helpers';
import { type MailReceiver, startMailReceiver } from '@/lib/mail/mail-receiver-test-helpers';
import { type WebhookReceiver, startWebhookReceiver } from './alert-receivers';
import { expect, expectAccessible, setTheme, snap, test } from './fixtures';

// Alert channels, end to end: an admin adds a webhook channel whose receiver answers 500 twice, then
// 200; "Send a test alert" is delivered once, the same event id on all three attempts, and the README's
// snippet verifies its signature. An e-mail channel gets its test alert over SMTP. The app runs with
// ALERTS_ALLOW_PRIVATE_URLS=on (the receivers are on loopback); the refusal of private addresses with
// the switch off is covered by app/api/alert-channels/route.test.ts and lib/server/outbound-address.test.ts.

const SECRET = 'e2e-receiver-signing-secret-0123';
let hook: WebhookReceiver;
let mail: MailReceiver;

test.beforeAll(async () => {
  hook = await startWebhookReceiver();
  mail = await startMailReceiver();
});
test.afterAll(async () => {
  await hook.close();
  await mail.close();
});

test.describe('alert channels', () => {
  test('a webhook channel: retried through two 500s, delivered once, signed as the README says', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await page.goto('/alerts/channels');
    await expect(
      page.getByRole('navigation', { name: 'Alerts' }).getByRole('link', { name: 'Channels' }),
    ).toHaveAttribute('aria-current', 'page');
    await page.getByRole('link', { name: 'Add a channel' }).first().click();
    await expect(page.getByRole('heading', { name: 'Add an alert channel' })).toBeVisible();

    await page.getByRole('radio', { name: 'Webhook' }).check();
    await page.getByLabel('Name').fill('Ops receiver');
    // A URL the form cannot take says so under its field.
    await page.getByLabel('Webhook URL').fill('ftp://receiver.example.com/hook');
    await page.getByLabel('Signing secret').fill(SECRET);
    await page.getByRole('button', { name: 'Add the channel' }).click();
    await expect(page.getByText('must be an https:// URL')).toBeVisible();
    await expect(page.getByLabel('Webhook URL')).toHaveAttribute('aria-invalid', 'true');
    await snap(page, 'alert-channel-form-error');
    await expectAccessible(page);

    await page.getByLabel('Webhook URL').fill(hook.url);
    await page.getByRole('button', { name: 'Add the channel' }).click();
    await expect(page.getByRole('heading', { name: 'Ops receiver' })).toBeVisible();
    await expect(page.getByText('No deliveries yet')).toBeVisible();

    hook.script([500, 500]);
    await page.getByRole('button', { name: 'Send a test alert' }).click();
    const row = page.getByRole('row', { name: /Test alert for “Ops receiver”/ });
    await expect(row.getByText('Retrying')).toBeVisible({ timeout: 20_000 });
    await expect(row.getByText('Delivered')).toBeVisible({ timeout: 45_000 });
    await expect(row.getByRole('cell', { name: '3', exact: true })).toBeVisible();

    expect(hook.received.map((r) => r.status)).toEqual([500, 500, 200]);
    const ids = new Set(hook.received.map((r) => r.headers['x-fleet-event-id']));
    expect(ids.size).toBe(1);
    const verify = readmeVerifySnippet();
    for (const attempt of hook.received) {
      expect(verify(SECRET, attempt.headers, attempt.body)).toBe(true);
      expect(JSON.parse(attempt.body)).toMatchObject({
        schemaVersion: 1,
        type: 'alert',
        event: { kind: 'test' },
      });
    }
    expect(verify('not-the-secret-0123456789', hook.received[2]!.headers, hook.received[2]!.body)).toBe(
      false,
    );

    await snap(page, 'alert-channel-light');
    await expectAccessible(page);
    await setTheme(page, 'dark');
    await expect(row.getByText('Delivered')).toBeVisible();
    await snap(page, 'alert-channel-dark');
    await expectAccessible(page);
    await setTheme(page, 'light');

    await page.getByRole('navigation', { name: 'Alerts' }).getByRole('link', { name: 'Channels' }).click();
    const listed = page
      .getByRole('list', { name: 'Alert channels' })
      .getByRole('listitem')
      .filter({ hasText: 'Ops receiver' });
    await expect(listed.getByText('Delivered')).toBeVisible();
    await snap(page, 'alert-channels-list-light');
    await setTheme(page, 'dark');
    await snap(page, 'alert-channels-list-dark');
    await expectAccessible(page);
    await setTheme(page, 'light');
  });

  test('an e-mail channel receives its test alert over SMTP', async ({ page }) => {
    test.setTimeout(60_000);
    await page.goto('/alerts/channels/new');
    await page.getByRole('radio', { name: 'E-mail' }).check();
    await page.getByLabel('Name').fill('Ops mailbox');
    await page.getByLabel('SMTP server URL').fill(mail.url);
    await page.getByLabel('From').fill('fleet@example.com');
    await page.getByLabel('To').fill('ops@example.com, oncall@example.com');
    await page.getByRole('checkbox', { name: /Hold critical alerts during quiet hours/ }).check();
    await snap(page, 'alert-channel-form-email');
    await page.getByRole('button', { name: 'Add the channel' }).click();
    await expect(page.getByRole('heading', { name: 'Ops mailbox' })).toBeVisible();
    await expect(page.getByText('ops@example.com, oncall@example.com')).toBeVisible();

    await page.getByRole('button', { name: 'Send a test alert' }).click();
    const row = page.getByRole('row', { name: /Test alert for “Ops mailbox”/ });
    await expect(row.getByText('Delivered')).toBeVisible({ timeout: 30_000 });
    expect(mail.received).toHaveLength(1);
    const [message] = mail.received;
    expect(message?.to).toEqual(['ops@example.com', 'oncall@example.com']);
    expect(message?.from).toBe('fleet@example.com');
    // The subject is MIME-encoded (it has curly quotes); the plain-text body says what it is.
    expect(message?.raw).toMatch(/^Subject: /m);
    expect(message?.raw).toContain('Test alert for');
    expect(message?.raw).toContain('Content-Type: text/html');
    expect(message?.raw).toContain('Content-Type: text/plain');
  });
});
