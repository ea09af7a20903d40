import { z } from 'zod';
import { accountRowSchema, syncStatusSchema } from './api-accounts';
import { problemSchema } from './api-problem';
import { dailyLimitSchema } from './daily-limit-schema';
import { type Account, WARMUP_INCREMENTS } from './instantly-account';
import type { AccountPatchRequest } from './instantly-requests';

// The account page's contract: the settings a person may change (one schema for the form and the
// PATCH handler), the account as the page shows it, the chart series, domain vitals and the overview.

// ---- settings ---------------------------------------------------------------------------------

export const SETTINGS_FIELDS = [
  'dailyLimit',
  'sendingGap',
  'warmupLimit',
  'warmupIncrement',
  'warmupReplyRate',
  'slowRamp',
  'trackingDomain',
  'inboxPlacementTestLimit',
] as const;
export type SettingsField = (typeof SETTINGS_FIELDS)[number];

/** What a person reads next to each field, in the form, in errors and on chart markers. */
export const SETTINGS_LABELS: Record<SettingsField, string> = {
  dailyLimit: 'Daily limit',
  sendingGap: 'Sending gap',
  warmupLimit: 'Warmup limit',
  warmupIncrement: 'Warmup increment',
  warmupReplyRate: 'Warmup reply rate',
  slowRamp: 'Slow ramp',
  trackingDomain: 'Tracking domain',
  inboxPlacementTestLimit: 'Inbox placement test limit',
};

export const INCREMENT_LABELS: Record<(typeof WARMUP_INCREMENTS)[number], string> = {
  disabled: 'Disabled: full warmup volume from day one',
  '0': '0: no daily increase',
  '1': '+1 email a day',
  '2': '+2 emails a day',
  '3': '+3 emails a day',
  '4': '+4 emails a day',
};

const wholeNumber = (what: string, min: number, max: number) =>
  z
    .number({ error: `Enter ${what} as a number` })
    .int({ error: 'Use a whole number' })
    .min(min, { error: `${capitalize(what)} must be at least ${min}` })
    .max(max, { error: `${capitalize(what)} can be at most ${max.toLocaleString('en-US')}` });

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// A host name such as inst.example.com: labels of letters, digits and inner hyphens, at least one dot.
const HOST_RE = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * THE settings schema: a set of changes, every field optional. The form validates the fields a person
 * changed with it, and PATCH /api/accounts/[email] validates its body with it, so the same value is
 * refused with the same words on both sides (and the server refuses it before any call to Instantly).
 * Ranges follow the upstream request schema, plus what makes sense for a person: a daily limit of 0
 * does not stop campaign sends in Instantly (REFERENCE §4.4), so the form asks for a pause instead.
 */
export const accountSettingsFormSchema = z.strictObject({
  dailyLimit: dailyLimitSchema.optional(),
  sendingGap: wholeNumber('the sending gap', 0, 1440).optional(),
  warmupLimit: wholeNumber('the warmup limit', 1, 100).optional(),
  warmupIncrement: z
    .enum(WARMUP_INCREMENTS, { error: 'Pick "disabled" or a daily increase from 0 to 4' })
    .optional(),
  warmupReplyRate: z
    .number({ error: 'Enter the reply rate as a number' })
    .min(0, { error: 'The reply rate must be between 0 and 100 %' })
    .max(100, { error: 'The reply rate must be between 0 and 100 %' })
    .optional(),
  slowRamp: z.boolean({ error: 'Slow ramp is on or off' }).optional(),
  /** null removes the custom tracking domain. */
  trackingDomain: z
    .string({ error: 'Enter a host name such as inst.example.com' })
    .trim()
    .toLowerCase()
    .regex(HOST_RE, { error: 'Enter a host name such as inst.example.com' })
    .nullable()
    .optional(),
  inboxPlacementTestLimit: wholeNumber('the inbox placement test limit', 0, 10_000).optional(),
});
export type AccountSettingsChanges = z.infer<typeof accountSettingsFormSchema>;

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

export const CHART_RANGES = ['7', '30', '90'] as const;
export type ChartRange = (typeof CHART_RANGES)[number];

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

export const VITAL_CHECKS = ['mx', 'spf', 'dkim', 'dmarc'] as const;
export type VitalCheck = (typeof VITAL_CHECKS)[number];

/** What each DNS record is for, in one sentence each, shown next to pass or fail. */
export const VITAL_MEANINGS: Record<VitalCheck, { label: string; purpose: string }> = {
  mx: {
    label: 'MX',
    purpose:
      'Tells the world which servers receive mail for the domain; without it replies and bounces get lost.',
  },
  spf: {
    label: 'SPF',
    purpose:
      'Lists the servers allowed to send as the domain, so receivers can tell real mail from forgeries.',
  },
  dkim: {
    label: 'DKIM',
    purpose: 'Signs each message, so receivers can check it was not altered and really came from the domain.',
  },
  dmarc: {
    label: 'DMARC',
    purpose: 'Tells receivers what to do when SPF or DKIM fail, and where to send reports.',
  },
};

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
