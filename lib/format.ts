import type { Severity } from '@/lib/diagnostics/cause-catalog';

// How the dashboard writes numbers, plurals, dates, times and severities: one module, one locale.
// It imports nothing at run time (the Severity import is a type), so the browser and the server use
// it alike and it brings no zod into a page.

/** The one locale of every number and date the dashboard writes. */
export const LOCALE = 'en-US';

const numbers = new Intl.NumberFormat(LOCALE);

/** "1,234". */
export const formatNumber = (value: number): string => numbers.format(value);

/** "1 account", "1,234 accounts" (the plural given when it is not the word plus "s"). */
export const plural = (count: number, one: string, many = `${one}s`): string =>
  `${formatNumber(count)} ${pluralWord(count, one, many)}`;

/** The word alone, for a sentence that writes the count itself. */
export const pluralWord = (count: number, one: string, many = `${one}s`): string =>
  count === 1 ? one : many;

const dateFormat = new Intl.DateTimeFormat(LOCALE, { month: 'short', day: 'numeric', year: 'numeric' });
// Times of day on a 24-hour clock ("09:05", "14:02"), as the job centre has always written them.
const exactFormat = new Intl.DateTimeFormat(LOCALE, {
  dateStyle: 'medium',
  timeStyle: 'medium',
  hourCycle: 'h23',
});
const dayMonthTimeFormat = new Intl.DateTimeFormat(LOCALE, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const clockFormat = new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const clockSecondsFormat = new Intl.DateTimeFormat(LOCALE, {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  second: '2-digit',
});
const utcDayFormat = new Intl.DateTimeFormat(LOCALE, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const utcDateFormat = new Intl.DateTimeFormat(LOCALE, {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});
const utcLongDayFormat = new Intl.DateTimeFormat(LOCALE, {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});
const relativeFormat = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto' });

type When = string | number | Date;
const msOf = (when: When): number =>
  when instanceof Date ? when.getTime() : typeof when === 'number' ? when : Date.parse(when);

/** "Aug 20, 2026" (local time); a dash for a date that does not parse. */
export function formatDate(when: When): string {
  const ms = msOf(when);
  return Number.isNaN(ms) ? '–' : dateFormat.format(ms);
}

/** "Aug 20, 2026, 09:05:07": the exact moment, for a tooltip or a detail page. */
export function exactTime(when: When): string {
  const ms = msOf(when);
  return Number.isNaN(ms) ? '–' : exactFormat.format(ms);
}

/** "Aug 20, 09:05": a moment within the next weeks (an invite's expiry). */
export function dayMonthTime(when: When): string {
  const ms = msOf(when);
  return Number.isNaN(ms) ? '–' : dayMonthTimeFormat.format(ms);
}

/** "14:02" (with seconds when asked): a time of day. */
export function timeOfDay(when: When, options: { seconds?: boolean } = {}): string {
  const ms = msOf(when);
  if (Number.isNaN(ms)) return '–';
  return (options.seconds ? clockSecondsFormat : clockFormat).format(ms);
}

/** "14:02" today, "Aug 20, 14:02" another day: when something happened, at a glance. */
export function clockTime(when: When, now = new Date()): string {
  const ms = msOf(when);
  if (Number.isNaN(ms)) return '–';
  return new Date(ms).toDateString() === now.toDateString()
    ? clockFormat.format(ms)
    : dayMonthTimeFormat.format(ms);
}

/** A calendar day (`2026-03-04`) as a UTC day, as Instantly's days are. */
const utcDay = (date: string) => Date.parse(`${date}T00:00:00.000Z`);

/** "Mar 4" for chart ticks; the text as given when it is not a day. */
export function formatDay(date: string): string {
  const ms = utcDay(date);
  return Number.isNaN(ms) ? date : utcDayFormat.format(ms);
}

/** "Mar 4, 2026". */
export function formatDayWithYear(date: string): string {
  const ms = utcDay(date);
  return Number.isNaN(ms) ? date : utcDateFormat.format(ms);
}

/** "Wed, Mar 4, 2026" for a chart's tooltip. */
export function formatLongDay(date: string): string {
  const ms = utcDay(date);
  return Number.isNaN(ms) ? date : utcLongDayFormat.format(ms);
}

const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "3 minutes ago", "yesterday": for the age of the data and last-used times. */
export function relativeTime(iso: string | null, now = Date.now()): string {
  if (!iso) return '–';
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  if (Number.isNaN(seconds)) return '–';
  if (Math.abs(seconds) < 10) return 'just now';
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size || unit === 'second')
      return relativeFormat.format(Math.round(seconds / size), unit);
  }
  return '–';
}

/** The badge tone of a diagnosis's severity (a subset of the badge's tones). */
export type SeverityTone = 'error' | 'warning' | 'neutral';

export const severityTones: Record<Severity, SeverityTone> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'neutral',
};

export const severityLabels: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** The tone of a severity read from a row (any string); neutral for none or an unknown one. */
export function severityTone(severity: string | null | undefined): SeverityTone {
  return severity && severity in severityTones ? severityTones[severity as Severity] : 'neutral';
}
