import { z } from 'zod';
import { alertRuleIds, alertScopeKinds, alertSeverities } from './alert-event';
import { alertSettingsSchema } from './alert-settings';
import { isTimeZone } from './time-zone';

// The alerts API's DTOs: the inbox, one alert, the bell and the settings, shared by the route
// handlers (which parse what they send) and lib/queries/alerts.ts (which parses what it receives).

export const alertDtoSchema = z.object({
  id: z.string(),
  workspaceId: z.string(),
  rule: z.enum(alertRuleIds),
  cause: z.string(),
  scope: z.object({ kind: z.enum(alertScopeKinds), value: z.string() }),
  severity: z.enum(alertSeverities),
  title: z.string(),
  summary: z.string(),
  fix: z.array(z.string()),
  count: z.int().nonnegative(),
  accounts: z.array(z.string()),
  /** The fleet table filtered to the accounts (a dashboard path). */
  accountsHref: z.string().startsWith('/'),
  openedAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().nullable(),
  resolution: z.enum(['cleared', 'rule-off']).nullable(),
  acknowledgedAt: z.iso.datetime().nullable(),
  acknowledgedBy: z.string().nullable(),
  snoozedUntil: z.iso.datetime().nullable(),
  reminders: z.int().nonnegative(),
});
export type AlertDto = z.infer<typeof alertDtoSchema>;

export const alertListResponseSchema = z.object({
  open: z.array(alertDtoSchema),
  resolved: z.array(alertDtoSchema),
});
export type AlertListResponse = z.infer<typeof alertListResponseSchema>;

export const alertEventSummarySchema = z.object({
  eventId: z.string(),
  kind: z.enum(['opened', 'reminder', 'recovered', 'test']),
  occurredAt: z.iso.datetime(),
});

/** One alert and the events it sent to the channels (the detail page's history). */
export const alertResponseSchema = z.object({
  alert: alertDtoSchema,
  events: z.array(alertEventSummarySchema),
});

export const alertUnreadResponseSchema = z.object({ unread: z.int().nonnegative() });

export const snoozeChoices = ['1h', '8h', '24h', 'tomorrow'] as const;
export type SnoozeChoice = (typeof snoozeChoices)[number];

/** POST /api/alerts/[id]: acknowledge, or snooze for one of the offered spans. */
export const alertActionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('acknowledge') }),
  z.strictObject({
    action: z.literal('snooze'),
    for: z.enum(snoozeChoices, { error: 'Snooze for 1h, 8h, 24h or until tomorrow' }),
    // The browser's zone, so that "tomorrow morning" is the person's morning (UTC when not sent).
    timeZone: z
      .string()
      .refine(isTimeZone, { error: 'timeZone must be an IANA time zone such as Europe/Paris' })
      .default('UTC'),
  }),
]);
export type AlertAction = z.infer<typeof alertActionSchema>;

export const alertParamsSchema = z.object({ id: z.string().min(1).max(100) });

export const alertSettingsResponseSchema = z.object({
  workspaceId: z.string(),
  settings: alertSettingsSchema,
  updatedAt: z.iso.datetime().nullable(),
  updatedBy: z.string().nullable(),
});
export type AlertSettingsResponse = z.infer<typeof alertSettingsResponseSchema>;
