import { z } from 'zod';
import { accountRowSchema, syncStatusSchema } from './api-accounts';
import { problemSchema } from './api-problem';
import {
  type AccountSettingsChanges,
  CHART_RANGES,
  SETTINGS_FIELDS,
  SETTINGS_RULES,
  type SettingRule,
  type SettingsField,
  VITAL_CHECKS,
} from './account-settings-rules';
import type { Account } from './instantly-account';
import type { AccountPatchRequest } from './instantly-requests';

// The account page's contract: the settings a person may change (one schema for the form and the
// PATCH handler), the account as the page shows it, the chart series, domain vitals and the overview.

// ---- settings ---------------------------------------------------------------------------------

export {
  type AccountSettingsChanges,
  INCREMENT_LABELS,
  SETTINGS_FIELDS,
  SETTINGS_LABELS,
  type SettingsField,
} from './account-settings-rules';

/** A zod field that runs one of the plain rules: the same check, the same words, as the browser's. */
function fromRule<T>(rule: SettingRule<T>) {
  return z.unknown().transform((value, ctx): T => {
    const result = rule(value);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.message });
    return z.NEVER;
  });
}

/**
 * THE settings schema: a set of changes, every field optional. The form checks the fields a person
 * changed with the same rules (checkSettingsChanges, account-settings-rules.ts), and PATCH
 * /api/accounts/[email] validates its body with this, so the same value is refused with the same words
 * on both sides (and the server refuses it before any call to Instantly); unknown keys are refused too.
 */
export const accountSettingsFormSchema = z.strictObject({
  dailyLimit: fromRule(SETTINGS_RULES.dailyLimit).optional(),
  sendingGap: fromRule(SETTINGS_RULES.sendingGap).optional(),
  warmupLimit: fromRule(SETTINGS_RULES.warmupLimit).optional(),
  warmupIncrement: fromRule(SETTINGS_RULES.warmupIncrement).optional(),
  warmupReplyRate: fromRule(SETTINGS_RULES.warmupReplyRate).optional(),
  slowRamp: fromRule(SETTINGS_RULES.slowRamp).optional(),
  trackingDomain: fromRule(SETTINGS_RULES.trackingDomain).optional(),
  inboxPlacementTestLimit: fromRule(SETTINGS_RULES.inboxPlacementTestLimit).optional(),
}) satisfies z.ZodType<AccountSettingsChanges, unknown>;

/** The current values as Instantly holds them; null where the account has no value (never set). */
export const accountSettingsSchema = z.object({
  dailyLimit: z.number().nullable(),
  sendingGap: z.number().nullable(),
  warmupLimit: z.number().nullable(),
  warmupIncrement: z.string().nullable(),
  warmupReplyRate: z.number().nullable(),
  slowRamp: z.boolean().nullable(),
  trackingDomain: z.string().nullable(),
  inboxPlacementTestLimit: z.number().nullable(),
});
export type AccountSettings = z.infer<typeof accountSettingsSchema>;

export function settingsOf(account: Account): AccountSettings {
  return {
    dailyLimit: account.daily_limit ?? null,
    sendingGap: account.sending_gap ?? null,
    warmupLimit: account.warmup?.limit ?? null,
    warmupIncrement: account.warmup?.increment ?? null,
    warmupReplyRate: account.warmup?.reply_rate ?? null,
    slowRamp: account.enable_slow_ramp ?? null,
    trackingDomain: account.tracking_domain_name ?? null,
    // A boolean (older clients' type) says nothing about the number of tests: shown as not set.
    inboxPlacementTestLimit:
      typeof account.inbox_placement_test_limit === 'number' ? account.inbox_placement_test_limit : null,
  };
}

/**
 * Only the fields whose value differs from the current one. Used by the form before it sends and by
 * the handler before it calls Instantly, so an unchanged value never travels.
 */
export function diffSettings(current: AccountSettings, next: AccountSettingsChanges): AccountSettingsChanges {
  const out: Record<string, unknown> = {};
  for (const field of SETTINGS_FIELDS) {
    const value = next[field];
    if (value === undefined) continue;
    if (value !== current[field]) out[field] = value;
  }
  return out as AccountSettingsChanges;
}

/** Our change set → the PATCH body Instantly takes (warmup fields nested, tracking domain removal explicit). */
export function toUpstreamPatch(changes: AccountSettingsChanges): AccountPatchRequest {
  const body: AccountPatchRequest = {};
  const warmup: NonNullable<AccountPatchRequest['warmup']> = {};
  if (changes.dailyLimit !== undefined) body.daily_limit = changes.dailyLimit;
  if (changes.sendingGap !== undefined) body.sending_gap = changes.sendingGap;
  if (changes.warmupLimit !== undefined) warmup.limit = changes.warmupLimit;
  if (changes.warmupIncrement !== undefined) warmup.increment = changes.warmupIncrement;
  if (changes.warmupReplyRate !== undefined) warmup.reply_rate = changes.warmupReplyRate;
  if (Object.keys(warmup).length > 0) body.warmup = warmup;
  if (changes.slowRamp !== undefined) body.enable_slow_ramp = changes.slowRamp;
  if (changes.trackingDomain !== undefined) {
    // Instantly documents remove_tracking_domain for taking a CTD off; a name sets (or replaces) it.
    if (changes.trackingDomain === null) body.remove_tracking_domain = true;
    else body.tracking_domain_name = changes.trackingDomain;
  }
  if (changes.inboxPlacementTestLimit !== undefined)
    body.inbox_placement_test_limit = changes.inboxPlacementTestLimit;
  return body;
}

/** Upstream field names (as Instantly's validation messages name them) → our form fields. */
export const UPSTREAM_FIELD_TO_SETTING: Record<string, SettingsField> = {
  daily_limit: 'dailyLimit',
  sending_gap: 'sendingGap',
  limit: 'warmupLimit',
  increment: 'warmupIncrement',
  reply_rate: 'warmupReplyRate',
  enable_slow_ramp: 'slowRamp',
  tracking_domain_name: 'trackingDomain',
  remove_tracking_domain: 'trackingDomain',
  inbox_placement_test_limit: 'inboxPlacementTestLimit',
};

// ---- the account ------------------------------------------------------------------------------

export const accountDetailSchema = z.object({
  row: accountRowSchema,
  settings: accountSettingsSchema,
  workspace: z.object({ id: z.string(), label: z.string(), kind: z.string() }),
  /** Fields the table does not carry but the page shows. */
  info: z.object({
    warmupStartedAt: z.string().nullable(),
    updatedAt: z.string().nullable(),
    trackingDomainStatus: z.string().nullable(),
    setupPending: z.boolean().nullable(),
    dailyLimitMax: z.number().nullable(),
    warmupLimitMax: z.number().nullable(),
  }),
  /**
   * Where the answer comes from and how old it is. `instantly`: read just now (readAt). `index`:
   * Instantly could not be read (readProblem says why), so this is the account as the fleet index last
   * stored it (readAt is when that was), and the page says so instead of showing nothing.
   */
  freshness: z.object({
    readAt: z.string(),
    source: z.enum(['instantly', 'index']),
    readProblem: problemSchema.nullable(),
    index: syncStatusSchema,
  }),
});
export type AccountDetail = z.infer<typeof accountDetailSchema>;

export const accountSaveResponseSchema = accountDetailSchema.extend({
  /** The fields that were sent to Instantly. */
  changed: z.array(z.enum(SETTINGS_FIELDS)),
  /**
   * How we know it was saved: Instantly's answer, or (when the answer was lost or unreadable) a
   * re-read of the account that shows every new value.
   */
  confirmedBy: z.enum(['answer', 're-read']),
});
export type AccountSaveResponse = z.infer<typeof accountSaveResponseSchema>;

/** Next hands route params over decoded; an encoded `%40` left by a proxy is decoded once more. */
function decodeOnce(value: string): string {
  if (!/%[0-9a-f]{2}/i.test(value)) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export const accountEmailParamsSchema = z.object({
  email: z
    .string()
    .max(320)
    .transform((s) => decodeOnce(s).trim())
    .pipe(z.email({ error: 'must be a valid email address' })),
});

// ---- the chart series -------------------------------------------------------------------------

export { CHART_RANGES, type ChartRange } from './account-settings-rules';

export const accountAnalyticsQuerySchema = z.object({ range: z.enum(CHART_RANGES).default('30') });

/** Who or what a settings change came from. */
export const CHANGE_SOURCES = ['dashboard', 'sync', 'read', 'seed'] as const;
export type ChangeSource = (typeof CHANGE_SOURCES)[number];

export const CHANGE_SOURCE_LABELS: Record<ChangeSource, string> = {
  dashboard: 'changed in this dashboard',
  sync: 'seen by a fleet sync (changed outside the dashboard)',
  read: 'seen when the account was opened (changed outside the dashboard)',
  seed: 'demo history',
};

export const CHART_SETTINGS_STATES = ['read', 'not-read'] as const;
export type ChartSettingsState = (typeof CHART_SETTINGS_STATES)[number];

/** One day of the chart. Counters are null where nothing is known, never a made-up zero. */
export const chartPointSchema = z.object({
  date: z.string(),
  /**
   * Warmup emails sent that day: 0 on a day Instantly answered for without sends (a real zero), null
   * on a day no answer covered (unknown: a gap). Inbox and spam follow the same rule.
   */
  warmupSent: z.number().nullable(),
  inbox: z.number().nullable(),
  spam: z.number().nullable(),
  /** inbox ÷ sent × 100 for the day; null on days without warmup sends (a gap in the line). */
  health: z.number().nullable(),
  /** The same over the 7 days ending that day, as Instantly computes its score; null without sends. */
  health7d: z.number().nullable(),
  /**
   * Settings in force that day (after the day's last change). Null means one of two things, told
   * apart by `settingsState`: not set on the account (Instantly's default applies) on a day a read of
   * the account was in force, unknown before the first read. Either way no line is drawn (never a 0).
   */
  dailyLimit: z.number().nullable(),
  sendingGap: z.number().nullable(),
  warmupLimit: z.number().nullable(),
  /**
   * `read`: a read of the account's own settings was in force that day (history points come only
   * from such reads, so an empty setting there is not set); `not-read`: before the first read.
   */
  settingsState: z.enum(CHART_SETTINGS_STATES),
  /** Campaign emails sent that day; null when campaign data could not be read. */
  campaignSent: z.number().nullable(),
  bounced: z.number().nullable(),
  /** Indexes into `markers` of changes made that day. */
  markers: z.array(z.number()),
});
export type ChartPoint = z.infer<typeof chartPointSchema>;

export const markerChangeSchema = z.object({
  field: z.string(),
  label: z.string(),
  from: z.union([z.number(), z.string(), z.boolean()]).nullable(),
  to: z.union([z.number(), z.string(), z.boolean()]).nullable(),
});
export type MarkerChange = z.infer<typeof markerChangeSchema>;

export const chartMarkerSchema = z.object({
  date: z.string(),
  at: z.string(),
  /** `settings`: a value changed; `action`: something done to the account (pause, warmup on…). */
  kind: z.enum(['settings', 'action']),
  source: z.enum(CHANGE_SOURCES),
  /** Short text for the chart ("Daily limit 30 → 60"). */
  label: z.string(),
  /** Who or what: "changed in this dashboard by Ana Lima (bulk action)". */
  by: z.string(),
  /** The person's name for a change made in this dashboard; null for one seen outside it. */
  actor: z.string().nullable(),
  changes: z.array(markerChangeSchema),
  auditId: z.number().nullable(),
  bulkActionId: z.string().nullable(),
  outcome: z.string().nullable(),
});
export type ChartMarker = z.infer<typeof chartMarkerSchema>;

export const SERIES_NOTICES = [
  'new-account',
  'score-zero',
  'little-warmup-data',
  'no-warmup-data',
  'history-starts',
  'history-seeded',
  'campaign-unavailable',
  'warmup-stored-only',
  'settings-not-set',
] as const;
export type SeriesNoticeCode = (typeof SERIES_NOTICES)[number];

export const seriesNoticeSchema = z.object({ code: z.enum(SERIES_NOTICES), message: z.string() });
export type SeriesNotice = z.infer<typeof seriesNoticeSchema>;

export const accountAnalyticsSchema = z.object({
  range: z.enum(CHART_RANGES),
  from: z.string(),
  to: z.string(),
  points: z.array(chartPointSchema),
  markers: z.array(chartMarkerSchema),
  /** How far back the settings lines are real. */
  history: z.object({
    state: z.enum(['seeded', 'complete', 'partial', 'none']),
    /** First day with a known setting (null when nothing is recorded yet). */
    startsAt: z.string().nullable(),
    note: z.string(),
  }),
  /** Partial-data flags with the sentence to show. */
  notices: z.array(seriesNoticeSchema),
  /** Instantly's own 7-day score, for comparison with the line. */
  score: z.number().nullable(),
});
export type AccountAnalytics = z.infer<typeof accountAnalyticsSchema>;

// ---- domain vitals ----------------------------------------------------------------------------

export { VITAL_CHECKS, VITAL_MEANINGS, type VitalCheck } from './account-settings-rules';

export const vitalsRequestSchema = z.strictObject({
  /** The workspace of the accounts (else `?workspace=` or the active one). */
  workspace: z.string().min(1).max(80).optional(),
  emails: z
    .array(z.email({ error: 'must be a valid email address' }))
    .min(1)
    .max(100),
});
export type VitalsRequest = z.infer<typeof vitalsRequestSchema>;

export const domainVitalsResultSchema = z.object({
  domain: z.string(),
  emails: z.array(z.string()),
  allPass: z.boolean(),
  /** null: Instantly did not report this check. */
  checks: z.record(z.enum(VITAL_CHECKS), z.boolean().nullable()),
});
export type DomainVitalsResult = z.infer<typeof domainVitalsResultSchema>;

export const vitalsResponseSchema = z.object({
  workspaceId: z.string(),
  checkedAt: z.string(),
  domains: z.array(domainVitalsResultSchema),
  /** Domains Instantly gave no answer for. */
  missing: z.array(z.string()),
});
export type VitalsResponse = z.infer<typeof vitalsResponseSchema>;

// ---- overview ---------------------------------------------------------------------------------

export const overviewQuerySchema = z.object({ scope: z.enum(['active', 'all']).default('active') });

export const overviewCountSchema = z.object({ value: z.number().nullable(), count: z.number() });

export const scatterPointSchema = z.object({
  email: z.string(),
  workspaceId: z.string(),
  score: z.number(),
  dailyLimit: z.number(),
  sendingGap: z.number().nullable(),
  status: z.number().nullable(),
});
export type ScatterPoint = z.infer<typeof scatterPointSchema>;

export const overviewResponseSchema = z.object({
  total: z.number(),
  byStatus: z.array(overviewCountSchema),
  byWarmup: z.array(overviewCountSchema),
  /** Mean warmup score over accounts that have one; null when none has. */
  averageScore: z.number().nullable(),
  scoredCount: z.number(),
  errors: z.number(),
  /** Active accounts with a warmup score under 80 while their daily limit is above the fleet median. */
  sendingTooHard: z.number(),
  scatter: z.object({
    points: z.array(scatterPointSchema),
    /** Accounts with a score and a daily limit (what could be drawn). */
    plottable: z.number(),
    /** True when `points` is a thinned subset of `plottable`. */
    sampled: z.boolean(),
  }),
  workspaces: z.array(z.object({ id: z.string(), label: z.string() })),
  sync: z.array(syncStatusSchema),
});
export type OverviewResponse = z.infer<typeof overviewResponseSchema>;
