import { afterEach, describe, expect, it } from 'vitest';
import { type Db, openDb } from '@/lib/store/db';
import { acquireLease } from '@/lib/store/leases';
import { sharedTestTarget, testDb } from '@/lib/store/test-db';
import { readSlot } from '@/lib/store/worker-state';
import { dailyLeaseName, nextUtcDay, runDailyOnce, staggeredStart } from './slots';

// The once-a-day slot, with a trivial task: it runs once per workspace per UTC day whichever worker
// gets there, a failure is tried again later the same day, and a run in progress elsewhere is left alone.

const DAY = 86_400_000;
const MONDAY_NOON = Date.UTC(2026, 0, 5, 12);
const opened: Db[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.destroy()));
});

const daily = (db: Db, owner: string, now: number, run: () => Promise<unknown>) =>
  runDailyOnce({
    db,
    task: 'count',
    workspaceId: 'w1',
    owner,
    now,
    leaseTtlMs: 60_000,
    retryMs: 600_000,
    run,
  });

describe('the daily task slot', () => {
  it('runs once a day per workspace, whichever of two workers asks, and again the next day', async () => {
    const target = sharedTestTarget();
    const [a, b] = [await openDb(target), await openDb(target)];
    opened.push(a, b);
    let runs = 0;
    const task = async () => {
      runs += 1;
      await new Promise((r) => setTimeout(r, 20));
    };
    // Both at once, then each again later the same day.
    const first = await Promise.all([
      daily(a, 'proc-a', MONDAY_NOON, task),
      daily(b, 'proc-b', MONDAY_NOON, task),
    ]);
    expect(first.sort()).toEqual(['busy', 'ran']);
    expect(await daily(b, 'proc-b', MONDAY_NOON + 3_600_000, task)).toBe('not-due');
    expect(await daily(a, 'proc-a', MONDAY_NOON + 11 * 3_600_000, task)).toBe('not-due');
    expect(runs).toBe(1);
    expect((await readSlot(a, 'count', 'w1'))?.next_at).toBe(Date.UTC(2026, 0, 6));
    expect(await daily(b, 'proc-b', MONDAY_NOON + 12 * 3_600_000, task)).toBe('ran');
    expect(runs).toBe(2);
  });

  it('a failed run is tried again after the retry wait, the error kept for the status page', async () => {
    const db = await testDb();
    let fail = true;
    const task = async () => {
      if (fail) throw new Error('Instantly is down');
    };
    expect(await daily(db, 'p', MONDAY_NOON, task)).toBe('failed');
    expect(await readSlot(db, 'count', 'w1')).toMatchObject({
      last_error: 'Instantly is down',
      next_at: MONDAY_NOON + 600_000,
    });
    fail = false;
    expect(await daily(db, 'p', MONDAY_NOON + 599_999, task)).toBe('not-due');
    expect(await daily(db, 'p', MONDAY_NOON + 600_000, task)).toBe('ran');
    expect((await readSlot(db, 'count', 'w1'))?.next_at).toBe(Date.UTC(2026, 0, 6));
  });

  it('leaves a run another process holds the lease for alone', async () => {
    const db = await testDb();
    await acquireLease(db, dailyLeaseName('count', 'w1'), 'elsewhere', 60_000, MONDAY_NOON);
    let runs = 0;
    expect(await daily(db, 'p', MONDAY_NOON + 1000, async () => (runs += 1))).toBe('busy');
    expect(runs).toBe(0);
  });

  it('computes the next UTC day and the staggered first syncs', () => {
    expect(nextUtcDay(MONDAY_NOON)).toBe(Date.UTC(2026, 0, 6));
    expect(nextUtcDay(Date.UTC(2026, 0, 6))).toBe(Date.UTC(2026, 0, 6) + DAY);
    expect([0, 1, 2, 3].map((i) => staggeredStart(0, 900_000, i, 4))).toEqual([0, 225_000, 450_000, 675_000]);
  });
});
