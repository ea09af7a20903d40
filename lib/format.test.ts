import { describe, expect, it } from 'vitest';
import { severities } from '@/lib/diagnostics/cause-catalog';
import {
  LOCALE,
  clockTime,
  dayMonthTime,
  exactTime,
  formatDate,
  formatDay,
  formatDayWithYear,
  formatLongDay,
  formatNumber,
  plural,
  pluralWord,
  relativeTime,
  severityLabels,
  severityTone,
  severityTones,
  timeOfDay,
} from './format';

describe('numbers and plurals', () => {
  it('groups thousands in the one locale', () => {
    expect(LOCALE).toBe('en-US');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(72.5)).toBe('72.5');
  });

  it('says one or many, with the count written as a number is', () => {
    expect(plural(1, 'account')).toBe('1 account');
    expect(plural(0, 'account')).toBe('0 accounts');
    expect(plural(1200, 'workspace')).toBe('1,200 workspaces');
    expect(plural(2, 'inbox', 'inboxes')).toBe('2 inboxes');
    expect(pluralWord(1, 'key')).toBe('key');
    expect(pluralWord(3, 'key')).toBe('keys');
  });
});

describe('dates and times', () => {
  const at = new Date(2026, 7, 20, 9, 5, 7);

  it('writes a date, an exact moment and a time of day one way', () => {
    expect(formatDate(at.toISOString())).toBe('Aug 20, 2026');
    expect(formatDate(at.getTime())).toBe('Aug 20, 2026');
    expect(exactTime(at.toISOString())).toBe('Aug 20, 2026, 09:05:07');
    expect(dayMonthTime(at)).toBe('Aug 20, 09:05');
    expect(timeOfDay(at)).toBe('09:05');
    expect(timeOfDay(at, { seconds: true })).toBe('09:05:07');
  });

  it('is the time of day today, with the date on another day', () => {
    const now = new Date(2026, 7, 21, 18, 0);
    expect(clockTime(new Date(2026, 7, 21, 14, 2).toISOString(), now)).toBe('14:02');
    expect(clockTime(new Date(2026, 7, 20, 9, 5).toISOString(), now)).toBe('Aug 20, 09:05');
  });

  it('reads chart days as UTC days, and keeps text that is not a day', () => {
    expect(formatDay('2026-03-04')).toBe('Mar 4');
    expect(formatDayWithYear('2026-03-04')).toBe('Mar 4, 2026');
    expect(formatLongDay('2026-03-04')).toBe('Wed, Mar 4, 2026');
    expect(formatDay('soon')).toBe('soon');
  });

  it('shows a dash for a moment that does not parse', () => {
    expect(formatDate('not a date')).toBe('–');
    expect(exactTime('not a date')).toBe('–');
    expect(clockTime('not a date')).toBe('–');
  });
});

describe('relativeTime', () => {
  const now = Date.parse('2026-11-27T12:00:00Z');
  it.each([
    ['2026-11-27T11:59:55Z', 'just now'],
    ['2026-11-27T11:59:00Z', '1 minute ago'],
    ['2026-11-27T09:00:00Z', '3 hours ago'],
    ['2026-11-26T12:00:00Z', 'yesterday'],
    ['2026-08-27T12:00:00Z', '3 months ago'],
    ['2026-11-27T12:05:00Z', 'in 5 minutes'],
  ])('%s → %s', (iso, text) => {
    expect(relativeTime(iso, now)).toBe(text);
  });

  it('shows a dash for nothing or garbage', () => {
    expect(relativeTime(null, now)).toBe('–');
    expect(relativeTime('not a date', now)).toBe('–');
  });
});

describe('severity', () => {
  it('has a tone and a label for every severity the catalog knows', () => {
    for (const severity of severities) {
      expect(severityTones[severity]).toBeDefined();
      expect(severityLabels[severity]).toBeDefined();
    }
    expect(severityTone('critical')).toBe('error');
    expect(severityTone('medium')).toBe('warning');
    expect(severityTone('low')).toBe('neutral');
    expect(severityTone(null)).toBe('neutral');
    expect(severityTone('unheard-of')).toBe('neutral');
  });
});
