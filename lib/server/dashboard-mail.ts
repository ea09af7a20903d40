import 'server-only';
import type { EmailMessage } from '@/lib/alerts/format/email';
import type { Config } from '@/lib/schemas/config';
import { thrownOutcome } from '@/lib/worker/alert-delivery-send';
import { alertTransports } from './alert-transports';

// One-off e-mails from the dashboard (invite links) through SMTP_URL, over the same checked SMTP
// transport as the alert e-mails.

/** SMTP_FROM, else `<local>@` the mail server's host (the address mail servers most often accept). */
export const dashboardSender = (config: Config, smtpUrl: string, local: string) =>
  config.SMTP_FROM ?? `${local}@${new URL(smtpUrl).hostname}`;

export type MailOutcome = { to: string; sent: true } | { to: string; sent: false; error: string };

/** Sends one message to one person; a failure is an answer that says why, never a throw. */
export async function sendDashboardMail(
  config: Config,
  to: string,
  message: EmailMessage,
  transports = alertTransports({ allowPrivate: config.ALERTS_ALLOW_PRIVATE_URLS }),
): Promise<MailOutcome> {
  if (!config.SMTP_URL) return { to, sent: false, error: 'no mail server is configured (SMTP_URL)' };
  try {
    await transports.mail(config.SMTP_URL, {
      from: dashboardSender(config, config.SMTP_URL, 'fleet'),
      to: [to],
      ...message,
    });
    return { to, sent: true };
  } catch (error) {
    const outcome = thrownOutcome(error);
    return { to, sent: false, error: outcome.ok ? String(error) : outcome.error };
  }
}
