import { describe, expect, it } from 'vitest';
import { accountSettingsFormSchema } from '@/lib/schemas/api-account-detail';
import { createBulkActionSchema } from '@/lib/schemas/api-bulk-actions';
import { parseDailyLimit } from './diagnosis-model';

// One daily-limit rule: the settings form (and the account PATCH route), a bulk "set daily limit" and
// the triage board's field accept the same values and refuse the same ones with the same words.
const form = (dailyLimit: number) =>
  accountSettingsFormSchema.safeParse({ dailyLimit }).error?.issues[0]?.message ?? 'ok';
const bulk = (dailyLimit: number) =>
  createBulkActionSchema.safeParse({
    kind: 'set-daily-limit',
    target: { type: 'keys', keys: [{ workspaceId: 'demo', email: 'a@x.io' }] },
    dailyLimit,
  }).error?.issues[0]?.message ?? 'ok';
const board = (dailyLimit: number) => {
  const parsed = parseDailyLimit(String(dailyLimit), null);
  return parsed.ok ? 'ok' : parsed.message.replace(/\.$/, '');
};

describe('the daily limit a person sets', () => {
  it.each([
    [0, 'The daily limit must be at least 1 (to stop sending, pause the account)'],
    [1, 'ok'],
    [10_000, 'ok'],
    [10_001, 'The daily limit can be at most 10,000'],
  ])('%i: %s, everywhere', (value, words) => {
    expect([form(value), bulk(value), board(value)]).toEqual([words, words, words]);
  });

  it('is a whole number', () => {
    expect(form(2.5)).toBe('Use a whole number');
    expect(bulk(2.5)).toBe('Use a whole number');
    expect(parseDailyLimit('2.5', null)).toEqual({
      ok: false,
      message: 'Enter a whole number of emails per day.',
    });
  });
});
