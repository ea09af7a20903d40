import { describe, expect, it } from 'vitest';
import { RateBudget, type SharedBudget } from '@/lib/instantly/rate-budget';
import type { Db } from './connect';
import { pauseRateBudget, takeRateToken } from './rate-budgets';
import { testDb } from './test-db';

/**
 * One fake clock for every "process". A sleeper wakes at its time or later (another one may have
 * moved the clock past it), never earlier, just as a real sleep.
 */
function fakeClock(start = 1_000_000) {
  let now = start;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      const wake = now + ms;
      await new Promise((resolve) => setImmediate(resolve));
      now = Math.max(now, wake);
    },
  };
}

/** The ledger as lib/server wires it, recording the time of every grant it makes. */
function ledger(db: Db, grants: number[]): SharedBudget {
  return {
    take: async (bucket, now, limits) => {
      const answer = await takeRateToken(db, bucket, now, limits);
      if (answer.waitMs === 0) grants.push(now);
      return answer;
    },
    pause: (bucket, until) => pauseRateBudget(db, bucket, until),
  };
}

const maxInWindow = (times: number[], windowMs: number) =>
  Math.max(...times.map((t) => times.filter((g) => g >= t && g < t + windowMs).length));

describe('the rate budget shared by every process', () => {
  it('two processes together never exceed the per-second limit', async () => {
    const db = await testDb();
    const clock = fakeClock();
    const grants: number[] = [];
    const [a, b] = [1, 2].map(
      () =>
        new RateBudget({
          perSecond: 10,
          perMinute: 600,
          ...clock,
          shared: { ledger: ledger(db, grants), bucket: 'w' },
        }),
    );
    const start = clock.now();
    await Promise.all(
      [a, b].map(async (budget) => {
        for (let i = 0; i < 30; i += 1) await budget!.acquire();
      }),
    );
    expect(grants).toHaveLength(60);
    expect(maxInWindow(grants, 1000)).toBe(10);
    // 60 requests at 10/s: six seconds, not the three that two separate budgets would allow.
    expect(clock.now() - start).toBeGreaterThanOrEqual(5900);
  });

  it('two processes together never exceed the per-minute limit', async () => {
    const db = await testDb();
    const clock = fakeClock();
    const grants: number[] = [];
    const [a, b] = [1, 2].map(
      () =>
        new RateBudget({
          perSecond: 10,
          perMinute: 30,
          ...clock,
          shared: { ledger: ledger(db, grants), bucket: 'w' },
        }),
    );
    await Promise.all(
      [a, b].map(async (budget) => {
        for (let i = 0; i < 40; i += 1) await budget!.acquire();
      }),
    );
    expect(grants).toHaveLength(80);
    expect(maxInWindow(grants, 60_000)).toBeLessThanOrEqual(30);
    expect(maxInWindow(grants, 1000)).toBeLessThanOrEqual(10);
  });

  it("a 429 pause set by one process holds the other, and the other's deadline sees it as a pause", async () => {
    const db = await testDb();
    const clock = fakeClock();
    const grants: number[] = [];
    const make = () =>
      new RateBudget({
        perSecond: 10,
        perMinute: 600,
        ...clock,
        shared: { ledger: ledger(db, grants), bucket: 'w' },
      });
    const [a, b] = [make(), make()];
    const start = clock.now();
    await a.pauseFor(5000);
    const refused = await b.acquire(undefined, start + 1000).catch((e: unknown) => e);
    expect(refused).toMatchObject({ name: 'BudgetDeadlineError', paused: true, waitMs: 5000 });
    expect(clock.now()).toBe(start);
    await b.acquire();
    expect(clock.now() - start).toBeGreaterThanOrEqual(5000);
    expect(grants).toEqual([start + 5000]);
  });

  it('keeps workspaces apart, and a shorter pause never cuts a longer one', async () => {
    const db = await testDb();
    const limits = { perSecond: 10, perMinute: 600 };
    expect(await takeRateToken(db, 'a', 0, limits)).toEqual({ waitMs: 0, paused: false });
    expect(await takeRateToken(db, 'a', 10, limits)).toEqual({ waitMs: 90, paused: false });
    expect(await takeRateToken(db, 'b', 10, limits)).toEqual({ waitMs: 0, paused: false });
    expect(await takeRateToken(db, 'a', 100, limits)).toEqual({ waitMs: 0, paused: false });
    await pauseRateBudget(db, 'a', 10_000, 200);
    await pauseRateBudget(db, 'a', 5_000, 300);
    expect(await takeRateToken(db, 'a', 1_000, limits)).toEqual({ waitMs: 9_000, paused: true });
    expect(await takeRateToken(db, 'a', 10_000, limits)).toEqual({ waitMs: 0, paused: false });
    // Epoch milliseconds, far past 32 bits, on both databases.
    const epoch = Date.parse('2026-12-01T00:00:00Z');
    expect(await takeRateToken(db, 'c', epoch, limits)).toEqual({ waitMs: 0, paused: false });
    expect(await takeRateToken(db, 'c', epoch + 50, limits)).toEqual({ waitMs: 50, paused: false });
  });
});
