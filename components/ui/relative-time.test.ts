import { describe, expect, it } from 'vitest';
import { relativeTime } from './relative-time';

describe('relativeTime', () => {
  const now = Date.parse('2026-11-27T12:00:00Z');
  it.each([
    ['2026-11-27T11:59:55Z', 'just now'],
    ['2026-11-27T11:59:00Z', '1 minute ago'],
    ['2026-11-27T09:00:00Z', '3 hours ago'],
    ['2026-11-26T12:00:00Z', 'yesterday'],
    ['2026-08-27T12:00:00Z', '3 months ago'],
  ])('%s → %s', (iso, text) => {
    expect(relativeTime(iso, now)).toBe(text);
  });

  it('shows a dash for nothing or garbage', () => {
    expect(relativeTime(null, now)).toBe('–');
    expect(relativeTime('not a date', now)).toBe('–');
  });
});
