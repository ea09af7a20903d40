import { describe, expect, it } from 'vitest';
import { InstantlyClient } from '@/lib/instantly/client';
import { RateBudget } from '@/lib/instantly/rate-budget';
import type { FaultRuleInput } from '@/lib/schemas/simulator-faults';
import { DEMO_KEY, T0, testSimulator } from '@/lib/simulator/test-helpers';
import { getIndexedAccount, upsertAccounts } from '@/lib/store/accounts-index';
import { auditForAccount } from '@/lib/store/audit-log';
import { testDb } from '@/lib/store/test-db';
import { settingsHistory } from '@/lib/store/settings-history';
import {
  type AccountSaveContext,
  parseSettingsBody,
  readAccountDetail,
  saveAccountSettings,
} from './account-detail';
import { loadAccountAnalytics } from './account-analytics';
import { ProblemError } from './problem';

/** A simulator, an index and a client that records every upstream call with its body. */
async function fixture(
  faults: FaultRuleInput[] = [],
  timeouts: { readTimeoutMs?: number; writeTimeoutMs?: number } = {},
) {
  const { sim, clock } = testSimulator({ faults });
  const db = await testDb();
  const calls: Array<{ method: string; path: string; body: unknown }> = [];
  const client = new InstantlyClient({
    apiKey: DEMO_KEY,
    baseUrl: 'http://sim.test',
    budget: new RateBudget({ perSecond: 10_000, perMinute: 1_000_000 }),
    transport: async (request) => {
      const text = request.body ? await request.clone().text() : '';
      calls.push({
        method: request.method,
        path: new URL(request.url).pathname,
        body: text ? JSON.parse(text) : undefined,
      });
      return sim.handle(request);
    },
    random: () => 0,
    sleep: async () => undefined,
    ...timeouts,
  });
  // A workspace that is not the demo, so nothing is seeded: these tests are about reads and saves.
  const ctx: AccountSaveContext = {
    db,
    workspace: { id: 'w1', label: 'Acme', kind: 'user' },
    client,
    actor: { id: 'p_ana', name: 'Ana Lima' },
    now: () => new Date(clock.now()),
  };
  return { sim, clock, db, client, calls, ctx };
}

async function activeAccount(sim: ReturnType<typeof testSimulator>['sim']) {
  const res = await sim.handle(
    new Request('http://sim.test/api/v2/accounts?limit=100', {
      headers: { Authorization: `Bearer ${DEMO_KEY}` },
    }),
  );
  const items = (
    (await res.json()) as {
      items: Array<{
        email: string;
        status: number;
        warmup_status: number;
        daily_limit?: number;
        sending_gap?: number;
        warmup?: { limit?: number };
      }>;
    }
  ).items;
  // List rows carry no warmup settings (as real ones): the warmup limit is read from the account itself.
  let found: (typeof items)[number] | undefined;
  for (const row of items) {
    if (row.status !== 1 || row.warmup_status !== 1) continue;
    const detail = await sim.handle(
      new Request(`http://sim.test/api/v2/accounts/${encodeURIComponent(row.email)}`, {
        headers: { Authorization: `Bearer ${DEMO_KEY}` },
      }),
    );
    const a = (await detail.json()) as (typeof items)[number];
    if (
      typeof a.daily_limit === 'number' &&
      typeof a.sending_gap === 'number' &&
      typeof a.warmup?.limit === 'number'
    ) {
      found = a;
      break;
    }
  }
  if (!found) throw new Error('no active account in the simulator');
  return found as { email: string; daily_limit: number; sending_gap: number; warmup: { limit: number } };
}

/** Adds fault rules to a running simulator (through its control endpoint, as the e2e journeys do). */
async function inject(sim: ReturnType<typeof testSimulator>['sim'], rules: FaultRuleInput[]) {
  const response = await sim.handleControl(
    new Request('http://sim.test/_control', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rules }),
    }),
  );
  expect(response.status).toBe(200);
}

async function problemOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProblemError);
  return (error as ProblemError).problem;
}

async function patchDirectly(sim: ReturnType<typeof testSimulator>['sim'], email: string, body: unknown) {
  await sim.handle(
    new Request(`http://sim.test/api/v2/accounts/${encodeURIComponent(email)}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${DEMO_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

describe('readAccountDetail', () => {
  it('reads the account fresh, indexes it, and records a history point only when a value changed', async () => {
    const { sim, clock, db, ctx, calls } = await fixture();
    const account = await activeAccount(sim);
    const detail = await readAccountDetail(ctx, account.email);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      `GET /api/v2/accounts/${encodeURIComponent(account.email)}`,
    ]);
    expect(detail.settings).toMatchObject({
      dailyLimit: account.daily_limit,
      sendingGap: account.sending_gap,
    });
    expect(detail.row.email).toBe(account.email);
    expect((await getIndexedAccount(db, 'w1', account.email))?.dailyLimit).toBe(account.daily_limit);

    clock.advance(60_000);
    await readAccountDetail(ctx, account.email);
    expect(await settingsHistory(db, 'w1', account.email, '')).toHaveLength(1);

    // Changed in Instantly, outside the dashboard: the next read sees it and records it as such.
    await patchDirectly(sim, account.email, { daily_limit: account.daily_limit + 7 });
    clock.advance(60_000);
    await readAccountDetail(ctx, account.email);
    const history = await settingsHistory(db, 'w1', account.email, '');
    expect(history.map((p) => [p.daily_limit, p.source])).toEqual([
      [account.daily_limit, 'read'],
      [account.daily_limit + 7, 'read'],
    ]);
  });

  it('when Instantly cannot be read, answers the indexed copy with its age and why, not an error', async () => {
    const { sim, clock, ctx } = await fixture();
    const account = await activeAccount(sim);
    const first = await readAccountDetail(ctx, account.email);
    expect(first.freshness).toMatchObject({ source: 'instantly', readProblem: null });

    clock.advance(180_000);
    await inject(sim, [{ kind: 'error', method: 'GET', status: 503 }]);
    const stale = await readAccountDetail(ctx, account.email);
    expect(stale.freshness).toMatchObject({
      source: 'index',
      readAt: first.freshness.readAt,
      readProblem: { type: 'upstream-server', title: 'Instantly had an error', upstreamStatus: 503 },
    });
    expect(stale.settings.dailyLimit).toBe(account.daily_limit);
  });

  it('an edge block page in front of Instantly is no answer about the account either: the indexed copy', async () => {
    const { sim, ctx } = await fixture();
    const account = await activeAccount(sim);
    await readAccountDetail(ctx, account.email);
    await inject(sim, [{ kind: 'error', method: 'GET', status: 403, body: 'html' }]);
    const stale = await readAccountDetail(ctx, account.email);
    expect(stale.freshness).toMatchObject({
      source: 'index',
      readProblem: { type: 'upstream-edge-blocked', upstreamStatus: 403 },
    });
  });

  it('an account the index never saw, or a 404, is still an error', async () => {
    const { ctx } = await fixture([{ kind: 'error', method: 'GET', path: '^/accounts/[^/]+$', status: 503 }]);
    // Found on a simulator without the fault (the same seeded fleet): finding one reads accounts.
    const account = await activeAccount((await fixture([])).sim);
    await expect(readAccountDetail(ctx, account.email)).rejects.toMatchObject({ kind: 'server' });
    const missing = await fixture([{ kind: 'error', method: 'GET', path: '^/accounts/', status: 404 }]);
    await expect(readAccountDetail(missing.ctx, account.email)).rejects.toMatchObject({ kind: 'not-found' });
  });
});

describe('saveAccountSettings: a write whose answer was lost is re-read, never re-sent', () => {
  const attempt = async (faults: FaultRuleInput[], timeouts = {}) => {
    const f = await fixture([], timeouts);
    const account = await activeAccount(f.sim);
    await readAccountDetail(f.ctx, account.email);
    await inject(f.sim, faults);
    f.calls.length = 0;
    const save = saveAccountSettings(f.ctx, account.email, { dailyLimit: account.daily_limit + 7 });
    const methods = () => f.calls.map((c) => c.method);
    const audit = () => auditForAccount(f.db, 'w1', account.email);
    return { ...f, account, save, methods, audit };
  };

  it('a 500 whose re-read shows the old value: "try again", nothing changed, audited as failed', async () => {
    const t = await attempt([{ kind: 'error', method: 'PATCH', status: 500 }]);
    const problem = await problemOf(t.save);
    expect(problem).toMatchObject({
      type: 'save-not-applied',
      title: 'Instantly had an error — try again',
      status: 502,
      writeOutcome: 'not-applied',
      upstreamStatus: 500,
    });
    expect(problem.detail).toMatch(
      /^Instantly answered HTTP 500 .*shows the old values \(daily limit \d+\), so nothing was changed/,
    );
    expect(t.methods()).toEqual(['PATCH', 'GET']);
    expect(await t.audit()).toMatchObject([{ outcome: 'failed' }]);
    expect((await getIndexedAccount(t.db, 'w1', t.account.email))?.dailyLimit).toBe(t.account.daily_limit);
  });

  it('a 502 after the write landed: saved, confirmed by the re-read, audited as success', async () => {
    const t = await attempt([{ kind: 'error', method: 'PATCH', status: 502, afterApplying: true }]);
    const saved = await t.save;
    expect(saved).toMatchObject({ confirmedBy: 're-read', changed: ['dailyLimit'] });
    expect(saved.settings.dailyLimit).toBe(t.account.daily_limit + 7);
    expect(t.methods()).toEqual(['PATCH', 'GET']);
    expect(await t.audit()).toMatchObject([{ outcome: 'success' }]);
    expect((await settingsHistory(t.db, 'w1', t.account.email, '')).at(-1)).toMatchObject({
      daily_limit: t.account.daily_limit + 7,
      source: 'dashboard',
    });
  });

  it('a cut-off answer after the write landed is confirmed by the re-read as well', async () => {
    const t = await attempt([{ kind: 'malformed', method: 'PATCH', afterApplying: true }]);
    expect((await t.save).confirmedBy).toBe('re-read');
    expect(t.methods()).toEqual(['PATCH', 'GET']);
  });

  it('an unreadable answer whose re-read fails too: "not confirmed", audited as unknown', async () => {
    const t = await attempt([
      { kind: 'malformed', method: 'PATCH' },
      { kind: 'error', method: 'GET', status: 503 },
    ]);
    const problem = await problemOf(t.save);
    expect(problem).toMatchObject({
      type: 'save-not-confirmed',
      title: 'Instantly answered with something unreadable',
      writeOutcome: 'unconfirmed',
    });
    expect(problem.detail).toMatch(/reading the account back failed too \(Instantly answered HTTP 503 /);
    // One PATCH; the re-read is a GET and may be retried as any read is.
    expect(t.methods().filter((m) => m === 'PATCH')).toHaveLength(1);
    expect(await t.audit()).toMatchObject([{ outcome: 'unknown' }]);
  });

  it('a timeout whose re-read still shows the old value: not confirmed, with what Instantly shows now', async () => {
    const t = await attempt([{ kind: 'hang', method: 'PATCH' }], { writeTimeoutMs: 50 });
    const problem = await problemOf(t.save);
    expect(problem).toMatchObject({
      type: 'save-not-confirmed',
      title: 'Instantly did not answer in time',
      status: 504,
      writeOutcome: 'unconfirmed',
    });
    expect(problem.detail).toContain(
      `Here is what Instantly shows now: daily limit ${t.account.daily_limit} (you asked for ${t.account.daily_limit + 7})`,
    );
    expect(t.methods()).toEqual(['PATCH', 'GET']);
    expect(await t.audit()).toMatchObject([{ outcome: 'unknown' }]);
  });

  it('a 429 storm: refused before any work, so "nothing was changed", three PATCHes at most and no re-read', async () => {
    const t = await attempt([{ kind: 'rate-limit', method: 'PATCH' }]);
    const problem = await problemOf(t.save);
    expect(problem).toMatchObject({ type: 'upstream-rate-limited', status: 429 });
    expect(problem.detail).toMatch(/refused the save 3 times before doing anything, so nothing was changed/);
    expect(t.methods()).toEqual(['PATCH', 'PATCH', 'PATCH']);
    expect(await t.audit()).toMatchObject([{ outcome: 'failed' }]);
  });
});

describe('saveAccountSettings', () => {
  it('sends only the fields that changed, then writes the answer, the history point and the audit entry', async () => {
    const { sim, db, ctx, calls } = await fixture();
    const account = await activeAccount(sim);
    await readAccountDetail(ctx, account.email);
    calls.length = 0;

    const saved = await saveAccountSettings(ctx, account.email, {
      dailyLimit: account.daily_limit + 10,
      sendingGap: account.sending_gap, // unchanged: must not travel
      warmupLimit: account.warmup.limit + 1,
    });
    expect(calls).toEqual([
      {
        method: 'PATCH',
        path: `/api/v2/accounts/${encodeURIComponent(account.email)}`,
        body: { daily_limit: account.daily_limit + 10, warmup: { limit: account.warmup.limit + 1 } },
      },
    ]);
    expect(saved.changed).toEqual(['dailyLimit', 'warmupLimit']);
    expect(saved.settings.dailyLimit).toBe(account.daily_limit + 10);
    expect((await getIndexedAccount(db, 'w1', account.email))?.dailyLimit).toBe(account.daily_limit + 10);

    const history = await settingsHistory(db, 'w1', account.email, '');
    expect(history.at(-1)).toMatchObject({ daily_limit: account.daily_limit + 10, source: 'dashboard' });
    const audit = await auditForAccount(db, 'w1', account.email);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'update-settings',
      outcome: 'success',
      accountChanges: {
        dailyLimit: { old: account.daily_limit, new: account.daily_limit + 10 },
        warmupLimit: { old: account.warmup.limit, new: account.warmup.limit + 1 },
      },
    });
  });

  it('"nothing to save" without any upstream call when every value is already the current one', async () => {
    const { sim, ctx, calls } = await fixture();
    const account = await activeAccount(sim);
    await readAccountDetail(ctx, account.email);
    calls.length = 0;
    for (const body of [{}, { dailyLimit: account.daily_limit, sendingGap: account.sending_gap }]) {
      const error = await saveAccountSettings(ctx, account.email, body).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProblemError);
      expect((error as ProblemError).problem).toMatchObject({
        status: 400,
        type: 'nothing-to-save',
        title: 'Nothing to save',
      });
    }
    expect(calls).toEqual([]);
  });

  it('a 409 "job in progress" becomes a clear problem, changes nothing in the index, and is audited as failed', async () => {
    const { sim, db, ctx } = await fixture([
      {
        kind: 'error',
        method: 'PATCH',
        status: 409,
        message: 'update-warmup-accounts job in progress for 1 account(s)',
      },
    ]);
    const account = await activeAccount(sim);
    await readAccountDetail(ctx, account.email);
    const error = await saveAccountSettings(ctx, account.email, {
      dailyLimit: account.daily_limit + 5,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).problem).toMatchObject({
      status: 409,
      type: 'upstream-conflict',
      title: 'A warmup job is changing this account right now',
      upstreamStatus: 409,
    });
    expect((error as ProblemError).problem.upstreamMessage).toMatch(/update-warmup-accounts job in progress/);
    expect((await getIndexedAccount(db, 'w1', account.email))?.dailyLimit).toBe(account.daily_limit);
    expect(await settingsHistory(db, 'w1', account.email, '')).toHaveLength(1);
    expect(await auditForAccount(db, 'w1', account.email)).toMatchObject([
      { outcome: 'failed', accountOutcome: 'failed' },
    ]);
  });

  it('an account never indexed is read first, so the comparison is with Instantly’s value', async () => {
    const { sim, ctx, calls } = await fixture();
    const account = await activeAccount(sim);
    await saveAccountSettings(ctx, account.email, {
      sendingGap: account.sending_gap + 3,
      dailyLimit: account.daily_limit,
    });
    expect(calls.map((c) => c.method)).toEqual(['GET', 'PATCH']);
    expect(calls[1]?.body).toEqual({ sending_gap: account.sending_gap + 3 });
  });
});

describe('parseSettingsBody', () => {
  const refused = (body: unknown) => {
    try {
      parseSettingsBody(body);
    } catch (error) {
      if (error instanceof ProblemError) return error.problem;
      throw error;
    }
    return null;
  };

  it('names the field in words and in code', async () => {
    expect(refused({ sendingGap: 2000 })).toMatchObject({
      status: 400,
      type: 'invalid-input',
      title: 'Check the sending gap',
      detail: 'The sending gap can be at most 1,440',
      field: 'sendingGap',
    });
    expect(refused({ warmupIncrement: '9' })).toMatchObject({
      field: 'warmupIncrement',
      title: 'Check the warmup increment',
    });
    expect(refused({ status: 2 })).toMatchObject({
      field: 'status',
      detail: '"status" is not a setting this page can change.',
    });
    expect(refused('text')).toMatchObject({
      status: 400,
      title: 'These settings cannot be saved',
      field: 'body',
    });
    expect(refused({ dailyLimit: 50 })).toBeNull();
  });
});

describe('loadAccountAnalytics', () => {
  it('one call for warmup, three ≤31-day calls for 90 days of campaign sends, a point per day', async () => {
    const { sim, ctx, calls } = await fixture();
    const account = await activeAccount(sim);
    await readAccountDetail(ctx, account.email);
    calls.length = 0;
    const analytics = await loadAccountAnalytics(ctx, account.email, '90');
    expect(analytics.points).toHaveLength(90);
    expect(analytics.to).toBe(new Date(T0).toISOString().slice(0, 10));
    expect(calls.filter((c) => c.path.endsWith('/warmup-analytics'))).toHaveLength(1);
    expect(calls.filter((c) => c.path.endsWith('/analytics/daily'))).toHaveLength(3);
    // A real workspace's history starts when it was first read: today.
    expect(analytics.history).toMatchObject({ state: 'partial', startsAt: analytics.to });
    expect(analytics.points.at(-1)?.dailyLimit).toBe(account.daily_limit);
    expect(analytics.points.at(-2)?.dailyLimit).toBeNull();
    expect(analytics.points.some((p) => p.health !== null)).toBe(true);
  });

  it('a save shows up as a marker and moves the step line on today', async () => {
    const { sim, ctx, clock } = await fixture();
    const account = await activeAccount(sim);
    await readAccountDetail(ctx, account.email);
    clock.advance(60_000);
    await saveAccountSettings(ctx, account.email, {
      dailyLimit: account.daily_limit + 20,
      sendingGap: account.sending_gap + 5,
    });
    const analytics = await loadAccountAnalytics(ctx, account.email, '7');
    expect(analytics.markers).toHaveLength(1);
    expect(analytics.markers[0]).toMatchObject({ source: 'dashboard', kind: 'settings', date: analytics.to });
    expect(analytics.points.at(-1)).toMatchObject({
      dailyLimit: account.daily_limit + 20,
      sendingGap: account.sending_gap + 5,
      markers: [0],
    });
  });

  it('campaign data that cannot be read leaves a flagged, otherwise complete series', async () => {
    const { sim, ctx } = await fixture([
      { kind: 'error', method: 'GET', path: '^/accounts/analytics/daily$', status: 503 },
    ]);
    const account = await activeAccount(sim);
    await readAccountDetail(ctx, account.email);
    const analytics = await loadAccountAnalytics(ctx, account.email, '30');
    expect(analytics.points.every((p) => p.campaignSent === null)).toBe(true);
    expect(analytics.notices.map((n) => n.code)).toContain('campaign-unavailable');
    expect(analytics.points.some((p) => (p.warmupSent ?? 0) > 0)).toBe(true);
  });
});

describe('history recorder semantics the chart relies on', () => {
  it('only real changes make points, whatever the source', async () => {
    const db = await testDb();
    const base = {
      email: 'a@x.io',
      status: 1,
      daily_limit: 30,
      sending_gap: 10,
      warmup: { limit: 20, increment: '1' },
    };
    await upsertAccounts(db, 'w', [base], { now: '2026-01-01T00:00:00.000Z', source: 'read' });
    await upsertAccounts(db, 'w', [{ ...base, status: 2, first_name: 'X' }], {
      now: '2026-01-02T00:00:00.000Z',
      source: 'sync',
    });
    await upsertAccounts(db, 'w', [{ ...base, warmup: { limit: 20, increment: '2' } }], {
      now: '2026-01-03T00:00:00.000Z',
      source: 'dashboard',
    });
    expect(
      (await settingsHistory(db, 'w', 'a@x.io', '')).map((p) => [
        p.observed_at.slice(0, 10),
        p.warmup_increment,
        p.source,
      ]),
    ).toEqual([
      ['2026-01-01', '1', 'read'],
      ['2026-01-03', '2', 'dashboard'],
    ]);
  });
});
