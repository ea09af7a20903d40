import { DAILY_LIMIT_MAX, DAILY_LIMIT_MESSAGES, DAILY_LIMIT_MIN } from './daily-limit';

// The account page's settings, their words and their rules, without zod: the settings form checks a
// change in the browser with these functions, and the PATCH route's zod schema
// (accountSettingsFormSchema in api-account-detail.ts) is built from the same functions, so a value is
// refused with the same words on both sides while zod (about 30 KB gzip) stays off the page. Ranges
// follow the upstream request schema, plus what makes sense for a person: a daily limit of 0 does not
// stop campaign sends in Instantly (REFERENCE §4.4), so the form asks for a pause instead.

export const WARMUP_INCREMENTS = ['disabled', '0', '1', '2', '3', '4'] as const;
export type WarmupIncrement = (typeof WARMUP_INCREMENTS)[number];

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

export const INCREMENT_LABELS: Record<WarmupIncrement, string> = {
  disabled: 'Disabled: full warmup volume from day one',
  '0': '0: no daily increase',
  '1': '+1 email a day',
  '2': '+2 emails a day',
  '3': '+3 emails a day',
  '4': '+4 emails a day',
};

/** A set of changes, every field optional; trackingDomain null removes the custom tracking domain. */
export interface AccountSettingsChanges {
  dailyLimit?: number;
  sendingGap?: number;
  warmupLimit?: number;
  warmupIncrement?: WarmupIncrement;
  warmupReplyRate?: number;
  slowRamp?: boolean;
  trackingDomain?: string | null;
  inboxPlacementTestLimit?: number;
}

/** One field's rule: the value it stands for, or the words that refuse it (the first that applies). */
export type RuleResult<T> = { ok: true; value: T } | { ok: false; message: string };
export type SettingRule<T> = (value: unknown) => RuleResult<T>;

const refuse = (message: string) => ({ ok: false, message }) as const;

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function wholeNumberRule(
  min: number,
  max: number,
  messages: { notNumber: string; notWhole: string; tooLow: string; tooHigh: string },
): SettingRule<number> {
  return (value) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return refuse(messages.notNumber);
    if (!Number.isSafeInteger(value)) return refuse(messages.notWhole);
    if (value < min) return refuse(messages.tooLow);
    if (value > max) return refuse(messages.tooHigh);
    return { ok: true, value };
  };
}

const wholeNumber = (what: string, min: number, max: number) =>
  wholeNumberRule(min, max, {
    notNumber: `Enter ${what} as a number`,
    notWhole: 'Use a whole number',
    tooLow: `${capitalize(what)} must be at least ${min}`,
    tooHigh: `${capitalize(what)} can be at most ${max.toLocaleString('en-US')}`,
  });

// A host name such as inst.example.com: labels of letters, digits and inner hyphens, at least one dot.
const HOST_RE = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const HOST_WORDS = 'Enter a host name such as inst.example.com';
const REPLY_RATE_RANGE = 'The reply rate must be between 0 and 100 %';

export const SETTINGS_RULES: {
  [F in SettingsField]-?: SettingRule<
    NonNullable<AccountSettingsChanges[F]> | (F extends 'trackingDomain' ? null : never)
  >;
} = {
  dailyLimit: wholeNumberRule(DAILY_LIMIT_MIN, DAILY_LIMIT_MAX, DAILY_LIMIT_MESSAGES),
  sendingGap: wholeNumber('the sending gap', 0, 1440),
  warmupLimit: wholeNumber('the warmup limit', 1, 100),
  warmupIncrement: (value) =>
    typeof value === 'string' && (WARMUP_INCREMENTS as readonly string[]).includes(value)
      ? { ok: true, value: value as WarmupIncrement }
      : refuse('Pick "disabled" or a daily increase from 0 to 4'),
  warmupReplyRate: (value) => {
    if (typeof value !== 'number' || !Number.isFinite(value))
      return refuse('Enter the reply rate as a number');
    if (value < 0 || value > 100) return refuse(REPLY_RATE_RANGE);
    return { ok: true, value };
  },
  slowRamp: (value) => (typeof value === 'boolean' ? { ok: true, value } : refuse('Slow ramp is on or off')),
  trackingDomain: (value) => {
    if (value === null) return { ok: true, value: null };
    if (typeof value !== 'string') return refuse(HOST_WORDS);
    const host = value.trim().toLowerCase();
    return HOST_RE.test(host) ? { ok: true, value: host } : refuse(HOST_WORDS);
  },
  inboxPlacementTestLimit: wholeNumber('the inbox placement test limit', 0, 10_000),
};

export interface SettingsCheck {
  /** The fields that pass, as their rules read them (a tracking domain trimmed and lower-cased). */
  changes: AccountSettingsChanges;
  /** The first refusal of each field that does not pass. */
  errors: Partial<Record<SettingsField, string>>;
}

/** Every field of a candidate change set through its rule; a field left undefined is no change. */
export function checkSettingsChanges(candidate: Partial<Record<SettingsField, unknown>>): SettingsCheck {
  const changes: Record<string, unknown> = {};
  const errors: Partial<Record<SettingsField, string>> = {};
  for (const field of SETTINGS_FIELDS) {
    if (candidate[field] === undefined) continue;
    const result = SETTINGS_RULES[field](candidate[field]);
    if (result.ok) changes[field] = result.value;
    else errors[field] = result.message;
  }
  return { changes: changes as AccountSettingsChanges, errors };
}

// ---- the charts and domain vitals: words and choices the page shows -----------------------------

export const CHART_RANGES = ['7', '30', '90'] as const;
export type ChartRange = (typeof CHART_RANGES)[number];

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
