import { describe, expect, it } from 'vitest';
import { snoozeUntil } from './snooze';
import { alertActionSchema } from '@/lib/schemas/api-alerts';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('snoozeUntil', () => {
  it('adds the hours of a span', () => {
    expect(iso(snoozeUntil('8h', at('2026-12-02T17:00:00Z'), 'UTC'))).toBe('2026-12-03T01:00:00.000Z');
  });

  it('ends "tomorrow" at 8:00 on the next day of the person’s own clock', () => {
    // 18:00 in New York (UTC−5) is 23:00 UTC: tomorrow morning is 8:00 New York time, 13:00 UTC.
    expect(iso(snoozeUntil('tomorrow', at('2026-12-02T23:00:00Z'), 'America/New_York'))).toBe(
      '2026-12-03T13:00:00.000Z',
    );
    // 01:30 in Tokyo (UTC+9) on the 3rd: tomorrow is the 4th, not this morning.
    expect(iso(snoozeUntil('tomorrow', at('2026-12-02T16:30:00Z'), 'Asia/Tokyo'))).toBe(
      '2026-12-03T23:00:00.000Z',
    );
  });

  it('keeps 8:00 across a daylight-saving change', () => {
    // The night Paris moves from UTC+2 to UTC+1 (25 October 2026).
    expect(iso(snoozeUntil('tomorrow', at('2026-10-24T20:00:00Z'), 'Europe/Paris'))).toBe(
      '2026-10-25T07:00:00.000Z',
    );
  });
});

describe('the snooze request', () => {
  it('takes the browser’s zone, UTC when none is sent, and refuses a zone that is not IANA', () => {
    expect(alertActionSchema.parse({ action: 'snooze', for: 'tomorrow' })).toMatchObject({ timeZone: 'UTC' });
    const wrong = alertActionSchema.safeParse({
      action: 'snooze',
      for: 'tomorrow',
      timeZone: 'Mars/Olympus',
    });
    expect(wrong.error?.issues[0]?.message).toBe('timeZone must be an IANA time zone such as Europe/Paris');
  });
});
