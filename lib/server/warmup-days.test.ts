import { describe, expect, it } from 'vitest';
import type { StoredWarmupDay } from '@/lib/store/warmup-daily';
import { buildChartSeries } from './chart-series';
import { answeredSpan, byEmail, mergeWarmupDays } from './warmup-days';

const stored = (day: string, sent: number, inbox = sent): StoredWarmupDay => ({
  day,
  sent,
  landed_inbox: inbox,
  landed_spam: sent - inbox,
  received: sent,
  health_score: null,
});

const ZERO = { sent: 0, landed_inbox: 0, landed_spam: 0, received: 0 };

describe('answeredSpan', () => {
  it('covers the first listed day through today, unlisted days as real zeros', () => {
    expect(answeredSpan({ '2026-03-02': { sent: 5, landed_inbox: 5 } }, '2026-03-04')).toEqual({
      '2026-03-02': { sent: 5, landed_inbox: 5 },
      '2026-03-03': ZERO,
      '2026-03-04': ZERO,
    });
  });

  it('an account answered without any day knows only today; keys that are no day span nothing', () => {
    expect(answeredSpan({}, '2026-03-04')).toEqual({ '2026-03-04': ZERO });
    expect(
      Object.keys(
        answeredSpan(
          { '2026-02-30': { sent: 1 }, yesterday: { sent: 1 }, '1999-01-01': { sent: 1 } },
          '2026-03-04',
        ),
      ),
    ).toEqual(['2026-03-04']);
  });
});

describe('mergeWarmupDays', () => {
  it('live wins on every day of its span; stored days fill the days before it', () => {
    const live = { '2026-03-05': { sent: 20, landed_inbox: 18, landed_spam: 2 } };
    const merged = mergeWarmupDays(
      live,
      // 03-05 and 03-06 are stored too (from an earlier fetch): the live answer is newer.
      [
        stored('2026-03-03', 10),
        stored('2026-03-04', 10, 5),
        stored('2026-03-05', 1),
        stored('2026-03-06', 9),
      ],
      '2026-03-07',
    );
    expect(merged).toEqual({
      '2026-03-03': { sent: 10, landed_inbox: 10, landed_spam: 0, received: 10 },
      '2026-03-04': { sent: 10, landed_inbox: 5, landed_spam: 5, received: 10 },
      '2026-03-05': { sent: 20, landed_inbox: 18, landed_spam: 2 },
      // Instantly left it out of an answer that covers it: nothing was sent, whatever was stored.
      '2026-03-06': ZERO,
      '2026-03-07': ZERO,
    });
  });

  it('without a live answer for the account, only stored days are known', () => {
    expect(Object.keys(mergeWarmupDays(undefined, [stored('2026-03-01', 3)], '2026-03-07'))).toEqual([
      '2026-03-01',
    ]);
  });

  it('a day neither covers stays a gap on the chart, not a zero', () => {
    const warmupDays = mergeWarmupDays(
      { '2026-03-06': { sent: 10, landed_inbox: 10 } },
      [stored('2026-03-02', 8, 6)],
      '2026-03-07',
    );
    const { points } = buildChartSeries({
      from: '2026-03-01',
      to: '2026-03-07',
      warmupDays,
      history: [],
      audit: [],
      campaignRows: [],
      account: { score: null, warmupStartedAt: null, createdAt: null },
    });
    const sent = points.map((p) => [p.date, p.warmupSent, p.health]);
    expect(sent).toEqual([
      ['2026-03-01', null, null],
      ['2026-03-02', 8, 75],
      ['2026-03-03', null, null],
      ['2026-03-04', null, null],
      ['2026-03-05', null, null],
      ['2026-03-06', 10, 100],
      ['2026-03-07', 0, null],
    ]);
    expect(points.map((p) => p.inbox)).toEqual([null, 6, null, null, null, 10, 0]);
    // The 7-day health counts only known days: 03-02's 6/8 and 03-06's 10/10.
    expect(points.at(-1)?.health7d).toBe(Math.round((100 * 16) / 18));
  });
});

describe('byEmail', () => {
  it('finds an answer key whatever its case', () => {
    expect(byEmail({ 'Ann@Example.com': 1 }, 'ann@example.com')).toBe(1);
    expect(byEmail({ 'ann@example.com': 2 }, 'ANN@example.com')).toBe(2);
    expect(byEmail({ 'bob@example.com': 3 }, 'ann@example.com')).toBeUndefined();
  });
});
