import { describe, expect, it } from 'vitest';
import type { Evaluation } from '@/lib/alerts/evaluate';
import type { AlertFinding } from '@/lib/alerts/types';
import { listAlertEventsAfter } from './alert-events';
import { openKeyOf, reconcileAlerts } from './alerts';
import { alertById, inboxAlerts } from './alerts-inbox';
import { openDb } from './db';
import { sharedTestTarget, testDb } from './test-db';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-12-02T08:00:00Z');
const workspace = { id: 'ws_1', name: 'Acme' };

const finding = (emails: string[], overrides: Partial<AlertFinding> = {}): AlertFinding => ({
  rule: 'new-errors',
  cause: 'oauth-token-revoked',
  scope: { kind: 'domain', value: 'acme.io' },
  severity: 'critical',
  title: `${emails.length} inboxes on acme.io: sign-in expired`,
  summary: 'Instantly can no longer sign in.',
  fix: ['Reconnect each inbox.'],
  emails,
  filter: { cause: 'oauth-token-revoked', domain: 'acme.io' },
  ...overrides,
});

const evaluation = (findings: AlertFinding[], extra: Partial<Evaluation> = {}): Evaluation => ({
  evaluated: ['new-errors', 'warmup-health'],
  disabled: [],
  findings,
  ...extra,
});

const emails = (n: number) => Array.from({ length: n }, (_, i) => `a${String(i).padStart(2, '0')}@acme.io`);

const events = async (db: Awaited<ReturnType<typeof testDb>>) =>
  (await listAlertEventsAfter(db, null, 100)).map((q) => q.event);

/**
 * Two handles' work at once on PostgreSQL. better-sqlite3 waits for a lock synchronously, which
 * would block the very event loop the other handle needs to commit, so on SQLite (whose writers the
 * database serialises anyway) the second starts once the first is done.
 */
async function both<T>(first: Promise<T>, second: () => Promise<T>): Promise<T[]> {
  if (process.env.TEST_DATABASE_URL) return Promise.all([first, second()]);
  return [await first, await second()];
}

describe('reconciling findings into alerts', () => {
  it('opens one alert with one event, refreshes it, and resolves it with a recovered event', async () => {
    const db = await testDb();
    const run = (findings: AlertFinding[], now: number) =>
      reconcileAlerts(db, { workspace, evaluation: evaluation(findings), reminderHours: 24, now });
    expect(await run([finding(emails(12))], T0)).toMatchObject({ opened: 1, resolved: 0 });
    expect(await run([finding(emails(14))], T0 + HOUR)).toMatchObject({ opened: 0, updated: 1 });
    const { open } = await inboxAlerts(db, ['ws_1']);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ count: 14, opened_at: T0, last_seen_at: T0 + HOUR });
    expect(JSON.parse(open[0]?.accounts_json ?? '[]')).toHaveLength(10);
    expect(await run([], T0 + 2 * HOUR)).toMatchObject({ resolved: 1 });
    const after = await inboxAlerts(db, ['ws_1']);
    expect(after.open).toEqual([]);
    expect(after.resolved[0]).toMatchObject({
      resolution: 'cleared',
      resolved_at: T0 + 2 * HOUR,
      open_key: null,
    });
    const id = open[0]?.id ?? '';
    const all = await events(db);
    expect(all.map((e) => [e.eventId, e.kind])).toEqual([
      [`${id}:opened`, 'opened'],
      [`${id}:recovered`, 'recovered'],
    ]);
    expect(all[0]).toMatchObject({
      count: 12,
      workspace,
      scope: { kind: 'domain', value: 'acme.io' },
      links: { accounts: '/accounts?cause=oauth-token-revoked&domain=acme.io', alert: `/alerts/${id}` },
    });
    // The same cause on the same domain later is a new alert, with its own id and events.
    await run([finding(emails(3))], T0 + 3 * HOUR);
    const reopened = (await inboxAlerts(db, ['ws_1'])).open[0];
    expect(reopened?.id).not.toBe(id);
    expect((await events(db)).map((e) => e.kind)).toEqual(['opened', 'recovered', 'opened']);
  });

  it('a run that began before the alert was last seen still resolves it after, never back in time', async () => {
    const db = await testDb();
    const input = (findings: AlertFinding[], now: number) =>
      reconcileAlerts(db, { workspace, evaluation: evaluation(findings), reminderHours: 24, now });
    await input([finding(emails(3))], T0 + 10_000);
    // A long daily run that began at T0 evaluates after the inboxes healed, and commits last.
    await input([], T0);
    const queued = await listAlertEventsAfter(db, null, 100);
    expect(queued.map((q) => q.event.kind)).toEqual(['opened', 'recovered']);
    expect(queued[1]!.cursor.createdAt).toBeGreaterThan(queued[0]!.cursor.createdAt);
  });

  it('is idempotent: the same evaluation twice appends nothing more', async () => {
    const db = await testDb();
    const input = { workspace, evaluation: evaluation([finding(emails(2))]), reminderHours: 24, now: T0 };
    await reconcileAlerts(db, input);
    expect(await reconcileAlerts(db, input)).toMatchObject({ opened: 0, updated: 1, reminded: 0 });
    expect(await events(db)).toHaveLength(1);
  });

  it('reminds after the chosen hours unless acknowledged or snoozed', async () => {
    const db = await testDb();
    const run = (now: number) =>
      reconcileAlerts(db, { workspace, evaluation: evaluation([finding(emails(2))]), reminderHours: 4, now });
    await run(T0);
    expect((await run(T0 + 3 * HOUR)).reminded).toBe(0);
    expect((await run(T0 + 4 * HOUR)).reminded).toBe(1);
    expect((await run(T0 + 5 * HOUR)).reminded).toBe(0);
    const id = (await inboxAlerts(db, ['ws_1'])).open[0]?.id ?? '';
    await db
      .updateTable('alerts')
      .set({ snoozed_until: T0 + 20 * HOUR })
      .where('id', '=', id)
      .execute();
    expect((await run(T0 + 9 * HOUR)).reminded).toBe(0);
    expect((await run(T0 + 20 * HOUR)).reminded).toBe(1);
    await db
      .updateTable('alerts')
      .set({ acknowledged_at: T0, acknowledged_by: 'Ann' })
      .where('id', '=', id)
      .execute();
    expect((await run(T0 + 40 * HOUR)).reminded).toBe(0);
    expect((await events(db)).map((e) => e.eventId)).toEqual([
      `${id}:opened`,
      `${id}:reminder:1`,
      `${id}:reminder:2`,
    ]);
    expect((await alertById(db, id))?.reminders).toBe(2);
  });

  it('leaves alerts of rules that did not run, and closes those of a rule turned off without a recovery', async () => {
    const db = await testDb();
    const vitals = finding(['a@bad.io'], {
      rule: 'domain-vitals',
      cause: 'dns-records-failing',
      scope: { kind: 'domain', value: 'bad.io' },
    });
    const health = finding(['b@low.io'], { rule: 'warmup-health', cause: 'score-below-threshold' });
    await reconcileAlerts(db, {
      workspace,
      evaluation: evaluation([vitals, health], { evaluated: ['domain-vitals', 'warmup-health'] }),
      reminderHours: 24,
      now: T0,
    });
    const result = await reconcileAlerts(db, {
      workspace,
      evaluation: evaluation([], { evaluated: ['new-errors'], disabled: ['warmup-health'] }),
      reminderHours: 24,
      now: T0 + HOUR,
    });
    expect(result).toMatchObject({ resolved: 0, closed: 1 });
    const { open, resolved } = await inboxAlerts(db, ['ws_1']);
    expect(open.map((a) => a.rule)).toEqual(['domain-vitals']);
    expect(resolved.map((a) => [a.rule, a.resolution])).toEqual([['warmup-health', 'rule-off']]);
    expect((await events(db)).map((e) => e.kind)).toEqual(['opened', 'opened']);
  });

  it('the database refuses a second open alert of one key', async () => {
    const db = await testDb();
    const key = openKeyOf('ws_1', finding([]));
    const row = {
      workspace_id: 'ws_1',
      rule: 'new-errors',
      cause: 'c',
      scope_kind: 'domain',
      scope_value: 'acme.io',
      open_key: key,
      severity: 'critical',
      title: 't',
      summary: 's',
      fix_json: '[]',
      count: 1,
      accounts_json: '[]',
      filter_json: '{}',
      opened_at: T0,
      last_seen_at: T0,
      notified_at: T0,
    };
    await db
      .insertInto('alerts')
      .values({ ...row, id: 'one' })
      .execute();
    await expect(
      db
        .insertInto('alerts')
        .values({ ...row, id: 'two' })
        .execute(),
    ).rejects.toThrow();
    // Resolved ones (open_key null) do not collide with each other.
    await db.updateTable('alerts').set({ open_key: null }).execute();
    await db
      .insertInto('alerts')
      .values({ ...row, id: 'three', open_key: null })
      .execute();
    await db
      .insertInto('alerts')
      .values({ ...row, id: 'four' })
      .execute();
    expect((await inboxAlerts(db, ['ws_1'])).open.map((a) => a.id)).toEqual(['four']);
  });

  it('two workers reconciling the same findings at once open one alert and one event', async () => {
    const target = sharedTestTarget();
    const first = await openDb(target);
    const second = await openDb(target);
    const input = { workspace, evaluation: evaluation([finding(emails(12))]), reminderHours: 24, now: T0 };
    const results = await both(reconcileAlerts(first, input), () => reconcileAlerts(second, input));
    expect(results.map((r) => r.opened).sort()).toEqual([0, 1]);
    expect((await inboxAlerts(first, ['ws_1'])).open).toHaveLength(1);
    expect(await events(first)).toHaveLength(1);
    const cleared = { ...input, evaluation: evaluation([]), now: T0 + HOUR };
    const gone = await both(reconcileAlerts(first, cleared), () => reconcileAlerts(second, cleared));
    expect(gone.map((r) => r.resolved).sort()).toEqual([0, 1]);
    expect((await events(first)).map((e) => e.kind)).toEqual(['opened', 'recovered']);
    await first.destroy();
    await second.destroy();
  });
});
