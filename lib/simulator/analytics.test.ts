import 'server-only';
import { describe, expect, it } from 'vitest';
import {
  dailyAccountAnalyticsSchema,
  testVitalsResponseSchema,
  warmupAnalyticsSchema,
} from '@/lib/schemas/instantly-analytics';
import { dayToDate, dayOf } from './dates';
import { call, listAll, T0, testSimulator } from './test-helpers';

// Warmup analytics, daily campaign analytics, vitals and CTD (REFERENCE §4.9–§4.12).

const { sim } = testSimulator();
const items = (await listAll(sim)).items as Array<Record<string, unknown> & { email: string }>;
const today = dayOf(T0);

type Analytics = {
  email_date_data: Record<string, Record<string, Record<string, number>>>;
  aggregate_data: Record<string, Record<string, number | string>>;
};

async function warmup(emails: string[]): Promise<Analytics> {
  const res = await call(sim, 'POST', '/accounts/warmup-analytics', { body: { emails } });
  expect(res.status).toBe(200);
  expect(warmupAnalyticsSchema.safeParse(res.body).success).toBe(true);
  return res.body as Analytics;
}

describe('POST /accounts/warmup-analytics', () => {
  it('health_score = round(100 × landed_inbox / sent) over the last 7 days and equals stat_warmup_score', async () => {
    for (let i = 0; i < items.length; i += 100) {
      const batch = items.slice(i, i + 100);
      const body = await warmup(batch.map((a) => a.email));
      for (const account of batch) {
        const aggregate = body.aggregate_data[account.email];
        expect(aggregate, account.email).toBeDefined();
        const sent = Number(aggregate?.sent);
        const inbox = Number(aggregate?.landed_inbox);
        const score = sent > 0 ? Math.round((100 * inbox) / sent) : 0;
        expect(aggregate?.health_score).toBe(score);
        expect(aggregate?.health_score_label).toBe(`${score}%`);
        expect(account.stat_warmup_score).toBe(score);
      }
    }
  });

  it('gives up to 90 days of history, days with sends only, integers, zero counters omitted', async () => {
    const active = items.filter((a) => a.status === 1 && a.warmup_status === 1).slice(0, 50);
    const body = await warmup(active.map((a) => a.email));
    let spamOmitted = 0;
    for (const account of active) {
      const days = body.email_date_data[account.email] ?? {};
      const dates = Object.keys(days);
      expect(dates.length).toBeGreaterThan(0);
      expect(dates.length).toBeLessThanOrEqual(90);
      for (const date of dates) {
        expect(date >= dayToDate(today - 89) && date <= dayToDate(today)).toBe(true);
        const stats = days[date] as Record<string, number>;
        expect(stats.sent).toBeGreaterThan(0);
        for (const value of Object.values(stats)) expect(Number.isInteger(value)).toBe(true);
        expect((stats.landed_inbox ?? 0) + (stats.landed_spam ?? 0)).toBe(stats.sent);
        if (stats.landed_spam === undefined) spamOmitted++;
      }
      // The last 7 days of history add up to the aggregate.
      const week = dates.filter((d) => d > dayToDate(today - 7));
      const sent = week.reduce((sum, d) => sum + (days[d]?.sent ?? 0), 0);
      expect(body.aggregate_data[account.email]?.sent).toBe(sent);
    }
    expect(spamOmitted).toBeGreaterThan(0);
  });

  it('silently ignores addresses that are not accounts', async () => {
    expect(await warmup(['nobody@nowhere-at-all.test'])).toEqual({ email_date_data: {}, aggregate_data: {} });
    const mixed = await warmup([items[0]?.email as string, 'nobody@nowhere-at-all.test']);
    expect(Object.keys(mixed.aggregate_data)).toEqual([items[0]?.email]);
  });

  it('the limit-increase story shows up as a dip in inbox placement', async () => {
    // Hurt accounts: their settings timeline has a raise followed by a cut.
    const hurt = items.find((a) => {
      const timeline = sim.settingsTimeline('demo', a.email) ?? [];
      const limits = timeline.map((p) => p.daily_limit ?? 0);
      return (
        limits.length === 3 &&
        (limits[1] as number) > (limits[0] as number) * 1.8 &&
        (limits[2] as number) < (limits[1] as number)
      );
    });
    expect(hurt).toBeDefined();
    const timeline = sim.settingsTimeline('demo', hurt?.email as string) ?? [];
    const raise = timeline[1]?.date as string;
    const lower = timeline[2]?.date as string;
    const days = (await warmup([hurt?.email as string])).email_date_data[hurt?.email as string] ?? {};
    const rate = (from: string, to: string) => {
      const picked = Object.entries(days).filter(([d]) => d >= from && d < to);
      const sent = picked.reduce((s, [, v]) => s + (v.sent ?? 0), 0);
      return picked.reduce((s, [, v]) => s + (v.landed_inbox ?? 0), 0) / sent;
    };
    const dayMs = 86_400_000;
    const shift = (date: string, n: number) => dayToDate(Date.parse(date) / dayMs + n);
    const before = rate(shift(raise, -14), raise);
    const trough = rate(shift(lower, -4), lower);
    const recovered = rate(shift(lower, 14), dayToDate(today + 1));
    expect(trough).toBeLessThan(before - 0.1);
    expect(recovered).toBeGreaterThan(trough + 0.1);
  });
});

describe('GET /accounts/analytics/daily', () => {
  const active = items.filter(
    (a) => a.status === 1 && typeof a.timestamp_last_used === 'string' && a.daily_limit !== undefined,
  );

  it('413 without emails, with more than 200, or for a window over 31 days', async () => {
    const tooLarge = {
      statusCode: 413,
      error: 'Payload Too Large',
      message:
        'Analytics request is too large for this workspace. Add an emails filter or request a smaller date range.',
    };
    expect((await call(sim, 'GET', '/accounts/analytics/daily')).body).toEqual(tooLarge);
    const many = Array.from({ length: 201 }, (_, i) => `a${i}@b.co`);
    expect((await call(sim, 'GET', '/accounts/analytics/daily', { query: { emails: many } })).status).toBe(
      413,
    );
    const wide = await call(sim, 'GET', '/accounts/analytics/daily', {
      query: { emails: [active[0]?.email as string], start_date: '2026-06-01', end_date: '2026-07-15' },
    });
    expect(wide.status).toBe(413);
  });

  it('400 {"message"} when start is after end', async () => {
    const res = await call(sim, 'GET', '/accounts/analytics/daily', {
      query: { emails: [active[0]?.email as string], start_date: '2026-08-10', end_date: '2026-08-01' },
    });
    expect(res.status).toBe(400);
    expect(res.text).toBe('{"message":"Start Date must be earlier than End Date"}');
  });

  it('rows only for days with sends, integers, never above the daily limit, busier on weekdays', async () => {
    const emails = active.slice(0, 150).map((a) => a.email);
    const res = await call(sim, 'GET', '/accounts/analytics/daily', {
      query: { emails, start_date: dayToDate(today - 29), end_date: dayToDate(today) },
    });
    expect(res.status).toBe(200);
    expect(dailyAccountAnalyticsSchema.safeParse(res.body).success).toBe(true);
    const rows = res.body as Array<Record<string, number | string>>;
    expect(rows.length).toBeGreaterThan(1000);
    let weekday = 0;
    let weekend = 0;
    for (const row of rows) {
      expect(emails).toContain(row.email_account);
      expect(Number(row.sent)).toBeGreaterThan(0);
      for (const [key, value] of Object.entries(row))
        if (key !== 'date' && key !== 'email_account') expect(Number.isInteger(value)).toBe(true);
      const limit = sim
        .settingsTimeline('demo', row.email_account as string)
        ?.filter((p) => p.date <= (row.date as string))
        .pop()?.daily_limit;
      expect(Number(row.sent)).toBeLessThanOrEqual(limit as number);
      expect(Number(row.bounced)).toBeLessThanOrEqual(Number(row.sent));
      expect(Number(row.unique_replies)).toBeLessThanOrEqual(Number(row.replies));
      const dow = new Date(`${row.date as string}T00:00:00Z`).getUTCDay();
      if (dow === 0 || dow === 6) weekend += Number(row.sent);
      else weekday += Number(row.sent);
    }
    expect(weekday).toBeGreaterThan(weekend * 5);
  });

  it('has no rows for paused accounts after they were paused, nor for unknown addresses', async () => {
    const res = await call(sim, 'GET', '/accounts/analytics/daily', {
      query: { emails: ['nobody@nowhere-at-all.test'] },
    });
    expect(res.body).toEqual([]);
    const paused = items
      .filter((a) => a.status === 2 && typeof a.timestamp_last_used === 'string')
      .slice(0, 20);
    const rows = (
      await call(sim, 'GET', '/accounts/analytics/daily', { query: { emails: paused.map((a) => a.email) } })
    ).body as Array<{
      email_account: string;
      date: string;
    }>;
    for (const row of rows) {
      const lastUsed = paused.find((a) => a.email === row.email_account)?.timestamp_last_used as string;
      expect(row.date <= lastUsed.slice(0, 10)).toBe(true);
    }
  });
});

describe('POST /accounts/test/vitals', () => {
  it('answers per domain; most pass, some fail, the DNS-outage domain fails everything', async () => {
    const byDomain = new Map<string, string>();
    for (const a of items) byDomain.set(a.email.split('@')[1] as string, a.email);
    const emails = [...byDomain.values()];
    const res = await call(sim, 'POST', '/accounts/test/vitals', { body: { accounts: emails } });
    expect(res.status).toBe(200);
    const body = testVitalsResponseSchema.parse(res.body);
    expect(body.status).toBe('success');
    expect(body.success_list.length + body.failure_list.length).toBe(byDomain.size);
    expect(body.success_list.length).toBeGreaterThan(body.failure_list.length);
    expect(body.failure_list.length).toBeGreaterThan(0);
    for (const d of body.failure_list) expect(d.allPass).toBe(false);
    const dnsDomain = items
      .find((a) => (a.status_message as { code?: string } | undefined)?.code === 'EDNS' && a.status === -1)
      ?.email.split('@')[1];
    expect(body.failure_list.find((d) => d.domain === dnsDomain)).toMatchObject({
      mx: false,
      spf: false,
      dkim: false,
      dmarc: false,
    });
  });

  it('400 {"error": "Bad request - no emails sent"} for an empty list', async () => {
    const res = await call(sim, 'POST', '/accounts/test/vitals', { body: { accounts: [] } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'Bad request - no emails sent' });
  });
});

describe('GET /accounts/ctd/status', () => {
  it('reports a configured tracking domain, and the recorded shape for an unknown host', async () => {
    const host = items.find((a) => typeof a.tracking_domain_name === 'string')
      ?.tracking_domain_name as string;
    expect((await call(sim, 'GET', '/accounts/ctd/status', { query: { host } })).body).toEqual({
      success: true,
      ssl: true,
      cname: true,
      host,
    });
    expect((await call(sim, 'GET', '/accounts/ctd/status', { query: { host: 'example.com' } })).body).toEqual(
      {
        ssl: false,
        cname: false,
        host: 'example.com',
      },
    );
  });
});

describe('when the calendar day turns', () => {
  it('stat_warmup_score keeps following the 7-day aggregate', async () => {
    const { sim: rolling, clock } = testSimulator();
    clock.advance(2 * 86_400_000);
    const accounts = (await listAll(rolling)).items.slice(0, 100) as Array<{
      email: string;
      stat_warmup_score: number;
    }>;
    const res = await call(rolling, 'POST', '/accounts/warmup-analytics', {
      body: { emails: accounts.map((a) => a.email) },
    });
    const aggregates = (res.body as Analytics).aggregate_data;
    for (const account of accounts)
      expect(account.stat_warmup_score).toBe(aggregates[account.email]?.health_score);
    const dates = Object.keys(
      (res.body as Analytics).email_date_data[
        accounts.find((a) => a.stat_warmup_score > 0)?.email as string
      ] ?? {},
    );
    expect((dates[dates.length - 1] as string) <= dayToDate(today + 2)).toBe(true);
  });
});

describe('after changes through the API', () => {
  it('stat_warmup_score still equals the aggregate health_score', async () => {
    const { sim: live, clock } = testSimulator({ jobSpeed: 1000 });
    const accounts = (await listAll(live)).items as Array<{
      email: string;
      status: number;
      warmup_status: number;
    }>;
    const active = accounts.filter((a) => a.status === 1 && a.warmup_status === 1).slice(0, 6);
    const broken = accounts.filter((a) => a.status < 0).slice(0, 2);
    const path = (a: { email: string }) => `/accounts/${encodeURIComponent(a.email)}`;
    await call(live, 'POST', `${path(active[0]!)}/pause`);
    await call(live, 'POST', `${path(active[1]!)}/pause`);
    await call(live, 'POST', `${path(active[1]!)}/resume`);
    await call(live, 'PATCH', path(active[2]!), { body: { warmup: { limit: 5 } } });
    await call(live, 'POST', '/accounts/pause', { body: { emails: [active[3]!.email] } });
    await call(live, 'POST', `${path(broken[0]!)}/mark-fixed`);
    await call(live, 'POST', '/accounts/warmup/disable', {
      body: { emails: [active[4]!.email, broken[1]!.email] },
    });
    clock.advance(10_000);
    const touched = [...active, ...broken];
    const res = await call(live, 'POST', '/accounts/warmup-analytics', {
      body: { emails: touched.map((a) => a.email) },
    });
    const aggregates = (res.body as Analytics).aggregate_data;
    for (const account of touched) {
      const now = (await call(live, 'GET', path(account))).body as { stat_warmup_score: number };
      expect(now.stat_warmup_score, account.email).toBe(aggregates[account.email]?.health_score);
    }
  });
});
