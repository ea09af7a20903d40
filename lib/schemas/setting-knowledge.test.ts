import { describe, expect, it } from 'vitest';
import {
  NOT_READ_SHORT,
  NOT_READ_WORDS,
  NOT_SET_WORDS,
  knowReadValue,
  knowSetting,
  settingWords,
} from './setting-knowledge';

const row = (overrides = {}) => ({
  dailyLimit: null,
  sendingGap: null,
  warmupLimit: null,
  settingsReadAt: null,
  unreadable: null,
  ...overrides,
});

describe('what an empty setting means', () => {
  it('a daily limit or gap missing from a list row is not set: lists carry them where set', () => {
    expect(settingWords(knowSetting(row(), 'dailyLimit'))).toBe(NOT_SET_WORDS);
    expect(settingWords(knowSetting(row(), 'sendingGap'))).toBe(NOT_SET_WORDS);
  });

  it('a warmup limit is unknown until the account is read, then not set if still missing', () => {
    expect(settingWords(knowSetting(row(), 'warmupLimit'))).toBe(NOT_READ_WORDS);
    expect(settingWords(knowSetting(row({ settingsReadAt: '2026-12-01T00:00:00Z' }), 'warmupLimit'))).toBe(
      NOT_SET_WORDS,
    );
  });

  it('an unreadable row says nothing about any setting; a value is always shown', () => {
    expect(knowSetting(row({ unreadable: 'status: expected number' }), 'dailyLimit')).toEqual({
      kind: 'not-read',
    });
    expect(settingWords(knowSetting(row({ dailyLimit: 1500 }), 'dailyLimit'), ' a day')).toBe('1,500 a day');
    expect(knowSetting(row({ warmupLimit: 0 }), 'warmupLimit')).toEqual({ kind: 'value', value: 0 });
  });

  it('a value from a read of the account: empty is not set; without a read it is not read (short form where asked)', () => {
    expect(settingWords(knowReadValue(null, true))).toBe(NOT_SET_WORDS);
    expect(settingWords(knowReadValue(null, false))).toBe(NOT_READ_WORDS);
    expect(settingWords(knowReadValue(null, false), '', NOT_READ_SHORT)).toBe(NOT_READ_SHORT);
    expect(knowReadValue(0, false)).toEqual({ kind: 'value', value: 0 });
  });
});
