import { describe, expect, it } from 'vitest';
import { upsertAccounts } from './accounts-index';
import { account } from './fleet-test-helpers';
import {
  hasSeededHistory,
  seedSettingsHistory,
  seedWorkspaceHistory,
  unseededAccounts,
} from './history-seed';
import { recordSettings, settingsHistory, settingsHistoryCount } from './settings-history';
import { testDb } from './test-db';
import { inTransaction } from './transaction';

const day = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
const story = (limits: number[]) =>
  limits.map((l, i) => ({ date: day(i), daily_limit: l, sending_gap: 10, warmup_limit: 20 }));

describe('seeding the settings history', () => {
  it('seeds each indexed account once, then only new ones; replace rewrites every seed', async () => {
    const db = await testDb();
    // Indexed with limit 30, gap 10, warmup limit 20: the values every story below ends with.
    const indexed = (email: string) => account({ email, daily_limit: 30, warmup: { limit: 20 } });
    await upsertAccounts(db, 'w', [indexed('a@x.io'), indexed('b@x.io'), indexed('c@x.io')], {
      now: '2026-01-01T00:00:00.000Z',
    });
    // c has no story: it stays unseeded and is offered again next time.
    const timeline = (email: string) => (email === 'c@x.io' ? undefined : story([20, 25, 30]));
    expect(await seedWorkspaceHistory(db, 'w', timeline, { replace: false })).toBe(2);
    expect(await seedWorkspaceHistory(db, 'w', timeline, { replace: false })).toBe(0);
    expect((await unseededAccounts(db, 'w')).map((a) => a.email)).toEqual(['c@x.io']);
    expect(await seedWorkspaceHistory(db, 'w', () => story([40, 30]), { replace: true })).toBe(3);
    expect(await unseededAccounts(db, 'w')).toEqual([]);
    // The sync's own point repeats the story's last day, so only the new seeds remain.
    expect((await settingsHistory(db, 'w', 'a@x.io', '')).map((p) => [p.daily_limit, p.source])).toEqual([
      [40, 'seed'],
      [30, 'seed'],
    ]);
  });

  it('is part of the caller’s transaction: a rolled-back caller leaves no seed', async () => {
    const db = await testDb();
    await upsertAccounts(db, 'w', [account({ email: 'a@x.io' })], {
      now: '2026-01-01T00:00:00.000Z',
      source: 'read',
    });
    await expect(
      inTransaction(db, async (trx) => {
        expect(await seedWorkspaceHistory(trx, 'w', () => story([10, 20]), { replace: false })).toBe(1);
        expect(await hasSeededHistory(trx, 'w', 'a@x.io')).toBe(true);
        throw new Error('the caller failed');
      }),
    ).rejects.toThrow('the caller failed');
    expect(await hasSeededHistory(db, 'w', 'a@x.io')).toBe(false);
    expect(await settingsHistoryCount(db, 'w', 'a@x.io')).toBe(1);
  });

  it('writes a long story in several inserts, keeps a real point at the same instant, drops repeats', async () => {
    const db = await testDb();
    const limits = Array.from({ length: 1_203 }, (_, i) => 10 + (i % 40));
    // A dashboard save at midnight of day 3: the seed must not overwrite it.
    const snap = {
      daily_limit: 99,
      sending_gap: 10,
      warmup_limit: 20,
      warmup_increment: null,
      warmup_reply_rate: null,
    };
    await recordSettings(db, 'w', 'a@x.io', snap, `${day(3)}T00:00:00.000Z`, 'dashboard');
    // A sync after the story that repeats its last day's values: dropped as a repeat.
    const last = { ...snap, daily_limit: limits.at(-1) ?? 0 };
    await recordSettings(db, 'w', 'a@x.io', last, '2030-01-01T00:00:00.000Z', 'sync');
    expect(await seedSettingsHistory(db, 'w', { email: 'a@x.io' }, story(limits))).toBe(true);
    const history = await settingsHistory(db, 'w', 'a@x.io', '');
    expect(history).toHaveLength(1_203);
    expect(history[3]).toMatchObject({ daily_limit: 99, source: 'dashboard' });
    expect(history.filter((p) => p.source === 'seed')).toHaveLength(1_202);
    expect(history.at(-1)).toMatchObject({ observed_at: `${day(1_202)}T00:00:00.000Z`, source: 'seed' });
    // Seeded once: a second seed without replace writes nothing.
    expect(await seedSettingsHistory(db, 'w', { email: 'a@x.io' }, story([1]))).toBe(false);
  });
});
