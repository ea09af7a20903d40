import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountAnalyticsSchema } from '@/lib/schemas/api-account-detail';
import type { SettingsPoint } from '@/lib/store/settings-history';
import {
  addDays,
  buildChartSeries,
  campaignWindows,
  datesBetween,
  type SeriesInput,
  windowFor,
} from './chart-series';

/** Who made the dashboard's changes in these tests. */
const ana = { id: 'p_ana', name: 'Ana Lima' };

const point = (at: string, values: Partial<SettingsPoint> = {}, source = 'sync'): SettingsPoint => ({
  observed_at: at.length === 10 ? `${at}T00:00:00.000Z` : at,
  daily_limit: 30,
  sending_gap: 10,
  warmup_limit: 20,
  warmup_increment: '1',
  warmup_reply_rate: 30,
  source,
  ...values,
});

const base = (overrides: Partial<SeriesInput> = {}): SeriesInput => ({
  from: '2026-03-01',
  to: '2026-03-10',
  warmupDays: {},
  history: [],
  audit: [],
  campaignRows: [],
  account: { score: 90, warmupStartedAt: '2025-10-01T00:00:00.000Z', createdAt: '2025-09-01T00:00:00.000Z' },
  ...overrides,
});

const campaignRow = (date: string, sent: number, bounced = 0) => ({
  date,
  email_account: 'a@x.io',
  sent,
  bounced,
  contacted: sent,
  new_leads_contacted: 0,
  opened: 0,
  unique_opened: 0,
  replies: 0,
  unique_replies: 0,
  replies_automatic: 0,
  unique_replies_automatic: 0,
  clicks: 0,
  unique_clicks: 0,
});

describe('dates', () => {
  it('adds days across months and years in UTC', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(datesBetween('2026-02-27', '2026-03-02')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
  });

  it('a range of n days ends today and has n days', () => {
    const now = Date.parse('2026-03-10T23:59:00.000Z');
    for (const n of [7, 30, 90]) {
      const { from, to } = windowFor(n, now);
      expect(to).toBe('2026-03-10');
      expect(datesBetween(from, to)).toHaveLength(n);
    }
  });

  it('splits a window into ≤31-day calls that cover every day exactly once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 3000 }), (length, offset) => {
        const from = addDays('2024-01-01', offset);
        const to = addDays(from, length - 1);
        const windows = campaignWindows(from, to);
        const covered = windows.flatMap((w) => datesBetween(w.start_date, w.end_date));
        expect(covered).toEqual(datesBetween(from, to));
        for (const w of windows)
          expect(datesBetween(w.start_date, w.end_date).length).toBeLessThanOrEqual(31);
      }),
    );
    expect(campaignWindows('2026-01-01', '2026-03-31')).toHaveLength(3);
  });
});

describe('buildChartSeries', () => {
  it('one point per day of the range, health a gap (null) on days without sends, unknown days without counters', () => {
    const series = buildChartSeries(
      base({
        warmupDays: {
          '2026-03-02': { sent: 20, landed_inbox: 18, landed_spam: 2 },
          // landed_spam omitted on a day without spam, as the spec example does
          '2026-03-04': { sent: 10, landed_inbox: 10 },
          '2026-03-05': { sent: 0 },
        },
      }),
    );
    expect(series.points.map((p) => p.date)).toEqual(datesBetween('2026-03-01', '2026-03-10'));
    const byDate = Object.fromEntries(series.points.map((p) => [p.date, p]));
    expect(byDate['2026-03-02']).toMatchObject({ warmupSent: 20, inbox: 18, spam: 2, health: 90 });
    expect(byDate['2026-03-04']).toMatchObject({ warmupSent: 10, inbox: 10, spam: 0, health: 100 });
    // A day no answer covered is unknown, not a zero; a listed day without sends is a real zero.
    expect(byDate['2026-03-01']).toMatchObject({ warmupSent: null, inbox: null, spam: null, health: null });
    expect(byDate['2026-03-05']).toMatchObject({ warmupSent: 0, inbox: 0, spam: 0, health: null });
    expect(byDate['2026-03-03']?.health).toBeNull();
  });

  it('rounds health as Instantly does (13 of 15 → 87) and computes a 7-day health from days before the window', () => {
    const series = buildChartSeries(
      base({
        from: '2026-03-08',
        to: '2026-03-09',
        warmupDays: {
          '2026-03-02': { sent: 10, landed_inbox: 0, landed_spam: 10 },
          '2026-03-03': { sent: 10, landed_inbox: 10 },
          '2026-03-08': { sent: 15, landed_inbox: 13, landed_spam: 2 },
        },
      }),
    );
    const [first, second] = series.points;
    expect(first?.health).toBe(87);
    // 2026-03-02 … 2026-03-08: 10 + 10 + 15 sent, 0 + 10 + 13 inbox
    expect(first?.health7d).toBe(Math.round((100 * 23) / 35));
    // 2026-03-03 … 2026-03-09: the bad day fell out of the week
    expect(second?.health).toBeNull();
    expect(second?.health7d).toBe(Math.round((100 * 23) / 25));
  });

  it('7-day health is null only when the whole week had no sends', () => {
    const series = buildChartSeries(base({ warmupDays: { '2026-03-01': { sent: 4, landed_inbox: 4 } } }));
    const week = series.points.map((p) => p.health7d);
    expect(week.slice(0, 7)).toEqual([100, 100, 100, 100, 100, 100, 100]);
    expect(week.slice(7)).toEqual([null, null, null]);
  });

  it('limits are step values: carried forward from the last change before the window, changing on the day of a change', () => {
    const series = buildChartSeries(
      base({
        history: [
          point('2026-01-15', { daily_limit: 30, sending_gap: 10 }),
          point('2026-03-04T15:30:00.000Z', { daily_limit: 60, sending_gap: 10 }, 'dashboard'),
          point('2026-03-07T08:00:00.000Z', { daily_limit: 60, sending_gap: 20 }, 'sync'),
        ],
      }),
    );
    expect(series.points.map((p) => p.dailyLimit)).toEqual([30, 30, 30, 60, 60, 60, 60, 60, 60, 60]);
    expect(series.points.map((p) => p.sendingGap)).toEqual([10, 10, 10, 10, 10, 10, 20, 20, 20, 20]);
    expect(series.history.state).toBe('complete');
  });

  it('two changes on one day: the day shows the value after the last one, and both are markers', () => {
    const series = buildChartSeries(
      base({
        history: [
          point('2026-02-01', { daily_limit: 30 }),
          point('2026-03-03T09:00:00.000Z', { daily_limit: 80 }, 'dashboard'),
          point('2026-03-03T17:00:00.000Z', { daily_limit: 50 }, 'dashboard'),
        ],
      }),
    );
    expect(series.points.find((p) => p.date === '2026-03-03')?.dailyLimit).toBe(50);
    expect(series.markers.map((m) => m.label)).toEqual(['Daily limit 30 → 80', 'Daily limit 80 → 50']);
    expect(series.points.find((p) => p.date === '2026-03-03')?.markers).toEqual([0, 1]);
  });

  it('before history starts the settings are unknown (null), never guessed backwards', () => {
    const series = buildChartSeries(
      base({ history: [point('2026-03-06T10:00:00.000Z', { daily_limit: 40 })] }),
    );
    expect(series.points.map((p) => p.dailyLimit)).toEqual([
      null,
      null,
      null,
      null,
      null,
      40,
      40,
      40,
      40,
      40,
    ]);
    expect(series.markers).toEqual([]);
    expect(series.history).toMatchObject({ state: 'partial', startsAt: '2026-03-06' });
    expect(series.history.note).toMatch(/^History starts Mar 6, 2026 \(when this workspace was connected\)/);
    expect(series.notices.map((n) => n.code)).toContain('history-starts');
  });

  it('no history at all: every setting null, state "none"', () => {
    const series = buildChartSeries(base());
    expect(series.points.every((p) => p.dailyLimit === null && p.sendingGap === null)).toBe(true);
    expect(series.history.state).toBe('none');
  });

  it('markers name what changed and who changed it; the first point of history is not a change', () => {
    const series = buildChartSeries(
      base({
        history: [
          point('2026-03-01', { daily_limit: 30 }, 'seed'),
          point('2026-03-02', { daily_limit: 70 }, 'seed'),
          point('2026-03-05T12:00:00.000Z', { daily_limit: 70, sending_gap: 25 }, 'sync'),
          point('2026-03-08T12:00:00.000Z', { daily_limit: 40, sending_gap: 25 }, 'read'),
        ],
      }),
    );
    expect(series.markers.map((m) => [m.date, m.source, m.label])).toEqual([
      ['2026-03-02', 'seed', 'Daily limit 30 → 70'],
      ['2026-03-05', 'sync', 'Sending gap 10 min → 25 min'],
      ['2026-03-08', 'read', 'Daily limit 70 → 40'],
    ]);
    expect(series.markers[1]?.by).toMatch(/sync/);
    expect(series.history.state).toBe('seeded');
    expect(series.notices.map((n) => n.code)).toContain('history-seeded');
  });

  it('a dashboard edit is one marker: history gives old → new, the audit log gives who (and the bulk action)', () => {
    const series = buildChartSeries(
      base({
        history: [
          point('2026-02-01'),
          point('2026-03-04T10:00:00.500Z', { daily_limit: 45, sending_gap: 12 }, 'dashboard'),
        ],
        audit: [
          {
            id: 7,
            at: '2026-03-04T10:00:00.500Z',
            action: 'update-settings',
            actor: ana,
            accountOutcome: 'success',
            accountChanges: { dailyLimit: { old: 30, new: 45 }, sendingGap: { old: 10, new: 12 } },
            bulkActionId: null,
            outcome: 'success',
          },
          {
            id: 8,
            at: '2026-03-06T09:00:00.000Z',
            action: 'pause',
            actor: ana,
            accountOutcome: 'success',
            accountChanges: {},
            bulkActionId: 'ba_1',
            outcome: 'success',
          },
          {
            id: 9,
            at: '2026-03-07T09:00:00.000Z',
            action: 'update-settings',
            actor: ana,
            accountOutcome: 'failed',
            accountChanges: { dailyLimit: { old: 45, new: 90 } },
            bulkActionId: null,
            outcome: 'failed',
          },
        ],
      }),
    );
    expect(series.markers).toHaveLength(2);
    const [edit, pause] = series.markers;
    expect(edit).toMatchObject({
      date: '2026-03-04',
      kind: 'settings',
      source: 'dashboard',
      auditId: 7,
      label: 'Daily limit 30 → 45, Sending gap 10 min → 12 min',
    });
    expect(edit?.by).toBe('changed in this dashboard by Ana Lima');
    expect(edit?.actor).toBe('Ana Lima');
    expect(pause).toMatchObject({
      date: '2026-03-06',
      kind: 'action',
      label: 'Paused',
      bulkActionId: 'ba_1',
    });
    expect(pause?.by).toBe('changed in this dashboard by Ana Lima (bulk action)');
    expect(series.points.find((p) => p.date === '2026-03-06')?.markers).toEqual([1]);
  });

  it('a bulk daily-limit change seen by a sync is attributed to the dashboard by its audit entry', () => {
    const series = buildChartSeries(
      base({
        history: [point('2026-02-01'), point('2026-03-09T10:05:00.000Z', { daily_limit: 25 }, 'sync')],
        audit: [
          {
            id: 3,
            at: '2026-03-09T10:00:00.000Z',
            action: 'set-daily-limit',
            actor: ana,
            accountOutcome: 'success',
            accountChanges: {},
            bulkActionId: 'ba_9',
            outcome: 'success',
          },
        ],
      }),
    );
    expect(series.markers).toHaveLength(1);
    expect(series.markers[0]).toMatchObject({
      source: 'dashboard',
      bulkActionId: 'ba_9',
      label: 'Daily limit 30 → 25',
    });
  });

  it('an audited change with no history point still shows, from the audit old → new', () => {
    const series = buildChartSeries(
      base({
        history: [point('2026-02-01')],
        audit: [
          {
            id: 1,
            at: '2026-03-02T10:00:00.000Z',
            action: 'update-settings',
            actor: ana,
            accountOutcome: 'success',
            accountChanges: { trackingDomain: { old: null, new: 'inst.x.io' } },
            bulkActionId: null,
            outcome: 'success',
          },
        ],
      }),
    );
    expect(series.markers).toHaveLength(1);
    expect(series.markers[0]).toMatchObject({
      label: "Tracking domain not set (Instantly's default) → inst.x.io",
      source: 'dashboard',
    });
  });

  it('changes outside the window are not markers', () => {
    const series = buildChartSeries(
      base({
        history: [
          point('2026-01-01'),
          point('2026-02-20', { daily_limit: 99 }),
          point('2026-03-20', { daily_limit: 5 }),
        ],
      }),
    );
    expect(series.markers).toEqual([]);
    expect(series.points.every((p) => p.dailyLimit === 99)).toBe(true);
  });

  it('campaign sends per day: 0 on days without a row, null everywhere when they could not be read', () => {
    const rows = [
      campaignRow('2026-03-02', 25, 1),
      campaignRow('2026-03-02T00:00:00.000Z', 5),
      campaignRow('2026-03-09', 40),
    ];
    const series = buildChartSeries(base({ campaignRows: rows }));
    const byDate = Object.fromEntries(series.points.map((p) => [p.date, p]));
    expect(byDate['2026-03-02']).toMatchObject({ campaignSent: 30, bounced: 1 });
    expect(byDate['2026-03-09']?.campaignSent).toBe(40);
    expect(byDate['2026-03-05']?.campaignSent).toBe(0);
    const unavailable = buildChartSeries(base({ campaignRows: null }));
    expect(unavailable.points.every((p) => p.campaignSent === null && p.bounced === null)).toBe(true);
    expect(unavailable.notices.map((n) => n.code)).toContain('campaign-unavailable');
  });

  it('flags partial data: a new account with score 0 and little history', () => {
    const series = buildChartSeries(
      base({
        warmupDays: {
          '2026-03-08': { sent: 3, landed_inbox: 2, landed_spam: 1 },
          '2026-03-09': { sent: 5, landed_inbox: 5 },
        },
        account: {
          score: 0,
          warmupStartedAt: '2026-03-08T09:00:00.000Z',
          createdAt: '2026-03-07T00:00:00.000Z',
        },
      }),
    );
    const codes = series.notices.map((n) => n.code);
    expect(codes).toContain('new-account');
    expect(codes).toContain('score-zero');
    expect(series.notices.find((n) => n.code === 'new-account')?.message).toMatch(/2 weeks/);
  });

  it('a freshly added account whose warmup never ran is new too, with no health line', () => {
    const series = buildChartSeries(
      base({ account: { score: 0, warmupStartedAt: null, createdAt: '2026-03-05T10:00:00.000Z' } }),
    );
    const codes = series.notices.map((n) => n.code);
    expect(codes).toEqual(expect.arrayContaining(['new-account', 'score-zero', 'no-warmup-data']));
    expect(series.notices.find((n) => n.code === 'new-account')?.message).toMatch(
      /added Mar 5, 2026 and warmup has not started/,
    );
    const old = buildChartSeries(
      base({ account: { score: 0, warmupStartedAt: null, createdAt: '2025-01-01T00:00:00.000Z' } }),
    );
    expect(old.notices.map((n) => n.code)).not.toContain('new-account');
  });

  it('an older account with few warmup days gets "little history"; one without sends gets "no warmup data"', () => {
    const few = buildChartSeries(base({ warmupDays: { '2026-03-09': { sent: 5, landed_inbox: 5 } } }));
    expect(few.notices.map((n) => n.code)).toContain('little-warmup-data');
    const none = buildChartSeries(base());
    expect(none.notices.map((n) => n.code)).toContain('no-warmup-data');
    expect(none.notices.map((n) => n.code)).not.toContain('new-account');
  });

  it('each day says whether the settings were read: not read before the first point, read from it on', () => {
    const series = buildChartSeries(
      base({ history: [point('2026-03-04T09:00:00.000Z', { daily_limit: null, sending_gap: 10 }, 'read')] }),
    );
    expect(series.points.map((p) => p.settingsState)).toEqual([
      'not-read',
      'not-read',
      'not-read',
      'read',
      'read',
      'read',
      'read',
      'read',
      'read',
      'read',
    ]);
    // Read and empty: not set on the account (no line, never a 0); before the read: unknown.
    expect(series.points.map((p) => p.dailyLimit)).toEqual(Array(10).fill(null));
    expect(series.points[3]).toMatchObject({ settingsState: 'read', dailyLimit: null, sendingGap: 10 });
  });

  it('a setting not set on read days gets a notice in the shared wording; set settings get none', () => {
    const partly = buildChartSeries(
      base({
        history: [point('2026-03-08T09:00:00.000Z', { daily_limit: null, sending_gap: null }, 'read')],
      }),
    );
    expect(partly.notices.find((n) => n.code === 'settings-not-set')?.message).toBe(
      "Daily limit and sending gap: not set (Instantly's default) on 3 days of this range, where the chart draws no line for them.",
    );
    const whole = buildChartSeries(base({ history: [point('2026-01-08', { daily_limit: null })] }));
    expect(whole.notices.find((n) => n.code === 'settings-not-set')?.message).toBe(
      "Daily limit: not set (Instantly's default) in this range, so the chart draws no line for it.",
    );
    const set = buildChartSeries(base({ history: [point('2026-01-08')] }));
    expect(set.notices.map((n) => n.code)).not.toContain('settings-not-set');
    // Never read: nothing is "not set", the history notice says the lines start later.
    const unread = buildChartSeries(base());
    expect(unread.notices.map((n) => n.code)).not.toContain('settings-not-set');
    expect(unread.points.every((p) => p.settingsState === 'not-read')).toBe(true);
  });

  it('a limit removed in Instantly is a marker to "not set (Instantly\'s default)", and no line after it', () => {
    const series = buildChartSeries(
      base({
        history: [point('2026-01-08'), point('2026-03-05T12:00:00.000Z', { daily_limit: null }, 'read')],
      }),
    );
    expect(series.markers.map((m) => m.label)).toEqual(["Daily limit 30 → not set (Instantly's default)"]);
    expect(series.points.map((p) => p.dailyLimit)).toEqual([
      30,
      30,
      30,
      30,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('the series is what the API schema promises (the route parses it before sending)', () => {
    const series = buildChartSeries(
      base({ history: [point('2026-03-04T09:00:00.000Z', { daily_limit: null }, 'read')] }),
    );
    const answer = { range: '30', from: '2026-03-01', to: '2026-03-10', score: 90, ...series };
    expect(accountAnalyticsSchema.parse(answer).points).toEqual(series.points);
    expect(() =>
      accountAnalyticsSchema.parse({
        ...answer,
        points: [{ ...series.points[0], settingsState: 'unknown' }],
      }),
    ).toThrow();
  });

  it('property: for any history, each day shows the latest value observed on or before it', () => {
    const day = fc.integer({ min: 0, max: 60 }).map((n) => addDays('2026-01-15', n));
    fc.assert(
      fc.property(fc.array(fc.tuple(day, fc.integer({ min: 1, max: 200 })), { maxLength: 12 }), (changes) => {
        const history = changes
          .map(([date, limit], i) =>
            point(`${date}T${String(i % 24).padStart(2, '0')}:00:00.000Z`, { daily_limit: limit }),
          )
          .sort((a, b) => (a.observed_at < b.observed_at ? -1 : 1));
        const series = buildChartSeries(base({ from: '2026-02-01', to: '2026-03-10', history }));
        for (const p of series.points) {
          const last = history.filter((h) => h.observed_at.slice(0, 10) <= p.date).pop();
          expect(p.dailyLimit).toBe(last?.daily_limit ?? null);
        }
        expect(series.points).toHaveLength(datesBetween('2026-02-01', '2026-03-10').length);
      }),
      { numRuns: 200 },
    );
  });
});
