import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScatterPoint } from '@/lib/schemas/api-account-detail';
import { upsertAccounts } from './accounts-index';
import { countingStatements, testDb } from './test-db';
import { account } from './fleet-test-helpers';
import { countSendingTooHard, fleetOverview, thinScatter } from './overview-query';

describe('fleetOverview', () => {
  it('counts by status and warmup status, averages scores that exist, counts errors, per workspace scope', async () => {
    const db = await testDb();
    await upsertAccounts(db, 'w1', [
      account({ email: 'a@x.io', status: 1, warmup_status: 1, stat_warmup_score: 100, daily_limit: 30 }),
      account({ email: 'b@x.io', status: 1, warmup_status: 0, stat_warmup_score: 80, daily_limit: 50 }),
      account({ email: 'c@x.io', status: -1, warmup_status: 1, stat_warmup_score: 60, daily_limit: 80 }),
      account({ email: 'd@x.io', status: 2, warmup_status: -1, stat_warmup_score: null, daily_limit: null }),
    ]);
    await upsertAccounts(db, 'w2', [account({ email: 'e@y.io', status: 1, stat_warmup_score: 0 })]);

    const one = await fleetOverview(db, ['w1']);
    expect(one.total).toBe(4);
    expect(one.byStatus).toEqual([
      { value: 1, count: 2 },
      { value: 2, count: 1 },
      { value: -1, count: 1 },
    ]);
    expect(one.byWarmup).toEqual([
      { value: 1, count: 2 },
      { value: 0, count: 1 },
      { value: -1, count: 1 },
    ]);
    expect(one.averageScore).toBe(80);
    expect(one.scoredCount).toBe(3);
    // c: connection error; d: warmup banned
    expect(one.errors).toBe(2);
    expect(one.scatter.plottable).toBe(3);
    expect(one.scatter.sampled).toBe(false);
    expect(one.scatter.points.map((p) => p.email).sort()).toEqual(['a@x.io', 'b@x.io', 'c@x.io']);
    expect(one.scatter.points.find((p) => p.email === 'c@x.io')).toEqual({
      email: 'c@x.io',
      workspaceId: 'w1',
      score: 60,
      dailyLimit: 80,
      sendingGap: 10,
      status: -1,
    });

    const both = await fleetOverview(db, ['w1', 'w2']);
    expect(both.total).toBe(5);
    expect(both.averageScore).toBe(60);
    expect((await fleetOverview(db, [])).total).toBe(0);
  });

  it('a 10,000-account fleet answers in a few statements with a capped scatter', async () => {
    const db = await testDb();
    const accounts = Array.from({ length: 10_000 }, (_, i) =>
      account({
        email: `u${i}@d${i % 50}.io`,
        stat_warmup_score: (i * 7) % 101,
        daily_limit: 10 + ((i * 13) % 190),
        sending_gap: i % 30,
      }),
    );
    await upsertAccounts(db, 'w', accounts);
    const counted = countingStatements(db);
    const overview = await fleetOverview(counted.db, ['w'], 2000);
    // A fixed handful of aggregate statements, not one per account (how fast: `npm run bench`).
    expect(counted.statements()).toBeLessThanOrEqual(5);
    expect(overview.total).toBe(10_000);
    expect(overview.scatter.plottable).toBe(10_000);
    expect(overview.scatter.points).toHaveLength(2000);
    expect(overview.scatter.sampled).toBe(true);
    // Writing 10,000 accounts with their history points takes a while on PostgreSQL (one history
    // read per account), hence the long timeout.
  }, 60_000);

  it('counts who sends too hard: active, score under 80, limit above the median', async () => {
    expect(
      countSendingTooHard([
        { score: 95, dailyLimit: 20, status: 1 },
        { score: 95, dailyLimit: 25, status: 1 },
        { score: 60, dailyLimit: 30, status: 1 },
        { score: 60, dailyLimit: 100, status: 1 },
        { score: 70, dailyLimit: 120, status: 2 },
        { score: 85, dailyLimit: 130, status: 1 },
      ]),
    ).toBe(1);
    expect(countSendingTooHard([])).toBe(0);
  });
});

describe('thinScatter', () => {
  const pointArb = fc.record({
    email: fc.uuid().map((u) => `${u}@x.io`),
    workspaceId: fc.constantFrom('w1', 'w2'),
    score: fc.integer({ min: 0, max: 100 }),
    dailyLimit: fc.integer({ min: 0, max: 500 }),
    sendingGap: fc.option(fc.integer({ min: 0, max: 60 })),
    status: fc.option(fc.constantFrom(1, 2, -1)),
  });

  it('keeps everything under the cap', async () => {
    const points: ScatterPoint[] = [
      { email: 'a@x.io', workspaceId: 'w', score: 1, dailyLimit: 2, sendingGap: null, status: 1 },
    ];
    expect(thinScatter(points, 10)).toEqual(points);
  });

  it('property: at most max points, a subset, deterministic, and every occupied cell keeps a point', async () => {
    fc.assert(
      fc.property(
        fc.array(pointArb, { minLength: 1, maxLength: 600 }),
        fc.integer({ min: 450, max: 500 }),
        (points, max) => {
          const thinned = thinScatter(points, max);
          expect(thinned.length).toBe(Math.min(points.length, max));
          for (const p of thinned) expect(points).toContain(p);
          expect(thinScatter(points, max)).toEqual(thinned);
          const maxLimit = Math.max(1, ...points.map((p) => p.dailyLimit));
          const step = Math.max(1, Math.ceil(maxLimit / 20));
          const cell = (p: ScatterPoint) => `${Math.floor(p.score / 5)}:${Math.floor(p.dailyLimit / step)}`;
          const kept = new Set(thinned.map(cell));
          for (const p of points) expect(kept.has(cell(p))).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('an outlier in a sparse corner survives heavy thinning of a dense cluster', async () => {
    const cluster: ScatterPoint[] = Array.from({ length: 5000 }, (_, i) => ({
      email: `c${i}@x.io`,
      workspaceId: 'w',
      score: 95 + (i % 5),
      dailyLimit: 30 + (i % 5),
      sendingGap: 10,
      status: 1,
    }));
    const outlier: ScatterPoint = {
      email: 'hot@x.io',
      workspaceId: 'w',
      score: 20,
      dailyLimit: 300,
      sendingGap: 1,
      status: 1,
    };
    const thinned = thinScatter([...cluster, outlier], 100);
    expect(thinned).toHaveLength(100);
    expect(thinned).toContain(outlier);
  });
});
