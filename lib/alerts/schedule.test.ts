import { describe, expect, it } from 'vitest';
import { afterQuietHours, inQuietHours, localDay, nextLocalHour } from './schedule';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('local hours in a time zone', () => {
  it('finds the next 8:00 in Paris (UTC+1 in December), later today or tomorrow', () => {
    expect(iso(nextLocalHour(at('2026-12-02T05:00:00Z'), 8, 'Europe/Paris'))).toBe(
      '2026-12-02T07:00:00.000Z',
    );
    expect(iso(nextLocalHour(at('2026-12-02T07:00:00Z'), 8, 'Europe/Paris'))).toBe(
      '2026-12-03T07:00:00.000Z',
    );
  });

  it('follows daylight saving: 8:00 in New York is 12:00 UTC in summer, 13:00 in winter', () => {
    expect(iso(nextLocalHour(at('2026-07-01T00:00:00Z'), 8, 'America/New_York'))).toBe(
      '2026-07-01T12:00:00.000Z',
    );
    expect(iso(nextLocalHour(at('2026-12-01T00:00:00Z'), 8, 'America/New_York'))).toBe(
      '2026-12-01T13:00:00.000Z',
    );
    // The night the clocks go back (1 November 2026), 8:00 is still 8:00.
    expect(iso(nextLocalHour(at('2026-11-01T04:00:00Z'), 8, 'America/New_York'))).toBe(
      '2026-11-01T13:00:00.000Z',
    );
  });

  it('handles zones ahead of UTC across the date line and the local day', () => {
    expect(iso(nextLocalHour(at('2026-12-01T20:00:00Z'), 8, 'Pacific/Auckland'))).toBe(
      '2026-12-02T19:00:00.000Z',
    );
    expect(localDay(at('2026-12-01T20:00:00Z'), 'Pacific/Auckland')).toBe('2026-12-02');
    expect(localDay(at('2026-12-01T20:00:00Z'), 'UTC')).toBe('2026-12-01');
  });

  it('knows quiet hours across midnight and when they end', () => {
    const quiet = { start: 22, end: 7 };
    expect(inQuietHours(at('2026-12-02T23:30:00Z'), quiet, 'UTC')).toBe(true);
    expect(inQuietHours(at('2026-12-02T06:59:00Z'), quiet, 'UTC')).toBe(true);
    expect(inQuietHours(at('2026-12-02T07:00:00Z'), quiet, 'UTC')).toBe(false);
    expect(inQuietHours(at('2026-12-02T12:00:00Z'), { start: 12, end: 14 }, 'UTC')).toBe(true);
    expect(iso(afterQuietHours(at('2026-12-02T23:30:00Z'), quiet, 'UTC'))).toBe('2026-12-03T07:00:00.000Z');
    expect(afterQuietHours(at('2026-12-02T12:00:00Z'), quiet, 'UTC')).toBe(at('2026-12-02T12:00:00Z'));
    expect(afterQuietHours(at('2026-12-02T23:30:00Z'), null, 'UTC')).toBe(at('2026-12-02T23:30:00Z'));
  });
});
