import { z } from 'zod';

// One alert event: what the rules hand to the channels. The rules (lib/alerts, lib/worker) decide when
// an alert opens, reminds or recovers and append one event each time (lib/store/alert-events.ts); the
// channels (Slack, webhook, e-mail, digest) deliver events and never re-evaluate a rule. The event id
// is stable: every retry and every channel carries the same one, so a receiver can drop duplicates.

export const alertRuleIds = [
  'new-errors',
  'warmup-health',
  'warmup-stopped',
  'unreachable-limit',
  'limit-ramp',
  'domain-vitals',
] as const;
export type AlertRuleId = (typeof alertRuleIds)[number];

/** Critical ones are delivered at once; warnings wait for the channel's morning digest. */
export const alertSeverities = ['critical', 'warning'] as const;
export type AlertSeverity = (typeof alertSeverities)[number];

export const alertEventKinds = ['opened', 'reminder', 'recovered', 'test'] as const;
export type AlertEventKind = (typeof alertEventKinds)[number];

/** What one alert covers: every account of a cause in a workspace, one domain, or one account. */
export const alertScopeKinds = ['workspace', 'domain', 'account'] as const;
export type AlertScopeKind = (typeof alertScopeKinds)[number];

/** At most this many accounts are named in an event; `count` says how many there are in all. */
export const ALERT_EVENT_ACCOUNTS_MAX = 10;

export const alertEventSchema = z.object({
  eventId: z.string().min(1).max(100),
  kind: z.enum(alertEventKinds),
  alertId: z.string().min(1).max(100),
  /** A test event (a channel's "send a test alert") belongs to no rule. */
  rule: z.enum([...alertRuleIds, 'test']),
  severity: z.enum(alertSeverities),
  workspace: z.object({ id: z.string().min(1), name: z.string() }),
  scope: z.object({ kind: z.enum(alertScopeKinds), value: z.string() }),
  /** The cause or triage group id (lib/diagnostics), or the rule's own reason id. */
  cause: z.string().min(1),
  /** One line a person reads first: "12 inboxes on acme.io: sign-in expired". */
  title: z.string().min(1),
  /** A sentence or two of what happened and why it matters. */
  summary: z.string(),
  /** The fix, step by step (empty for a recovery). */
  fix: z.array(z.string()),
  count: z.int().nonnegative(),
  accounts: z.array(z.string()).max(ALERT_EVENT_ACCOUNTS_MAX),
  /** Paths inside the dashboard (the channels make them absolute with the dashboard's public URL). */
  links: z.object({ accounts: z.string().startsWith('/'), alert: z.string().startsWith('/') }),
  occurredAt: z.iso.datetime(),
});
export type AlertEvent = z.infer<typeof alertEventSchema>;
