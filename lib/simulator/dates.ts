import 'server-only';

// Analytics are keyed by UTC calendar day. A "day" here is the integer number of days since the
// Unix epoch, which makes windows and offsets plain arithmetic.

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

export function dayToDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: number): number {
  // 1970-01-01 (day 0) was a Thursday.
  return (day + 4) % 7;
}

export function isWeekend(day: number): boolean {
  const w = weekdayOf(day);
  return w === 0 || w === 6;
}

/**
 * Parses a `YYYY-MM-DD` date or a full ISO timestamp into a day; null when it is not a real date.
 * The spec examples send timestamps, real clients send dates: both are accepted.
 */
export function parseDay(text: string): number | null {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  if (!dateOnly && !/^\d{4}-\d{2}-\d{2}T/.test(text)) return null;
  const ms = Date.parse(dateOnly ? `${text}T00:00:00.000Z` : text);
  if (Number.isNaN(ms)) return null;
  if (dateOnly && dayToDate(dayOf(ms)) !== text) return null;
  return dayOf(ms);
}
