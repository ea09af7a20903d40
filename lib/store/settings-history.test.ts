import { describe, expect, it } from 'vitest';
import { upsertAccounts } from './accounts-index';
import { testDb } from './test-db';
import { inTransaction } from './transaction';
import { account } from './fleet-test-helpers';
import {
  recordSettings,
  recordSettingsMany,
  settingsHistory,
  settingsHistoryCount,
} from './settings-history';

const base = {
  daily_limit: 30,
  sending_gap: 10,
  warmup_limit: 20,
  warmup_increment: '1',
  warmup_reply_rate: 30,
};

describe('settings history', () => {
  it('records the first observation and then only real changes', async () => {
    const db = await testDb();
    expect(await recordSettings(db, 'w', 'a@x.io', base, '2026-01-01T00:00:00.000Z', 'sync')).toBe(true);
    expect(await recordSettings(db, 'w', 'a@x.io', { ...base }, '2026-01-02T00:00:00.000Z', 'sync')).toBe(
      false,
    );
    expect(
      await recordSettings(
        db,
        'w',
        'a@x.io',
        { ...base, sending_gap: 15 },
        '2026-01-03T00:00:00.000Z',
        'dashboard',
      ),
    ).toBe(true);
    expect(
      await recordSettings(
        db,
        'w',
        'a@x.io',
        { ...base, sending_gap: 15, warmup_increment: null },
        '2026-01-04T00:00:00.000Z',
        'sync',
      ),
    ).toBe(true);
    expect(await settingsHistoryCount(db, 'w', 'a@x.io')).toBe(3);
    expect(await settingsHistoryCount(db, 'w', 'other@x.io')).toBe(0);
  });

  it('returns the window with the value in force at its start', async () => {
    const db = await testDb();
    await recordSettings(db, 'w', 'a@x.io', base, '2026-01-01T00:00:00.000Z', 'sync');
    await recordSettings(
      db,
      'w',
      'a@x.io',
      { ...base, daily_limit: 50 },
      '2026-02-01T00:00:00.000Z',
      'dashboard',
    );
    await recordSettings(
      db,
      'w',
      'a@x.io',
      { ...base, daily_limit: 25 },
      '2026-03-01T00:00:00.000Z',
      'dashboard',
    );
    const points = await settingsHistory(db, 'w', 'a@x.io', '2026-01-15T00:00:00.000Z');
    expect(points.map((p) => [p.observed_at.slice(0, 10), p.daily_limit, p.source])).toEqual([
      ['2026-01-01', 30, 'sync'],
      ['2026-02-01', 50, 'dashboard'],
      ['2026-03-01', 25, 'dashboard'],
    ]);
  });

  it('starts at a detail read; then list syncs add points only for real changes', async () => {
    const db = await testDb();
    const a = account({ email: 'a@x.io', daily_limit: 30, sending_gap: 5, warmup: { limit: 20 } });
    const listRow = { ...a, warmup: undefined };
    // A list row says nothing of the warmup settings: an account never read in detail gets no point.
    await upsertAccounts(db, 'w', [listRow], { now: '2026-01-01T00:00:00.000Z', source: 'sync' });
    expect(await settingsHistoryCount(db, 'w', 'a@x.io')).toBe(0);
    await upsertAccounts(db, 'w', [a], { now: '2026-01-02T00:00:00.000Z', source: 'read' });
    await upsertAccounts(db, 'w', [listRow], { now: '2026-01-03T00:00:00.000Z', source: 'sync' });
    await upsertAccounts(db, 'w', [{ ...listRow, daily_limit: 60 }], {
      now: '2026-01-04T00:00:00.000Z',
      source: 'sync',
    });
    const points = await settingsHistory(db, 'w', 'a@x.io', '2025-01-01T00:00:00.000Z');
    expect(points.map((p) => [p.daily_limit, p.warmup_limit, p.source])).toEqual([
      [30, 20, 'read'],
      // The list row kept the warmup limit the detail read found (lists never carry it).
      [60, 20, 'sync'],
    ]);
  });

  it('joins the caller’s transaction, and a second point at the same instant replaces the first', async () => {
    const db = await testDb();
    await expect(
      inTransaction(db, async (trx) => {
        expect(await recordSettings(trx, 'w', 'a@x.io', base, '2026-01-01T00:00:00.000Z', 'sync')).toBe(true);
        // Read inside the transaction, the point is the last one: an equal snapshot writes nothing.
        expect(await recordSettings(trx, 'w', 'a@x.io', base, '2026-01-02T00:00:00.000Z', 'sync')).toBe(
          false,
        );
        throw new Error('the upsert failed');
      }),
    ).rejects.toThrow('the upsert failed');
    expect(await settingsHistoryCount(db, 'w', 'a@x.io')).toBe(0);

    const at = '2026-01-01T00:00:00.000Z';
    await recordSettings(db, 'w', 'a@x.io', base, at, 'sync');
    expect(
      await recordSettings(db, 'w', 'a@x.io', { ...base, warmup_reply_rate: 12.5 }, at, 'dashboard'),
    ).toBe(true);
    expect(await settingsHistory(db, 'w', 'a@x.io', '')).toEqual([
      { observed_at: at, ...base, warmup_reply_rate: 12.5, source: 'dashboard' },
    ]);
  });

  it('records a page of accounts at once: only those whose newest point differs, an address given twice once', async () => {
    const db = await testDb();
    const emails = Array.from({ length: 1_203 }, (_, i) => `u${String(i).padStart(4, '0')}@x.io`);
    expect(
      await recordSettingsMany(
        db,
        'w',
        emails.map((email) => ({ email, snapshot: base })),
        '2026-01-01T00:00:00.000Z',
        'sync',
      ),
    ).toHaveLength(1_203);
    // u0001 changed since, then changed back: its newest point (not its first) is what counts.
    await recordSettings(
      db,
      'w',
      'u0001@x.io',
      { ...base, daily_limit: 99 },
      '2026-01-02T00:00:00.000Z',
      'dashboard',
    );
    const again = emails.map((email, i) => ({
      email,
      snapshot: i % 100 === 0 ? { ...base, sending_gap: 1 } : base,
    }));
    const written = await recordSettingsMany(
      db,
      'w',
      [...again, { email: 'u0000@x.io', snapshot: base }, { email: 'new@x.io', snapshot: base }],
      '2026-01-03T00:00:00.000Z',
      'sync',
    );
    expect(written.sort()).toEqual(
      ['new@x.io', 'u0001@x.io', ...emails.filter((_, i) => i % 100 === 0 && i !== 0)].sort(),
    );
    expect(await settingsHistoryCount(db, 'w', 'u0000@x.io')).toBe(1);
    expect((await settingsHistory(db, 'w', 'u0001@x.io', '')).map((p) => p.daily_limit)).toEqual([
      30, 99, 30,
    ]);
    expect((await settingsHistory(db, 'w', 'u0100@x.io', '')).map((p) => p.sending_gap)).toEqual([10, 1]);
    expect(await recordSettingsMany(db, 'w', [], '2026-01-04T00:00:00.000Z', 'sync')).toEqual([]);
  });
});
