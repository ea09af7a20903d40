import 'server-only';
import { describe, expect, it } from 'vitest';
import { dayOf, dayToDate } from './dates';
import { call, listAll, T0, testSimulator } from './test-helpers';

// simulator.settingsTimeline(slug, email): dated settings over the last 90 days whose last point is
// the account as the API returns it now; a PATCH appends today's point.

describe('settings timeline', () => {
  it('ends with the current values of every account, dates ascending within the last 90 days', async () => {
    const { sim } = testSimulator();
    const items = (await listAll(sim)).items as Array<Record<string, unknown> & { email: string }>;
    const today = dayToDate(dayOf(T0));
    const windowStart = dayToDate(dayOf(T0) - 89);
    let withChanges = 0;
    for (const row of items) {
      // The warmup limit is in the account's own read, not in its list row.
      const account = (await call(sim, 'GET', `/accounts/${encodeURIComponent(row.email)}`)).body as Record<
        string,
        unknown
      > & { email: string };
      const timeline = sim.settingsTimeline('demo', account.email);
      expect(timeline, account.email).toBeDefined();
      const points = timeline ?? [];
      expect(points.length).toBeGreaterThan(0);
      const last = points[points.length - 1];
      expect(last).toEqual({
        date: last?.date,
        daily_limit: account.daily_limit ?? null,
        sending_gap: account.sending_gap ?? null,
        warmup_limit: (account.warmup as { limit?: number } | undefined)?.limit ?? null,
        warmup_increment: (account.warmup as { increment?: string } | undefined)?.increment ?? null,
        warmup_reply_rate: (account.warmup as { reply_rate?: number } | undefined)?.reply_rate ?? null,
      });
      const dates = points.map((p) => p.date);
      expect([...dates].sort()).toEqual(dates);
      expect(new Set(dates).size).toBe(dates.length);
      expect((dates[0] as string) >= windowStart).toBe(true);
      expect((dates[dates.length - 1] as string) <= today).toBe(true);
      if (points.length > 1) withChanges++;
    }
    expect(withChanges).toBeGreaterThan(50);
  });

  it("a PATCH appends today's point with the new values (and replaces it on a second PATCH the same day)", async () => {
    const { sim, clock } = testSimulator();
    const account = (await listAll(sim)).items.find(
      (a) => a.status === 1 && typeof a.daily_limit === 'number',
    ) as { email: string };
    const before = sim.settingsTimeline('demo', account.email) ?? [];
    const path = `/accounts/${encodeURIComponent(account.email)}`;
    const patched = await call(sim, 'PATCH', path, {
      body: { daily_limit: 45, sending_gap: 12, warmup: { limit: 33 } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ daily_limit: 45, sending_gap: 12, warmup: { limit: 33 } });
    expect((patched.body as { timestamp_updated: string }).timestamp_updated).toBe(
      new Date(clock.now()).toISOString(),
    );
    const after = sim.settingsTimeline('demo', account.email) ?? [];
    expect(after.slice(0, -1)).toEqual(before.filter((p) => p.date !== dayToDate(dayOf(T0))));
    expect(after[after.length - 1]).toMatchObject({
      date: dayToDate(dayOf(T0)),
      daily_limit: 45,
      sending_gap: 12,
      warmup_limit: 33,
    });

    clock.advance(60_000);
    await call(sim, 'PATCH', path, { body: { daily_limit: 40 } });
    const again = sim.settingsTimeline('demo', account.email) ?? [];
    expect(again).toHaveLength(after.length);
    expect(again[again.length - 1]).toMatchObject({
      date: dayToDate(dayOf(T0)),
      daily_limit: 40,
      sending_gap: 12,
      warmup_limit: 33,
    });

    // A change that is not a tracked setting adds no point.
    await call(sim, 'PATCH', path, { body: { first_name: 'Renamed' } });
    expect(sim.settingsTimeline('demo', account.email)).toEqual(again);
  });

  it('is undefined for an unknown workspace or account', () => {
    const { sim } = testSimulator();
    expect(sim.settingsTimeline('nope', 'a@b.co')).toBeUndefined();
    expect(sim.settingsTimeline('demo', 'nobody@nowhere.test')).toBeUndefined();
  });
});
