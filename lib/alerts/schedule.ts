import type { QuietHours } from '@/lib/schemas/api-alert-channels';

// Wall-clock hours in a channel's IANA time zone: when its digest is due and when its quiet hours
// end. Computed through Intl, so daylight-saving changes move the UTC instant, not the local hour.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function localParts(at: number, timeZone: string): LocalParts {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
  };
}

/** The zone's offset from UTC at an instant, in ms (positive east of Greenwich). */
function offsetAt(at: number, timeZone: string): number {
  const p = localParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return asUtc - Math.floor(at / 60_000) * 60_000;
}

/** The instant a local date and hour begin (a skipped hour in a DST jump lands just after it). */
function instantOf(year: number, month: number, day: number, hour: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day, hour);
  const first = guess - offsetAt(guess, timeZone);
  return guess - offsetAt(first, timeZone);
}

/** The local day of an instant as YYYY-MM-DD. */
export function localDay(at: number, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The first instant strictly after `now` at which the local clock shows `hour`:00. */
export function nextLocalHour(now: number, hour: number, timeZone: string): number {
  const today = localParts(now, timeZone);
  for (let days = 0; days <= 2; days += 1) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day) + days * DAY_MS);
    const at = instantOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), hour, timeZone);
    if (at > now) return at;
  }
  // Unreachable for real zones (a local day is never longer than 26 hours); kept total.
  return now + DAY_MS;
}

export function inQuietHours(now: number, quiet: QuietHours | null, timeZone: string): boolean {
  if (!quiet) return false;
  const { hour } = localParts(now, timeZone);
  return quiet.start < quiet.end
    ? hour >= quiet.start && hour < quiet.end
    : hour >= quiet.start || hour < quiet.end;
}

/** When a message due now may go out: at once, or when the quiet hours end. */
export function afterQuietHours(now: number, quiet: QuietHours | null, timeZone: string): number {
  return quiet && inQuietHours(now, quiet, timeZone) ? nextLocalHour(now, quiet.end, timeZone) : now;
}
