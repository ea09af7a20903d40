import { describe, expect, it } from 'vitest';
import { recentLimitHistory, recentWarmupDays } from './alert-inputs';
import { type SettingsSnapshot, recordSettings } from './settings-history';
import { testDb } from './test-db';
import { type WarmupDayRow, upsertWarmupDays } from './warmup-daily';

const day = (email: string, d: string, score: number | null): WarmupDayRow => ({
  email,
  day: d,
  sent: 5,
  landed_inbox: 5,
  landed_spam: 0,
  received: 5,
  health_score: score,
});

const limit = (daily_limit: number): SettingsSnapshot => ({
  daily_limit,
  sending_gap: 10,
  warmup_limit: null,
  warmup_increment: null,
  warmup_reply_rate: null,
});

describe('what the alert rules read', () => {
  it('warmup days since a day, per lower-cased email, oldest first, of that workspace only', async () => {
    const db = await testDb();
    // Stored out of order and over two fetches, as daily runs and backfills leave them.
    await upsertWarmupDays(
      db,
      'w',
      [day('Bob@b.io', '2026-11-30', 70), day('ann@a.io', '2026-12-01', 90)],
      'T1',
    );
    await upsertWarmupDays(
      db,
      'w',
      [
        day('ann@a.io', '2026-11-29', 95),
        day('ann@a.io', '2026-11-20', 99),
        day('Bob@b.io', '2026-11-29', 72),
      ],
      'T2',
    );
    await upsertWarmupDays(db, 'other', [day('ann@a.io', '2026-11-30', 10)], 'T3');
    const days = await recentWarmupDays(db, 'w', '2026-11-29');
    expect([...days.keys()].sort()).toEqual(['ann@a.io', 'bob@b.io']);
    expect(days.get('ann@a.io')?.map((d) => [d.day, d.healthScore])).toEqual([
      ['2026-11-29', 95],
      ['2026-12-01', 90],
    ]);
    expect(days.get('bob@b.io')?.map((d) => d.day)).toEqual(['2026-11-29', '2026-11-30']);
  });

  it('the limit history of accounts seen twice with a point in the window; one seen once has none', async () => {
    const db = await testDb();
    const since = '2026-11-28T00:00:00.000Z';
    // Raised inside the window: its whole history, the point before the window included.
    await recordSettings(db, 'w', 'ann@a.io', limit(20), '2026-11-01T08:00:00.000Z', 'sync');
    await recordSettings(db, 'w', 'ann@a.io', limit(40), '2026-11-30T08:00:00.000Z', 'sync');
    // Seen once, inside the window (its first sync): nothing to compare, so not read.
    await recordSettings(db, 'w', 'new@a.io', limit(30), '2026-11-30T08:00:00.000Z', 'sync');
    // Changed, but only before the window.
    await recordSettings(db, 'w', 'old@a.io', limit(10), '2026-10-01T08:00:00.000Z', 'sync');
    await recordSettings(db, 'w', 'old@a.io', limit(15), '2026-11-01T08:00:00.000Z', 'sync');
    const history = await recentLimitHistory(db, 'w', since);
    expect([...history.keys()]).toEqual(['ann@a.io']);
    expect(history.get('ann@a.io')?.map((p) => p.dailyLimit)).toEqual([20, 40]);
    expect(await recentLimitHistory(db, 'other', since)).toEqual(new Map());
  });
});
