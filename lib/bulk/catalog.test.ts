import { describe, expect, it } from 'vitest';
import { BULK_ACTION_KINDS } from '@/lib/schemas/api-bulk-actions';
import { bulkActionLabel, isWarmupKind, kindEntryOf, kindsWriting, settingOf, warmupTarget } from './catalog';

describe('bulk-action kind catalog', () => {
  it('has one entry for every kind the API accepts, filed under its own id', () => {
    for (const kind of BULK_ACTION_KINDS) expect(kindEntryOf(kind)?.kind).toBe(kind);
  });

  it('names no kind for a stored action that is not a bulk action', () => {
    expect(kindEntryOf('settings')).toBeNull();
    expect(kindEntryOf('toString')).toBeNull();
  });

  it('reads the verb, with the limit for set-daily-limit only', () => {
    expect(bulkActionLabel('set-daily-limit', 40)).toBe('Set daily limit to 40');
    expect(bulkActionLabel('set-daily-limit')).toBe('Set daily limit');
    expect(bulkActionLabel('pause', 40)).toBe('Pause');
  });

  it('groups kinds by the setting they write', () => {
    expect(kindsWriting('warmup')).toEqual(['enable-warmup', 'disable-warmup']);
    expect(kindsWriting('sending')).toEqual(['pause', 'resume']);
    expect(settingOf('mark-fixed')).toBeNull();
  });

  it('runs only the warmup kinds as Instantly jobs, each with its target status', () => {
    expect(BULK_ACTION_KINDS.filter(isWarmupKind)).toEqual(['enable-warmup', 'disable-warmup']);
    expect(warmupTarget('enable-warmup')).toBe(1);
    expect(warmupTarget('disable-warmup')).toBe(0);
    expect(warmupTarget('pause')).toBeNull();
  });
});
