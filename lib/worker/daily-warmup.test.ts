import { describe, expect, it } from 'vitest';
import { InstantlyClient } from '@/lib/instantly/client';
import { RateBudget } from '@/lib/instantly/rate-budget';
import type { FaultRuleInput } from '@/lib/schemas/simulator-faults';
import { loadAccountAnalytics } from '@/lib/server/account-analytics';
import type { AccountContext } from '@/lib/server/account-detail';
import { addDays, toDate } from '@/lib/server/chart-series';
import { DEMO_KEY, demoSpec, testSimulator } from '@/lib/simulator/test-helpers';
import { indexedEmails } from '@/lib/store/accounts-index';
import { testDb } from '@/lib/store/test-db';
import {
  countWarmupDays,
  recordWarmupRun,
  storedWarmupDays,
  upsertWarmupDays,
  warmupRunOn,
} from '@/lib/store/warmup-daily';
import { WARMUP_DAYS_KEPT, runDailyWarmupAnalytics } from './daily-warmup';
import { startSync } from './sync';

const DAY_MS = 86_400_000;
const WARMUP_PATH = '/api/v2/accounts/warmup-analytics';

type WarmupAnswer = {
  email_date_data: Record<string, Record<string, { sent?: number }>>;
  aggregate_data: Record<string, { health_score?: number }>;
};

/**
 * A simulated workspace of `accounts` accounts, indexed by a real sync, and a real client to it that
 * records the emails of every warmup-analytics call. `beforeWarmupCall(n)` runs before the n-th such
 * call reaches the simulator (to inject a fault for that call only); `trimToDays` plays an Instantly
 * whose window is shorter than the simulator's 90 days.
 */
async function fixture(accounts = 250) {
  const { sim, clock } = testSimulator({ workspaces: [demoSpec({ accounts })] });
  const db = await testDb();
  const warmupCalls: string[][] = [];
  const hooks: { beforeWarmupCall?: (n: number) => Promise<void>; trimToDays?: number } = {};
  const client = new InstantlyClient({
    apiKey: DEMO_KEY,
    baseUrl: 'http://sim.test',
    budget: new RateBudget({ perSecond: 10_000, perMinute: 1_000_000 }),
    transport: async (request) => {
      if (new URL(request.url).pathname !== WARMUP_PATH) return sim.handle(request);
      const { emails } = JSON.parse(await request.clone().text()) as { emails: string[] };
      warmupCalls.push(emails);
      await hooks.beforeWarmupCall?.(warmupCalls.length);
      const response = await sim.handle(request);
      if (hooks.trimToDays === undefined || !response.ok) return response;
      const answer = (await response.json()) as WarmupAnswer;
      const oldest = addDays(toDate(clock.now()), -(hooks.trimToDays - 1));
      for (const days of Object.values(answer.email_date_data)) {
        for (const day of Object.keys(days)) if (day < oldest) delete days[day];
      }
      return Response.json(answer);
    },
    random: () => 0,
    sleep: async () => undefined,
  });
  const synced = await (await startSync(db, 'w1', client)).done;
  expect(synced).toMatchObject({ ok: true, accounts });
  const fault = (rule: FaultRuleInput) =>
    sim.handleControl(
      new Request('http://sim.test/_control', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ rules: [rule] }),
      }),
    );
  return { sim, clock, db, client, warmupCalls, hooks, fault };
}

/** An account of the index with at least `minSendDays` stored days with warmup sends. */
async function busyAccount(
  db: Awaited<ReturnType<typeof testDb>>,
  now: number,
  minSendDays = 60,
): Promise<string> {
  const today = toDate(now);
  for (const email of await indexedEmails(db, 'w1')) {
    const days = await storedWarmupDays(db, 'w1', email, addDays(today, -89), today);
    if (days.filter((d) => d.sent > 0).length >= minSendDays) return email;
  }
  throw new Error(`no account with ${minSendDays} days of warmup sends`);
}

describe('runDailyWarmupAnalytics', () => {
  it('asks for 100 emails a call (250 accounts: 3 calls) and stores every day of every account', async () => {
    const { db, client, clock, warmupCalls } = await fixture(250);
    const result = await runDailyWarmupAnalytics(db, 'w1', client, clock.now());
    expect(result).toEqual({ accounts: 250, calls: 3, failedCalls: 0, failedEmails: 0, skipped: false });
    expect(warmupCalls.map((emails) => emails.length)).toEqual([100, 100, 50]);
    // Every indexed email asked for exactly once.
    expect(new Set(warmupCalls.flat())).toEqual(new Set(await indexedEmails(db, 'w1')));

    const email = await busyAccount(db, clock.now());
    const today = toDate(clock.now());
    const days = await storedWarmupDays(db, 'w1', email, addDays(today, -89), today);
    // Every day of the answered span, the days Instantly left out (no sends) as zeros.
    expect(days.map((d) => d.day)).toEqual(
      Array.from({ length: days.length }, (_, i) => addDays(days[0]!.day, i)),
    );
    expect(days.at(-1)).toMatchObject({ day: today });
    // Weekday-only and paused accounts have unlisted days inside their span: stored as zeros.
    const zeroDays = await Promise.all(
      (await indexedEmails(db, 'w1')).map(async (e) =>
        (await storedWarmupDays(db, 'w1', e, addDays(today, -89), today)).filter((d) => d.sent === 0),
      ),
    );
    expect(zeroDays.flat().length).toBeGreaterThan(0);
    // Only today's row carries Instantly's score (the aggregate is "as of now").
    expect(days.filter((d) => d.health_score !== null).map((d) => d.day)).toEqual([today]);
    expect(await warmupRunOn(db, 'w1', today)).toMatchObject({ accounts: 250, calls: 3, failed_calls: 0 });
  });

  it('runs once per UTC day: a second run today fetches nothing, tomorrow it replaces the stored days', async () => {
    const { db, client, clock, warmupCalls } = await fixture(120);
    await runDailyWarmupAnalytics(db, 'w1', client, clock.now());
    const stored = await countWarmupDays(db, 'w1');
    const again = await runDailyWarmupAnalytics(db, 'w1', client, clock.now() + 60_000);
    expect(again).toMatchObject({ accounts: 120, calls: 0, skipped: true });
    expect(warmupCalls).toHaveLength(2);

    clock.advance(DAY_MS);
    const tomorrow = await runDailyWarmupAnalytics(db, 'w1', client, clock.now());
    expect(tomorrow).toMatchObject({ calls: 2, skipped: false });
    // Yesterday's rows were replaced, not doubled: at most one new day per account.
    expect(await countWarmupDays(db, 'w1')).toBeLessThanOrEqual(stored + 120);
    expect(await countWarmupDays(db, 'w1')).toBeGreaterThan(stored);
    const email = await busyAccount(db, clock.now());
    const today = toDate(clock.now());
    const yesterday = addDays(today, -1);
    const [before, now] = await storedWarmupDays(db, 'w1', email, yesterday, today);
    // Yesterday keeps the score it was fetched with; today has its own.
    expect(before).toMatchObject({ day: yesterday, health_score: expect.any(Number) });
    expect(now).toMatchObject({ day: today, health_score: expect.any(Number) });
  });

  it(`keeps ${WARMUP_DAYS_KEPT} days: older stored days and run records go with the daily run, also a skipped one`, async () => {
    const { db, client, clock } = await fixture(20);
    const today = toDate(clock.now());
    const oldestKept = addDays(today, -(WARMUP_DAYS_KEPT - 1));
    const [email] = await indexedEmails(db, 'w1');
    const day = (d: string) => ({
      email: email!,
      day: d,
      sent: 3,
      landed_inbox: 3,
      landed_spam: 0,
      received: 2,
      health_score: null,
    });
    const run = (d: string) => ({
      workspace_id: 'w1',
      day: d,
      finished_at: `${d}T06:00:00.000Z`,
      accounts: 20,
      calls: 1,
      failed_calls: 0,
      failed_emails: 0,
      error: null,
    });
    const lapsed = addDays(oldestKept, -1);
    const ancient = addDays(today, -900);
    await upsertWarmupDays(db, 'w1', [day(ancient), day(lapsed), day(oldestKept)], `${today}T00:00:00.000Z`);
    await upsertWarmupDays(db, 'other', [day(ancient)], `${today}T00:00:00.000Z`);
    for (const d of [ancient, lapsed, oldestKept]) await recordWarmupRun(db, run(d));

    await runDailyWarmupAnalytics(db, 'w1', client, clock.now());
    const kept = await storedWarmupDays(db, 'w1', email!, ancient, today);
    expect(kept.map((d) => d.day).filter((d) => d <= oldestKept)).toEqual([oldestKept]);
    expect(await warmupRunOn(db, 'w1', lapsed)).toBeNull();
    expect(await warmupRunOn(db, 'w1', oldestKept)).not.toBeNull();
    // Only this workspace's days: another's are pruned by its own run.
    expect(await countWarmupDays(db, 'other')).toBe(1);

    // Tomorrow, even a run that fetches nothing more (done already) lets the next day lapse.
    await recordWarmupRun(db, run(addDays(today, 1)));
    const tomorrow = await runDailyWarmupAnalytics(db, 'w1', client, clock.now() + DAY_MS);
    expect(tomorrow.skipped).toBe(true);
    expect(await storedWarmupDays(db, 'w1', email!, oldestKept, oldestKept)).toEqual([]);
  });

  it('one failing call loses only its own accounts; the run says what failed and a rerun completes it', async () => {
    const { db, client, clock, hooks, fault, warmupCalls } = await fixture(250);
    hooks.beforeWarmupCall = async (n) => {
      if (n === 2)
        await fault({ kind: 'error', status: 500, path: '^/accounts/warmup-analytics$', count: 1 });
    };
    const result = await runDailyWarmupAnalytics(db, 'w1', client, clock.now());
    expect(result).toEqual({ accounts: 150, calls: 3, failedCalls: 1, failedEmails: 100, skipped: false });
    const today = toDate(clock.now());
    const run = await warmupRunOn(db, 'w1', today);
    expect(run).toMatchObject({ failed_calls: 1, failed_emails: 100 });
    expect(run?.error).toMatch(/HTTP 500/);
    // The first and third calls' accounts are stored, the second call's are not.
    const [first, second, third] = warmupCalls as [string[], string[], string[]];
    const storedFor = async (email: string) =>
      (await storedWarmupDays(db, 'w1', email, addDays(today, -89), today)).length;
    expect(await storedFor(first[0]!)).toBeGreaterThan(0);
    expect(await storedFor(third[0]!)).toBeGreaterThan(0);
    expect(await Promise.all(second.map(storedFor))).toEqual(second.map(() => 0));

    // Not done today, so the next run fetches again and fills the missing accounts.
    hooks.beforeWarmupCall = undefined;
    const rerun = await runDailyWarmupAnalytics(db, 'w1', client, clock.now() + 60_000);
    expect(rerun).toMatchObject({ accounts: 250, calls: 3, failedCalls: 0 });
    expect(await storedFor(second[0]!)).toBeGreaterThan(0);
  });

  it('stops at a refused key: every later call would fail the same way', async () => {
    const { db, client, clock, hooks, fault, warmupCalls } = await fixture(250);
    hooks.beforeWarmupCall = async (n) => {
      if (n === 1) await fault({ kind: 'error', status: 401, path: '^/accounts/warmup-analytics$' });
    };
    const result = await runDailyWarmupAnalytics(db, 'w1', client, clock.now());
    expect(result).toEqual({ accounts: 0, calls: 1, failedCalls: 1, failedEmails: 250, skipped: false });
    expect(warmupCalls).toHaveLength(1);
    expect(await countWarmupDays(db, 'w1')).toBe(0);
  });
});

describe('the health chart over stored days', () => {
  it('reaches back past Instantly’s window through the stored days, and shows a gap where none exist', async () => {
    const { db, client, clock, hooks } = await fixture(100);
    const ctx: AccountContext = {
      db,
      workspace: { id: 'w1', label: 'Acme', kind: 'user' },
      client,
      now: () => new Date(clock.now()),
    };
    // Fetched daily for 30 days while Instantly answers for 14 days only.
    hooks.trimToDays = 14;
    const start = clock.now();
    for (let d = 0; d < 30; d++) {
      await runDailyWarmupAnalytics(db, 'w1', client, start + d * DAY_MS);
      clock.set(start + (d + 1) * DAY_MS);
    }
    clock.set(start + 29 * DAY_MS);
    const email = await busyAccount(db, clock.now(), 25);
    const chart = await loadAccountAnalytics(ctx, email, '90');
    const today = toDate(clock.now());
    const firstStored = (await storedWarmupDays(db, 'w1', email, addDays(today, -89), today))[0]!.day;
    const byDay = new Map(chart.points.map((p) => [p.date, p]));
    // The live answer covers 14 days; the stored days reach back to the first fetch's window.
    expect(firstStored <= addDays(toDate(start), -13)).toBe(true);
    expect(chart.points.filter((p) => p.warmupSent !== null).length).toBeGreaterThan(14);
    expect(chart.points.filter((p) => p.date >= firstStored).every((p) => p.warmupSent !== null)).toBe(true);
    expect(
      chart.points.filter((p) => (p.warmupSent ?? 0) > 0 && p.date < addDays(today, -13)).length,
    ).toBeGreaterThan(0);
    // Before anything was fetched: unknown, drawn as a gap rather than a zero.
    const before = chart.points.filter((p) => p.date < firstStored);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((p) => p.warmupSent === null && p.inbox === null && p.health === null)).toBe(true);
    expect(byDay.get(today)?.warmupSent).not.toBeNull();
  });

  it('when Instantly cannot answer, the stored days still draw the chart, flagged; with none stored it fails', async () => {
    const { db, client, clock, fault } = await fixture(100);
    const ctx: AccountContext = {
      db,
      workspace: { id: 'w1', label: 'Acme', kind: 'user' },
      client,
      now: () => new Date(clock.now()),
    };
    const [withDays, withoutDays] = (await indexedEmails(db, 'w1')) as [string, string];
    await runDailyWarmupAnalytics(db, 'w1', client, clock.now());
    await db.deleteFrom('warmup_daily').where('email', '=', withoutDays.toLowerCase()).execute();
    const full = await loadAccountAnalytics(ctx, withDays, '30');
    await fault({ kind: 'error', status: 500, path: '^/accounts/warmup-analytics$' });

    const fallback = await loadAccountAnalytics(ctx, withDays, '30');
    expect(fallback.notices.map((n) => n.code)).toContain('warmup-stored-only');
    // Fetched today, so the stored days are the same days the live answer gave.
    expect(fallback.points.map((p) => [p.date, p.warmupSent, p.health])).toEqual(
      full.points.map((p) => [p.date, p.warmupSent, p.health]),
    );
    await expect(loadAccountAnalytics(ctx, withoutDays, '30')).rejects.toMatchObject({ status: 500 });
  });
});
