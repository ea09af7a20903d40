import 'server-only';
import type { WarmupDayStats } from '@/lib/schemas/instantly-analytics';
import type { StoredWarmupDay } from '@/lib/store/warmup-daily';
import { addDays, toDate } from './chart-series';

// Which warmup days are known, from Instantly's answer and from the days stored by the daily fetch.
// Instantly lists only days with sends, so inside the span it answered for (its first listed day to
// today) an unlisted day is a real zero; before that span nothing says what happened, and a day no
// answer ever covered stays unknown: the chart draws a gap there, never a made-up zero.

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar day in YYYY-MM-DD (not 2026-02-30). */
function isDay(value: string): boolean {
  if (!DAY_RE.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00.000Z`);
  return !Number.isNaN(ms) && toDate(ms) === value;
}

/** Instantly answers for weeks; a listed day older than a year is taken for a mistake. */
const MAX_SPAN_DAYS = 366;

/** Keys of analytics payloads are emails as Instantly spells them; match them without caring about case. */
export function byEmail<T>(record: Record<string, T>, email: string): T | undefined {
  const exact = record[email];
  if (exact !== undefined) return exact;
  const lower = email.toLowerCase();
  const key = Object.keys(record).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : record[key];
}

/**
 * Every day from the first listed one through `today`, unlisted days as zeros. An account answered
 * with no day at all had no sends in Instantly's window, whose length is not known: only today is.
 */
export function answeredSpan(
  days: Record<string, WarmupDayStats>,
  today: string,
): Record<string, WarmupDayStats> {
  // A span is days to walk and rows to store: a date that is no day, or far off, spans nothing.
  const oldest = addDays(today, -MAX_SPAN_DAYS);
  const listed = Object.keys(days)
    .filter((d) => isDay(d) && d >= oldest && d <= addDays(today, 1))
    .sort();
  const first = listed[0] !== undefined && listed[0] < today ? listed[0] : today;
  const newest = listed.at(-1);
  const last = newest !== undefined && newest > today ? newest : today;
  const out: Record<string, WarmupDayStats> = {};
  for (let d = first; d <= last; d = addDays(d, 1)) {
    out[d] = days[d] ?? { sent: 0, landed_inbox: 0, landed_spam: 0, received: 0 };
  }
  return out;
}

/**
 * The days the chart knows: Instantly's live answer for its whole span (it is the newest word on
 * those days, including today's partial one), and stored days before that span. Days neither covers
 * are absent, which the chart shows as a gap.
 */
export function mergeWarmupDays(
  live: Record<string, WarmupDayStats> | undefined,
  stored: readonly StoredWarmupDay[],
  today: string,
): Record<string, WarmupDayStats> {
  // No answer for the account at all (not the same as an answer without days): no day is known.
  const known = live === undefined ? {} : answeredSpan(live, today);
  const liveStart = Object.keys(known)[0];
  const out: Record<string, WarmupDayStats> = {};
  for (const row of stored) {
    if (liveStart !== undefined && row.day >= liveStart) continue;
    out[row.day] = {
      sent: row.sent,
      landed_inbox: row.landed_inbox,
      landed_spam: row.landed_spam,
      received: row.received,
    };
  }
  return Object.assign(out, known);
}
