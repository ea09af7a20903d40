import 'server-only';
import { type AlertDigest } from '@/lib/alerts/format/digest';
import { emailAlert, emailDigest } from '@/lib/alerts/format/email';
import { slackAlert, slackDigest } from '@/lib/alerts/format/slack';
import { webhookAlert, webhookDigest } from '@/lib/alerts/format/webhook';
import { type AttemptOutcome, isRetryableStatus, retryAfterMs } from '@/lib/alerts/retry';
import { EVENT_ID_HEADER, signedHeaders } from '@/lib/alerts/signing';
import type { AlertEvent } from '@/lib/schemas/alert-event';
import type { AlertChannelKind } from '@/lib/schemas/api-alert-channels';
import type { ChannelSecrets } from '@/lib/server/alert-channel-secrets';
import { OutboundRefusedError } from '@/lib/server/outbound-address';
import type { PostResult } from '@/lib/server/outbound-post';
import type { ChannelRouting } from '@/lib/alerts/routing';

// One attempt to deliver one message (an event or a digest) to one channel, and what the attempt's
// ending means for the next one: the formatters render, the transports (injected: tests give fakes)
// carry, and every failure becomes a sentence a person can act on.

export interface DeliveryChannel extends ChannelRouting {
  id: string;
  kind: AlertChannelKind;
  name: string;
  /** Epoch ms: the channel reads events appended from then on, not the history before it. */
  startsAt: number;
  /** null: the sealed secrets no longer open; its deliveries fail with that reason. */
  secrets: ChannelSecrets | null;
  to: readonly string[];
  from: string;
}

export interface MailMessage {
  from: string;
  to: readonly string[];
  subject: string;
  text: string;
  html: string;
}

export interface AlertTransports {
  post(url: string, body: string, headers: Record<string, string>): Promise<PostResult>;
  mail(smtpUrl: string, message: MailMessage): Promise<void>;
}

export type DeliveryContent = { kind: 'event'; event: AlertEvent } | { kind: 'digest'; digest: AlertDigest };

const idOf = (content: DeliveryContent) =>
  content.kind === 'event' ? content.event.eventId : content.digest.digestId;

function jsonBody(kind: 'slack' | 'webhook', content: DeliveryContent, publicUrl: string): string {
  if (kind === 'slack')
    return JSON.stringify(
      content.kind === 'event' ? slackAlert(content.event, publicUrl) : slackDigest(content.digest, publicUrl),
    );
  return JSON.stringify(
    content.kind === 'event' ? webhookAlert(content.event, publicUrl) : webhookDigest(content.digest, publicUrl),
  );
}

function httpOutcome(result: PostResult, now: number): AttemptOutcome {
  if (result.status >= 200 && result.status < 300) return { ok: true };
  if (result.status >= 300 && result.status < 400)
    return {
      ok: false,
      retryable: false,
      error: `the receiver answered ${result.status}, a redirect: redirects are not followed, enter the final URL`,
    };
  const wait = retryAfterMs(result.retryAfter, now);
  return {
    ok: false,
    retryable: isRetryableStatus(result.status),
    error: `the receiver answered HTTP ${result.status}`,
    ...(wait === null ? {} : { retryAfterMs: wait }),
  };
}

/** What a thrown send error means (also for one-off mails such as invites, lib/server/dashboard-mail). */
export function thrownOutcome(error: unknown): AttemptOutcome {
  if (error instanceof OutboundRefusedError)
    return { ok: false, retryable: false, error: `refused: the address ${error.message}` };
  const e = error as { code?: string; responseCode?: number; message?: string };
  // An SMTP server's 5xx is a permanent refusal (bad recipient, relaying denied); 4xx is "later".
  if (typeof e.responseCode === 'number')
    return { ok: false, retryable: e.responseCode < 500, error: `the mail server answered ${e.message ?? e.responseCode}` };
  if (e.code === 'EAUTH') return { ok: false, retryable: false, error: `the mail server refused the sign-in: ${e.message}` };
  // nodemailer wraps socket failures in generic codes; its message says what happened (ECONNREFUSED …).
  if ((e.code === 'ESOCKET' || e.code === 'ECONNECTION') && e.message)
    return { ok: false, retryable: true, error: `network error: ${e.message}` };
  return { ok: false, retryable: true, error: `network error: ${e.code ?? e.message ?? String(error)}` };
}

export async function attemptDelivery(
  channel: DeliveryChannel,
  content: DeliveryContent,
  transports: AlertTransports,
  publicUrl: string,
  now: number,
): Promise<AttemptOutcome> {
  const secrets = channel.secrets;
  if (!secrets || secrets.kind !== channel.kind)
    return {
      ok: false,
      retryable: false,
      error: 'the channel’s secrets no longer open (the server secret changed): enter them again',
    };
  try {
    if (secrets.kind === 'email') {
      const message = content.kind === 'event' ? emailAlert(content.event, publicUrl) : emailDigest(content.digest, publicUrl);
      await transports.mail(secrets.smtpUrl, { from: channel.from, to: channel.to, ...message });
      return { ok: true };
    }
    const body = jsonBody(secrets.kind, content, publicUrl);
    // An environment webhook without ALERTS_WEBHOOK_SECRET goes unsigned (its URL is then the secret).
    const headers =
      secrets.kind !== 'webhook'
        ? {}
        : secrets.signingSecret
          ? signedHeaders(secrets.signingSecret, idOf(content), body, now)
          : { [EVENT_ID_HEADER]: idOf(content) };
    return httpOutcome(await transports.post(secrets.url, body, headers), now);
  } catch (error) {
    return thrownOutcome(error);
  }
}
