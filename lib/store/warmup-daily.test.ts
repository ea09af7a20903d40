import { describe, expect, it } from 'vitest';
import {
  type WarmupDayRow,
  countWarmupDays,
  deleteWarmupDays,
  recordWarmupRun,
  storedWarmupDays,
  upsertWarmupDays,
  warmupRunOn,
} from './warmup-daily';
import { testDb } from './test-db';

const day = (overrides: Partial<WarmupDayRow> = {}): WarmupDayRow => ({
  email: 'ann@example.com',
  day: '2026-03-01',
  sent: 10,
  landed_inbox: 9,
  landed_spam: 1,
  received: 8,
  health_score: null,
  ...overrides,
});

describe('stored warmup days', () => {
  it('a later fetch of the same day replaces its counters, and keeps a score it does not carry', async () => {
    const db = await testDb();
    await upsertWarmupDays(
      db,
      'w',
      [day({ sent: 4, landed_inbox: 4, landed_spam: 0, health_score: 91 })],
      'T1',
    );
    await upsertWarmupDays(db, 'w', [day({ sent: 12, landed_inbox: 10, landed_spam: 2 })], 'T2');
    expect(await storedWarmupDays(db, 'w', 'ann@example.com', '2026-03-01', '2026-03-01')).toEqual([
      { day: '2026-03-01', sent: 12, landed_inbox: 10, landed_spam: 2, received: 8, health_score: 91 },
    ]);
    expect(await countWarmupDays(db, 'w')).toBe(1);
    // A score the later fetch does carry wins.
    await upsertWarmupDays(db, 'w', [day({ health_score: 80 })], 'T3');
    expect(
      (await storedWarmupDays(db, 'w', 'ann@example.com', '2026-03-01', '2026-03-01'))[0]?.health_score,
    ).toBe(80);
  });

  it('emails are one account whatever their case, on write and on read', async () => {
    const db = await testDb();
    // Two spellings in one write are one row (PostgreSQL refuses to touch a row twice in a statement).
    await upsertWarmupDays(db, 'w', [day({ email: 'Ann@Example.com', sent: 3 }), day({ sent: 5 })], 'T1');
    await upsertWarmupDays(db, 'w', [day({ email: 'ANN@EXAMPLE.COM', day: '2026-03-02', sent: 7 })], 'T1');
    const rows = await storedWarmupDays(db, 'w', 'aNN@example.COM', '2026-01-01', '2026-12-31');
    expect(rows.map((r) => [r.day, r.sent])).toEqual([
      ['2026-03-01', 5],
      ['2026-03-02', 7],
    ]);
  });

  it('reads a window oldest first, per workspace, and writes more rows than one statement carries', async () => {
    const db = await testDb();
    const many = Array.from({ length: 1_200 }, (_, i) =>
      day({
        email: `a${Math.floor(i / 100)}@x.io`,
        day: `2026-01-${String((i % 28) + 1).padStart(2, '0')}`,
        sent: i,
      }),
    );
    // 12 accounts × 28 days: 336 distinct rows, the later duplicates winning.
    expect(await upsertWarmupDays(db, 'w', many, 'T1')).toBe(336);
    expect(await countWarmupDays(db, 'w')).toBe(336);
    await upsertWarmupDays(db, 'other', [day({ email: 'a0@x.io', day: '2026-01-05', sent: 999 })], 'T1');
    const window = await storedWarmupDays(db, 'w', 'a0@x.io', '2026-01-03', '2026-01-06');
    expect(window.map((r) => r.day)).toEqual(['2026-01-03', '2026-01-04', '2026-01-05', '2026-01-06']);
    expect(window.every((r) => r.sent !== 999)).toBe(true);
    await deleteWarmupDays(db, 'w');
    expect(await countWarmupDays(db, 'w')).toBe(0);
    expect(await countWarmupDays(db, 'other')).toBe(1);
  });

  it('keeps one run record per workspace and day, the last one winning', async () => {
    const db = await testDb();
    const run = {
      workspace_id: 'w',
      day: '2026-03-01',
      finished_at: '2026-03-01T01:00:00.000Z',
      accounts: 150,
      calls: 3,
      failed_calls: 1,
      failed_emails: 100,
      error: 'Instantly had an error (HTTP 500)',
    };
    await recordWarmupRun(db, run);
    await recordWarmupRun(db, { ...run, accounts: 250, failed_calls: 0, failed_emails: 0, error: null });
    expect(await warmupRunOn(db, 'w', '2026-03-01')).toMatchObject({
      accounts: 250,
      failed_calls: 0,
      error: null,
    });
    expect(await warmupRunOn(db, 'w', '2026-03-02')).toBeNull();
  });
});
