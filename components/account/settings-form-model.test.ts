import { describe, expect, it } from 'vitest';
import type { AccountSettings } from '@/lib/schemas/api-account-detail';
import { DAILY_LIMIT_MESSAGES } from '@/lib/schemas/daily-limit';
import { changesOf, draftOf, settingsResolver } from './settings-form-model';

const settings: AccountSettings = {
  dailyLimit: 30,
  sendingGap: 10,
  warmupLimit: 20,
  warmupIncrement: '1',
  warmupReplyRate: 30,
  slowRamp: null,
  trackingDomain: null,
  inboxPlacementTestLimit: null,
};

describe('the settings form model', () => {
  it('an untouched draft changes nothing, even where Instantly has no value', () => {
    expect(changesOf(settings, draftOf(settings))).toEqual({ changes: {}, errors: {} });
    const managed: AccountSettings = {
      ...settings,
      dailyLimit: null,
      sendingGap: null,
      warmupLimit: null,
      warmupIncrement: null,
    };
    expect(changesOf(managed, draftOf(managed))).toEqual({ changes: {}, errors: {} });
  });

  it('sends only the fields the person changed, typed', () => {
    const draft = {
      ...draftOf(settings),
      dailyLimit: ' 45 ',
      sendingGap: '10',
      slowRamp: true,
      warmupIncrement: 'disabled',
    };
    expect(changesOf(settings, draft)).toEqual({
      changes: { dailyLimit: 45, slowRamp: true, warmupIncrement: 'disabled' },
      errors: {},
    });
  });

  it('refuses out-of-range and non-numeric text next to its field, keeping the valid changes', () => {
    const draft = {
      ...draftOf(settings),
      sendingGap: '1441',
      dailyLimit: 'abc',
      warmupLimit: '25',
      warmupReplyRate: '3.5',
    };
    const result = changesOf(settings, draft);
    expect(result.errors).toEqual({
      sendingGap: 'The sending gap can be at most 1,440',
      dailyLimit: 'Enter the daily limit as a number',
    });
    expect(result.changes).toEqual({ warmupLimit: 25, warmupReplyRate: 3.5 });
  });

  it('an emptied limit is an error; an emptied tracking domain removes it', () => {
    expect(changesOf(settings, { ...draftOf(settings), dailyLimit: '' }).errors.dailyLimit).toMatch(
      /Enter a value/,
    );
    const withDomain = { ...settings, trackingDomain: 'inst.x.io' };
    expect(changesOf(withDomain, { ...draftOf(withDomain), trackingDomain: '' }).changes).toEqual({
      trackingDomain: null,
    });
    expect(changesOf(settings, { ...draftOf(settings), trackingDomain: 'Track.Y.io' }).changes).toEqual({
      trackingDomain: 'track.y.io',
    });
    expect(
      changesOf(settings, { ...draftOf(settings), trackingDomain: 'nope' }).errors.trackingDomain,
    ).toMatch(/host name/);
  });

  it('the resolver hands on only the changes, or the schema words per refused field', async () => {
    const options = { shouldUseNativeValidation: false, fields: {} };
    const valid = await settingsResolver({ ...draftOf(settings), dailyLimit: '80' }, settings, options);
    expect(valid).toEqual({ values: { dailyLimit: 80 }, errors: {} });
    const refused = await settingsResolver(
      { ...draftOf(settings), dailyLimit: '0', sendingGap: '12' },
      settings,
      options,
    );
    expect(refused).toEqual({
      values: {},
      errors: { dailyLimit: { type: 'validate', message: DAILY_LIMIT_MESSAGES.tooLow } },
    });
    // An unchanged value Instantly holds is not judged again, even outside today's range.
    const odd = { ...settings, warmupLimit: 150 };
    expect(await settingsResolver(draftOf(odd), odd, options)).toEqual({ values: {}, errors: {} });
  });
});
