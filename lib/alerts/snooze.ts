import type { SnoozeChoice } from '@/lib/schemas/api-alerts';
import { localDay, nextLocalHour } from './schedule';

const HOUR_MS = 3_600_000;
/** "Tomorrow morning" is 8:00 on the person's clock: when a working day starts, and the digests' default hour. */
const MORNING_HOUR = 8;

/** When a snooze ends; "tomorrow" is 8:00 on the next calendar day in the person's time zone. */
export function snoozeUntil(choice: SnoozeChoice, now: number, timeZone: string): number {
  if (choice !== 'tomorrow') return now + Number.parseInt(choice, 10) * HOUR_MS;
  const next = nextLocalHour(now, MORNING_HOUR, timeZone);
  // Before 8:00 the next 8:00 is still today's: tomorrow's comes a day later.
  return localDay(next, timeZone) === localDay(now, timeZone)
    ? nextLocalHour(next, MORNING_HOUR, timeZone)
    : next;
}
