import { describe, expect, it } from 'vitest';
import type { AccountSettings } from '@/lib/schemas/api-account-detail';
import { changesOf, draftOf, draftWithEdits } from './settings-form-model';

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

  it('typed values survive an optimistic save and its rollback, and give the same changes again', () => {
    const edits = { dailyLimit: '80', slowRamp: true };
    const before = draftWithEdits(settings, edits);
    const attempt = changesOf(settings, before).changes;
    expect(attempt).toEqual({ dailyLimit: 80, slowRamp: true });
    // While saving, the stored settings are the typed ones: nothing left to send.
    const optimistic = { ...settings, ...attempt };
    expect(changesOf(optimistic, draftWithEdits(optimistic, edits)).changes).toEqual({});
    // Rolled back: the typed values are still there and make the same change set.
    expect(draftWithEdits(settings, edits)).toMatchObject({ dailyLimit: '80', slowRamp: true });
    expect(changesOf(settings, draftWithEdits(settings, edits)).changes).toEqual(attempt);
    // A refetch that moved an untouched field shows it, without turning it into a change.
    const moved = { ...settings, sendingGap: (settings.sendingGap ?? 0) + 4 };
    expect(draftWithEdits(moved, edits).sendingGap).toBe(String(moved.sendingGap));
    expect(changesOf(moved, draftWithEdits(moved, edits)).changes).toEqual(attempt);
  });
});
