import { type Page, expect, test } from '@playwright/test';
import { OWNER, expectAccessible, setTheme } from './fixtures';
import { type MailReceiver, startMailReceiver } from '@/lib/mail/mail-receiver-test-helpers';
import { APP_PORT } from './ports';
import { type JourneyApp, startJourneyApp } from './processes';

// Invites by e-mail, on an app of this journey's own whose SMTP_URL is a local mail server (and no
// alert e-mail channel): the owner invites with an address, the mail server gets exactly one message to
// it holding the link, the form says it was e-mailed, and the link from the e-mail opens the invite.

const PORT = APP_PORT + 8;
const APP = `http://127.0.0.1:${PORT}`;

let app: JourneyApp | undefined;
let mail: MailReceiver;

/** The messages to one address, quoted-printable soft line breaks undone. */
const mailTo = (address: string) => mail.received.filter((m) => m.to.includes(address)).map((m) => m.text);

async function inviteByEmail(page: Page, address: string): Promise<string> {
  const form = page.getByRole('form', { name: 'Invite someone' });
  await form.getByLabel('Role', { exact: true }).selectOption('operator');
  await form.getByLabel('E-mail the link to (optional)').fill(address);
  await form.getByRole('button', { name: 'Create invite link' }).click();
  await expect(form.getByTestId('invite-emailed')).toHaveText(`E-mailed the link to ${address}.`);
  // Sent: the field is empty again, so a second click cannot mail the same person a second link.
  await expect(form.getByLabel('E-mail the link to (optional)')).toHaveValue('');
  return form.getByLabel(/Send this link/).inputValue();
}

test.describe('invites by e-mail', () => {
  test.describe.configure({ timeout: 120_000 });

  test.beforeAll(async ({ playwright }) => {
    mail = await startMailReceiver();
    const request = await playwright.request.newContext();
    app = await startJourneyApp(request, {
      name: 'invite-app',
      port: PORT,
      secret: 'e2e-invite-mail-secret-0123456789abcdef012345',
      env: {
        DASHBOARD_OWNER_EMAIL: OWNER.email,
        DASHBOARD_OWNER_PASSWORD: OWNER.password,
        DASHBOARD_OWNER_NAME: OWNER.name,
        DASHBOARD_PUBLIC_URL: APP,
        // The mail server is on loopback, which outbound mail refuses unless told otherwise.
        ALERTS_ALLOW_PRIVATE_URLS: 'on',
        SMTP_URL: mail.url,
        SMTP_FROM: 'fleet@example.com',
      },
    });
    await request.dispose();
  });

  test.afterAll(async () => {
    await app?.stop();
    await mail.close();
  });

  test('the owner e-mails an invite; exactly one message carries the link, which opens the invite', async ({
    browser,
  }) => {
    const context = await browser.newContext({ baseURL: APP, storageState: { cookies: [], origins: [] } });
    const signedIn = await context.request.post(`${APP}/api/auth/sign-in/email`, {
      headers: { Origin: APP },
      data: { email: OWNER.email, password: OWNER.password },
    });
    expect(signedIn.status(), await signedIn.text()).toBe(200);
    const page = await context.newPage();

    for (const theme of ['light', 'dark'] as const) {
      await page.goto('/settings');
      await setTheme(page, theme);
      const address = `new.operator.${theme}@e2e.example`;
      const link = await inviteByEmail(page, address);
      expect(link).toMatch(new RegExp(`^${APP}/invite/[A-Za-z0-9_-]{43}$`));
      await expectAccessible(page);
      await page
        .getByRole('form', { name: 'Invite someone' })
        .screenshot({ path: `test-results/screenshots/invite-emailed-${theme}.png` });

      await expect.poll(() => mailTo(address).length).toBe(1);
      const [message] = mailTo(address);
      expect(message).toContain("Subject: You're invited to Fleet health");
      expect(message).toContain(link);
      expect(message).toContain(`${OWNER.name} (${OWNER.email}) invites you`);
    }
    expect(mail.received).toHaveLength(2);

    // The link as the e-mail carries it, opened by someone signed in nowhere.
    const emailed = mailTo('new.operator.light@e2e.example')[0]?.match(/Accept the invite: (\S+)/)?.[1];
    expect(emailed).toBeDefined();
    const invitee = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const invitePage = await invitee.newPage();
    await invitePage.goto(emailed as string);
    await expect(invitePage.getByText('You are invited as operator')).toBeVisible();
    await invitee.close();
    await context.close();
  });
});
