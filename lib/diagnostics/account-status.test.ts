import { describe, expect, it } from 'vitest';
import {
  accountStatusValues,
  describeAccountStatus,
  describeWarmupStatus,
  providerCodes,
  providerFamily,
  providerLabel,
  warmupStatusValues,
} from './account-status';

describe('describeAccountStatus', () => {
  it.each([
    [1, 'Active', 'healthy'],
    [2, 'Paused', 'paused'],
    [3, 'Maintenance', 'paused'],
    [-1, 'Connection error', 'error'],
    [-2, 'Soft bounce error', 'warning'],
    [-3, 'Sending error', 'error'],
  ] as const)('%i is %s (%s)', (value, label, tone) => {
    const d = describeAccountStatus(value);
    expect(d).toMatchObject({ value, label, tone });
    expect(d.meaning).toMatch(/\.$/);
    expect(d.action).toMatch(/\.$/);
  });

  it('covers every listed value', () => {
    for (const value of accountStatusValues)
      expect(describeAccountStatus(value).label).not.toMatch(/^Unknown/);
  });

  it('names unknown values', () => {
    expect(describeAccountStatus(7)).toMatchObject({ value: 7, label: 'Unknown (7)', tone: 'neutral' });
    expect(describeAccountStatus(null)).toMatchObject({ value: null, label: 'Unknown', tone: 'neutral' });
    expect(describeAccountStatus(undefined)).toMatchObject({ value: null, tone: 'neutral' });
    expect(describeAccountStatus(Number.NaN)).toMatchObject({ value: null, tone: 'neutral' });
  });

  it('points a connection error at the fix and mark-fixed', () => {
    expect(describeAccountStatus(-1).action).toMatch(/mark the account as fixed/);
    expect(describeAccountStatus(2).action).toMatch(/Resume/);
  });
});

describe('describeWarmupStatus', () => {
  it.each([
    [0, 'Paused', 'paused'],
    [1, 'Active', 'healthy'],
    [-1, 'Banned', 'error'],
    [-2, 'Spam folder unknown', 'warning'],
    [-3, 'Permanent suspension', 'error'],
  ] as const)('%i is %s (%s)', (value, label, tone) => {
    expect(describeWarmupStatus(value)).toMatchObject({ value, label, tone });
  });

  it('covers every listed value', () => {
    for (const value of warmupStatusValues) expect(describeWarmupStatus(value).label).not.toMatch(/^Unknown/);
  });

  it('names unknown values', () => {
    expect(describeWarmupStatus(7)).toMatchObject({ value: 7, label: 'Unknown (7)', tone: 'neutral' });
    expect(describeWarmupStatus(2)).toMatchObject({ label: 'Unknown (2)', tone: 'neutral' });
    expect(describeWarmupStatus(null).tone).toBe('neutral');
  });

  it('tells the user how to fix a missing spam folder', () => {
    expect(describeWarmupStatus(-2).action).toMatch(/Spam\/Junk folder/);
  });
});

describe('providerLabel', () => {
  it.each([
    [1, 'Custom IMAP/SMTP'],
    [2, 'Google'],
    [3, 'Microsoft'],
    [4, 'AWS'],
    [8, 'AirMail'],
    [11, 'Airmail Instant'],
  ])('%i is %s', (code, label) => {
    expect(providerLabel(code)).toBe(label);
  });

  it('covers every listed code and names unknown ones', () => {
    for (const code of providerCodes) expect(providerLabel(code)).not.toMatch(/^Unknown/);
    expect(providerLabel(5)).toBe('Unknown (5)');
    expect(providerLabel(null)).toBe('Unknown');
    expect(providerLabel(undefined)).toBe('Unknown');
  });

  it('groups providers into fix families', () => {
    expect(providerFamily(1)).toBe('custom');
    expect(providerFamily(2)).toBe('google');
    expect(providerFamily(3)).toBe('microsoft');
    expect([4, 8, 11, 99, null, undefined].map(providerFamily)).toEqual(Array(6).fill('other'));
  });
});
