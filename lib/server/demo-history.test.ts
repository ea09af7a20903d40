import { describe, expect, it } from 'vitest';
import { listAll } from '@/lib/simulator/test-helpers';
import { fleetFixture } from '@/lib/store/fleet-test-helpers';
import { getIndexedRaw, upsertAccounts } from '@/lib/store/accounts-index';
import { hasSeededHistory, seedSettingsHistory } from '@/lib/store/history-seed';
import { testDb } from '@/lib/store/test-db';
import { recordSettings, settingsHistory } from '@/lib/store/settings-history';
import { countWarmupDays, upsertWarmupDays } from '@/lib/store/warmup-daily';
import { startSync } from '@/lib/worker/sync';
import { readAccountDetail } from './account-detail';
import { loadAccountAnalytics } from './account-analytics';
import { seedDemoAccount, seedDemoHistory } from './demo-history';
import { resetProcessSingleton } from './singleton';

const DAY = 86_400_000;

describe('demo history seeding', () => {
  it('after the first sync every demo account has its 90-day story, ending at its current values, with no duplicate point', async () => {
    const { db, client, sim } = await fleetFixture();
    await (
      await startSync(db, 'demo', client)
    ).done;
    const timeline = (email: string) => sim.settingsTimeline('demo', email);
    expect(await seedDemoHistory(db, timeline)).toBe(500);
    expect(await seedDemoHistory(db, timeline)).toBe(0);

    let storied = 0;
    const emails = (
      await db.selectFrom('accounts').select('email').where('workspace_id', '=', 'demo').execute()
    ).map((r) => r.email);
    for (const email of emails) {
      const history = await settingsHistory(db, 'demo', email, '');
      const story = timeline(email) ?? [];
      // Only seeded points remain: the sync's own "now" point repeated the seed's last day and was dropped.
      expect(history.every((p) => p.source === 'seed')).toBe(true);
      expect(
        history.map((p) => [p.observed_at.slice(0, 10), p.daily_limit, p.sending_gap, p.warmup_limit]),
      ).toEqual(story.map((p) => [p.date, p.daily_limit, p.sending_gap, p.warmup_limit]));
      const raw = await getIndexedRaw(db, 'demo', email);
      expect(history.at(-1)?.daily_limit).toBe(raw?.daily_limit ?? null);
      // The increment is the account's own (from the simulator: the indexed list row carries none).
      expect(history.at(-1)?.warmup_increment).toBe(story.at(-1)?.warmup_increment ?? null);
      if (history.length >= 3) storied++;
    }
    expect(storied).toBeGreaterThan(20);
  });

  it('drops the demo’s stored warmup days once per process (an earlier story’s), and no other workspace’s', async () => {
    const db = await testDb();
    const day = { email: 'a@x.io', day: '2026-01-01', sent: 5, landed_inbox: 5, landed_spam: 0, received: 5 };
    await upsertWarmupDays(db, 'demo', [{ ...day, health_score: null }], 'T1');
    await upsertWarmupDays(db, 'ws_real', [{ ...day, health_score: null }], 'T1');
    await seedDemoHistory(db, () => undefined);
    expect(await countWarmupDays(db, 'demo')).toBe(0);
    expect(await countWarmupDays(db, 'ws_real')).toBe(1);
    // Days the daily fetch stores after that, from this process's simulator, stay.
    await upsertWarmupDays(db, 'demo', [{ ...day, health_score: null }], 'T2');
    await seedDemoHistory(db, () => undefined);
    expect(await countWarmupDays(db, 'demo')).toBe(1);
  });

  it('leaves real workspaces alone, and an already seeded account is never seeded twice', async () => {
    const db = await testDb();
    const timeline = () => [{ date: '2026-01-01', daily_limit: 10, sending_gap: 5, warmup_limit: 10 }];
    expect(await seedDemoAccount(db, 'ws_real', { email: 'a@x.io' }, timeline)).toBe(false);
    expect(await settingsHistory(db, 'ws_real', 'a@x.io', '')).toEqual([]);
    expect(await seedDemoAccount(db, 'demo', { email: 'a@x.io' }, timeline)).toBe(true);
    expect(
      await seedDemoAccount(db, 'demo', { email: 'a@x.io' }, () => [
        { date: '2026-01-02', daily_limit: 99, sending_gap: 5, warmup_limit: 10 },
      ]),
    ).toBe(false);
    expect((await settingsHistory(db, 'demo', 'a@x.io', '')).map((p) => p.daily_limit)).toEqual([10]);
    expect(await hasSeededHistory(db, 'demo', 'a@x.io')).toBe(true);
  });

  it('a new process (a simulator built on a later day) rewrites the stored seeds, keeping real points', async () => {
    const db = await testDb();
    await upsertAccounts(
      db,
      'demo',
      [{ email: 'a@x.io', daily_limit: 40, sending_gap: 5, warmup: { limit: 10 } }],
      {
        now: '2026-03-10T12:00:00.000Z',
      },
    );
    const story = (shift: number) => () => [
      { date: `2026-01-0${1 + shift}`, daily_limit: 30, sending_gap: 5, warmup_limit: 10 },
      { date: `2026-02-0${1 + shift}`, daily_limit: 40, sending_gap: 5, warmup_limit: 10 },
    ];
    resetProcessSingleton('demo-history-refreshed');
    expect(await seedDemoHistory(db, story(0))).toBe(1);
    await recordSettings(
      db,
      'demo',
      'a@x.io',
      { daily_limit: 55, sending_gap: 5, warmup_limit: 10, warmup_increment: null, warmup_reply_rate: null },
      '2026-03-11T09:00:00.000Z',
      'dashboard',
    );
    // Same process: nothing to do.
    expect(await seedDemoHistory(db, story(3))).toBe(0);
    // Restart: the simulator's story moved by 3 days; the seeds follow it, the dashboard point stays.
    resetProcessSingleton('demo-history-refreshed');
    expect(await seedDemoHistory(db, story(3))).toBe(1);
    expect(
      (await settingsHistory(db, 'demo', 'a@x.io', '')).map((p) => [
        p.observed_at.slice(0, 10),
        p.daily_limit,
        p.source,
      ]),
    ).toEqual([
      ['2026-01-04', 30, 'seed'],
      ['2026-02-04', 40, 'seed'],
      ['2026-03-11', 55, 'dashboard'],
    ]);
  });

  it('pruning keeps real changes recorded before the seed and drops only repeats', async () => {
    const db = await testDb();
    const snap = {
      daily_limit: 50,
      sending_gap: 5,
      warmup_limit: 10,
      warmup_increment: null,
      warmup_reply_rate: null,
    };
    await recordSettings(db, 'demo', 'a@x.io', snap, '2026-03-10T12:00:00.000Z', 'sync');
    await recordSettings(
      db,
      'demo',
      'a@x.io',
      { ...snap, daily_limit: 70 },
      '2026-03-10T13:00:00.000Z',
      'dashboard',
    );
    await seedSettingsHistory(db, 'demo', { email: 'a@x.io' }, [
      { date: '2026-01-01', daily_limit: 30, sending_gap: 5, warmup_limit: 10 },
      { date: '2026-03-10', daily_limit: 50, sending_gap: 5, warmup_limit: 10 },
    ]);
    expect((await settingsHistory(db, 'demo', 'a@x.io', '')).map((p) => [p.daily_limit, p.source])).toEqual([
      [30, 'seed'],
      [50, 'seed'],
      [70, 'dashboard'],
    ]);
  });

  it('opening a demo account before any sync seeds it first, so the read adds no point and the chart tells the story', async () => {
    const { db, client, sim, clock } = await fleetFixture();
    const list = (await listAll(sim)) as unknown as {
      items: Array<{ email: string; warmup?: { increment?: string; reply_rate?: number } }>;
    };
    // The "limit raised, health dipped, limit lowered, recovery" archetype: a raise followed by a cut.
    const hurt = list.items.find((a) => {
      const limits = (sim.settingsTimeline('demo', a.email) ?? []).map((p) => p.daily_limit ?? 0);
      return (
        limits.length === 3 &&
        (limits[1] as number) > (limits[0] as number) &&
        (limits[2] as number) < (limits[1] as number)
      );
    });
    expect(hurt).toBeDefined();
    const email = hurt?.email as string;
    const ctx = {
      db,
      client,
      workspace: { id: 'demo', label: 'Demo', kind: 'demo' as const },
      now: () => new Date(clock.now()),
    };
    // The default timeline is the process simulator; the fixture's own simulator stands in for it here.
    expect(
      await seedDemoAccount(db, 'demo', hurt as { email: string }, (e) => sim.settingsTimeline('demo', e)),
    ).toBe(true);
    await readAccountDetail(ctx, email);
    expect((await settingsHistory(db, 'demo', email, '')).every((p) => p.source === 'seed')).toBe(true);

    const analytics = await loadAccountAnalytics(ctx, email, '90');
    expect(analytics.history.state).toBe('seeded');
    const seeded = analytics.markers.filter((m) => m.source === 'seed');
    expect(seeded).toHaveLength(2);
    const [raise, lower] = seeded;
    expect(raise?.changes[0]?.field).toBe('dailyLimit');
    expect(Number(raise?.changes[0]?.to)).toBeGreaterThan(Number(raise?.changes[0]?.from));
    expect(Number(lower?.changes[0]?.to)).toBeLessThan(Number(lower?.changes[0]?.from));
    // Health over the week before the cut is well below the week before the raise.
    const weekBefore = (date: string) => analytics.points.find((p) => p.date === date)?.health7d ?? null;
    const dayBefore = (date: string) =>
      new Date(Date.parse(`${date}T00:00:00Z`) - DAY).toISOString().slice(0, 10);
    const beforeRaise = weekBefore(dayBefore(raise?.date as string));
    const beforeLower = weekBefore(dayBefore(lower?.date as string));
    expect(beforeRaise).not.toBeNull();
    expect(beforeLower).not.toBeNull();
    expect(beforeLower as number).toBeLessThan((beforeRaise as number) - 5);
  });
});
