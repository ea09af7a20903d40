import { describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/schemas/config';
import type { AlertTransports, MailMessage } from '@/lib/worker/alert-delivery-send';
import { environmentChannels } from './alert-channels';
import { sendDashboardMail } from './dashboard-mail';

// Who the dashboard's e-mails come from, and what a one-off send answers (a fake transport here; the
// invite route's test uses a real SMTP server).

const SMTP = { SMTP_URL: 'smtp://mail.example.net:2525', ALERTS_EMAIL_TO: 'ops@example.com' };
const alertSender = (env: Record<string, string>) =>
  environmentChannels(parseConfig({ ...SMTP, ...env }), 0).find((c) => c.id === 'env-email')?.from;

describe('the sender of dashboard e-mails', () => {
  it('alerts: ALERTS_EMAIL_FROM, else SMTP_FROM, else fleet-alerts@ the mail server', () => {
    expect(alertSender({ ALERTS_EMAIL_FROM: 'alerts@example.com', SMTP_FROM: 'fleet@example.com' })).toBe(
      'alerts@example.com',
    );
    expect(alertSender({ SMTP_FROM: 'fleet@example.com' })).toBe('fleet@example.com');
    expect(alertSender({})).toBe('fleet-alerts@mail.example.net');
  });

  it('no e-mail alert channel with SMTP_URL alone (it is then for invites)', () => {
    expect(environmentChannels(parseConfig({ SMTP_URL: SMTP.SMTP_URL }), 0)).toEqual([]);
  });
});

function fakeTransports(
  fail?: Error,
): AlertTransports & { sent: Array<{ smtpUrl: string; message: MailMessage }> } {
  const sent: Array<{ smtpUrl: string; message: MailMessage }> = [];
  return {
    sent,
    post: () => Promise.reject(new Error('not used')),
    mail: async (smtpUrl, message) => {
      if (fail) throw fail;
      sent.push({ smtpUrl, message });
    },
  };
}
const message = { subject: 'Hello', text: 'Hi', html: '<p>Hi</p>' };

describe('sendDashboardMail', () => {
  it('sends one message to one address from SMTP_FROM (else fleet@ the mail server)', async () => {
    const transports = fakeTransports();
    const config = parseConfig({ SMTP_URL: SMTP.SMTP_URL });
    expect(await sendDashboardMail(config, 'a@example.com', message, transports)).toEqual({
      to: 'a@example.com',
      sent: true,
    });
    expect(transports.sent).toEqual([
      {
        smtpUrl: SMTP.SMTP_URL,
        message: { from: 'fleet@mail.example.net', to: ['a@example.com'], ...message },
      },
    ]);
  });

  it('answers why a send failed instead of throwing', async () => {
    const refused = Object.assign(new Error('550 5.1.1 no such user'), { responseCode: 550 });
    const config = parseConfig({ SMTP_URL: SMTP.SMTP_URL, SMTP_FROM: 'fleet@example.com' });
    expect(await sendDashboardMail(config, 'a@example.com', message, fakeTransports(refused))).toEqual({
      to: 'a@example.com',
      sent: false,
      error: 'the mail server answered 550 5.1.1 no such user',
    });
  });

  it('without SMTP_URL sends nothing and says so', async () => {
    const transports = fakeTransports();
    const answer = await sendDashboardMail(parseConfig({}), 'a@example.com', message, transports);
    expect(answer).toEqual({
      to: 'a@example.com',
      sent: false,
      error: 'no mail server is configured (SMTP_URL)',
    });
    expect(transports.sent).toEqual([]);
  });
});
