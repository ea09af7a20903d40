import { z } from 'zod';
import { alertSeverities } from './alert-event';
import { isTimeZone } from './time-zone';

// Alert channels as the form sends them and the /api/alert-channels routes answer. One schema feeds
// the form and its handler. Secrets (webhook URLs, the signing secret, the SMTP URL with its password)
// go in and are sealed; they never come back out: the answer names only the host they point at.

export const alertChannelKinds = ['slack', 'webhook', 'email'] as const;
export type AlertChannelKind = (typeof alertChannelKinds)[number];

export const ALERT_CHANNEL_KIND_LABELS: Record<AlertChannelKind, string> = {
  slack: 'Slack',
  webhook: 'Webhook',
  email: 'E-mail',
};

/** Bounds an admin cannot exceed by mistake (a list that long is a typo, not a team). */
export const MAX_ALERT_CHANNELS = 50;
const MAX_RECIPIENTS = 20;

const hour = z.int().min(0, 'an hour from 0 to 23').max(23, 'an hour from 0 to 23');

export const quietHoursSchema = z
  .object({ start: hour, end: hour })
  .refine((q) => q.start !== q.end, { message: 'quiet hours must start and end at different hours', path: ['end'] });
export type QuietHours = z.infer<typeof quietHoursSchema>;

const httpUrl = z
  .url({ protocol: /^https?$/, message: 'must be an https:// URL' })
  .max(2000, 'at most 2,000 characters');
const smtpUrl = z
  .url({ protocol: /^smtps?$/, message: 'must be an smtp:// or smtps:// URL (smtps://user:password@host:465)' })
  .max(2000, 'at most 2,000 characters');
const signingSecret = z
  .string()
  .min(16, 'at least 16 characters')
  .max(200, 'at most 200 characters')
  .regex(/^[\x21-\x7e]+$/, 'printable characters without spaces');

/** Who receives what and when: shared by every kind of channel. */
const routingFields = {
  name: z.string().trim().min(1, 'give the channel a name').max(80, 'at most 80 characters'),
  /** null: every workspace, also ones added later. */
  workspaceIds: z.array(z.string().min(1).max(100)).min(1, 'choose at least one workspace').max(100).nullable(),
  severities: z
    .array(z.enum(alertSeverities))
    .min(1, 'choose at least one severity')
    .transform((list) => alertSeverities.filter((s) => list.includes(s))),
  digestHour: hour,
  timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Europe/Paris'),
  quietHours: quietHoursSchema.nullable(),
};

const emailFields = {
  to: z
    .array(z.email({ message: 'each recipient must be an e-mail address' }))
    .min(1, 'at least one recipient')
    .max(MAX_RECIPIENTS, `at most ${MAX_RECIPIENTS} recipients`),
  from: z.email({ message: 'must be an e-mail address' }),
};

export const createAlertChannelInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('slack'), ...routingFields, url: httpUrl }),
  z.strictObject({ kind: z.literal('webhook'), ...routingFields, url: httpUrl, signingSecret }),
  z.strictObject({ kind: z.literal('email'), ...routingFields, ...emailFields, smtpUrl }),
]);
export type CreateAlertChannelInput = z.infer<typeof createAlertChannelInputSchema>;

/** A change keeps the kind; a secret left out is kept as it is. */
export const updateAlertChannelInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('slack'), ...routingFields, url: httpUrl.optional() }),
  z.strictObject({
    kind: z.literal('webhook'),
    ...routingFields,
    url: httpUrl.optional(),
    signingSecret: signingSecret.optional(),
  }),
  z.strictObject({ kind: z.literal('email'), ...routingFields, ...emailFields, smtpUrl: smtpUrl.optional() }),
]);
export type UpdateAlertChannelInput = z.infer<typeof updateAlertChannelInputSchema>;

export const alertDeliveryStatuses = ['queued', 'held', 'sending', 'delivered', 'failed'] as const;
export type AlertDeliveryStatus = (typeof alertDeliveryStatuses)[number];

export const alertDeliverySchema = z.object({
  id: z.string(),
  channelId: z.string(),
  /** One event, or the digest of a day's warnings. */
  kind: z.enum(['event', 'digest']),
  eventId: z.string().nullable(),
  title: z.string(),
  severity: z.enum(alertSeverities).nullable(),
  events: z.int().nonnegative(),
  status: z.enum(alertDeliveryStatuses),
  attempts: z.int().nonnegative(),
  lastError: z.string().nullable(),
  createdAt: z.iso.datetime(),
  /** When it is sent (held, queued) or tried again (after a failed attempt). */
  nextAttemptAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
});
export type AlertDelivery = z.infer<typeof alertDeliverySchema>;

export const alertChannelSchema = z.object({
  id: z.string(),
  kind: z.enum(alertChannelKinds),
  /** environment: from ALERTS_* / SMTP_URL, read-only here. */
  source: z.enum(['database', 'environment']),
  name: z.string(),
  workspaceIds: z.array(z.string()).nullable(),
  severities: z.array(z.enum(alertSeverities)),
  digestHour: z.int(),
  timeZone: z.string(),
  quietHours: z.object({ start: z.int(), end: z.int() }).nullable(),
  /** Where it goes, without secrets: a host name, or the SMTP host and recipients. */
  target: z.string(),
  to: z.array(z.string()).nullable(),
  from: z.string().nullable(),
  /** false: the sealed secrets no longer open (server secret changed): enter them again. */
  secretsReadable: z.boolean(),
  createdAt: z.iso.datetime().nullable(),
  lastDelivery: alertDeliverySchema.nullable(),
});
export type AlertChannel = z.infer<typeof alertChannelSchema>;

export const alertChannelsResponseSchema = z.object({
  channels: z.array(alertChannelSchema),
  workspaces: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type AlertChannelsResponse = z.infer<typeof alertChannelsResponseSchema>;

export const alertChannelResponseSchema = z.object({
  channel: alertChannelSchema,
  deliveries: z.array(alertDeliverySchema),
});
export type AlertChannelResponse = z.infer<typeof alertChannelResponseSchema>;

export const testAlertResponseSchema = z.object({ delivery: alertDeliverySchema });
