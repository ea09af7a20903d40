import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auditForBulkAction, recordAudit } from './audit-log';
import {
  type SettingWriters,
  accountLockedBy,
  accountsChangedAgain,
  actionCounts,
  actionItems,
  batchBlockers,
  batchesOf,
  createBulkAction,
  createRetryAction,
  explicitBatches,
  finalizeIfComplete,
  finishBatch,
  finishItem,
  getBulkAction,
  groupChangedAgain,
  itemsOfBatch,
  listBulkActions,
  markBatchRunning,
  markBatchStarting,
  summarizeAction,
  titleFor,
} from './bulk-actions';
import { type Db, openDb } from './db';

const keys = (workspaceId: string, n: number, prefix = 'u') =>
  Array.from({ length: n }, (_, i) => ({
    workspaceId,
    email: `${prefix}${String(i).padStart(4, '0')}@x.com`,
  }));

function warmupAction(db: Db, accounts = keys('ws_a', 250), now = '2026-08-21T12:00:00.000Z') {
  return createBulkAction(db, {
    kind: 'enable-warmup',
    workspaces: [
      { workspaceId: 'ws_a', label: 'Acme' },
      { workspaceId: 'ws_b', label: 'Globex' },
    ],
    keys: accounts,
    batches: explicitBatches(accounts),
    now,
  });
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('creating a bulk action', () => {
  it('stores the action, every account pending and batches of at most 100 per workspace', () => {
    const db = openDb(':memory:');
    const accounts = [...keys('ws_a', 250), ...keys('ws_b', 30)];
    const id = warmupAction(db, accounts);
    const action = getBulkAction(db, id);
    expect(action).toMatchObject({
      kind: 'enable-warmup',
      status: 'running',
      total: 280,
      title: 'Enable warmup · 280 accounts',
    });
    expect(action?.workspaces).toEqual([
      { workspaceId: 'ws_a', label: 'Acme', count: 250 },
      { workspaceId: 'ws_b', label: 'Globex', count: 30 },
    ]);
    expect(actionCounts(db, id)).toEqual({ total: 280, pending: 280, running: 0, done: 0, failed: 0 });
    const batches = batchesOf(db, id);
    expect(batches.map((b) => [b.workspaceId, b.size, b.state])).toEqual([
      ['ws_a', 100, 'queued'],
      ['ws_a', 100, 'queued'],
      ['ws_a', 50, 'queued'],
      ['ws_b', 30, 'queued'],
    ]);
    expect(batches[0]?.request.emails).toHaveLength(100);
    expect(itemsOfBatch(db, batches[3]?.id ?? '').every((i) => i.workspaceId === 'ws_b')).toBe(true);
  });

  it('is one transaction: a bad plan leaves nothing behind', () => {
    const db = openDb(':memory:');
    const accounts = keys('ws_a', 5);
    expect(() =>
      createBulkAction(db, {
        kind: 'enable-warmup',
        workspaces: [{ workspaceId: 'ws_a', label: 'Acme' }],
        keys: accounts,
        // The last account is in no batch.
        batches: explicitBatches(accounts.slice(0, 4)),
      }),
    ).toThrow('is in no batch');
    expect(db.prepare('SELECT count(*) FROM bulk_actions').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM bulk_action_items').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM bulk_action_batches').pluck().get()).toBe(0);
  });

  it('counts an account given twice once', () => {
    const db = openDb(':memory:');
    const id = createBulkAction(db, {
      kind: 'pause',
      workspaces: [{ workspaceId: 'ws_a', label: 'Acme' }],
      keys: [
        { workspaceId: 'ws_a', email: 'a@x.com' },
        { workspaceId: 'ws_a', email: 'A@x.com' },
      ],
    });
    expect(actionCounts(db, id).total).toBe(1);
  });

  it('titles read like a sentence', () => {
    expect(titleFor('set-daily-limit', { dailyLimit: 40 }, 3)).toBe('Set daily limit to 40 · 3 accounts');
    expect(titleFor('pause', {}, 1)).toBe('Pause · 1 account');
    expect(titleFor('enable-warmup', {}, 4, true)).toBe('Retry: enable warmup · 4 accounts');
  });
});

describe('lists and details', () => {
  it('lists newest first, only actions touching the given workspaces, optionally only active ones', () => {
    const db = openDb(':memory:');
    const first = warmupAction(db, keys('ws_a', 3), '2026-08-21T10:00:00.000Z');
    const second = warmupAction(db, keys('ws_b', 3), '2026-08-21T11:00:00.000Z');
    const third = warmupAction(db, keys('ws_a', 3, 'v'), '2026-08-21T12:00:00.000Z');
    expect(listBulkActions(db, { workspaceIds: ['ws_a', 'ws_b'] }).map((a) => a.id)).toEqual([
      third,
      second,
      first,
    ]);
    expect(listBulkActions(db, { workspaceIds: ['ws_a'] }).map((a) => a.id)).toEqual([third, first]);
    expect(listBulkActions(db, { workspaceIds: [] })).toEqual([]);

    for (const batch of batchesOf(db, first)) {
      finishBatch(db, batch.id, {
        state: 'done',
        results: itemsOfBatch(db, batch.id).map((i) => ({ email: i.email, ok: true })),
        missingReason: '',
      });
    }
    expect(finalizeIfComplete(db, first)).toBe('done');
    expect(listBulkActions(db, { workspaceIds: ['ws_a', 'ws_b'], active: true }).map((a) => a.id)).toEqual([
      third,
      second,
    ]);
  });

  it('pages the items, filters them by state and shows only the visible workspaces', () => {
    const db = openDb(':memory:');
    const id = warmupAction(db, [...keys('ws_a', 120), ...keys('ws_b', 5)]);
    const [batch] = batchesOf(db, id);
    finishBatch(db, batch?.id ?? '', {
      state: 'done',
      results: [
        { email: 'u0003@x.com', ok: false, error: 'MX record missing' },
        { email: 'u0001@x.com', ok: true },
      ],
      missingReason: 'Instantly did not process this account',
    });
    const failed = actionItems(db, id, {
      workspaceIds: ['ws_a', 'ws_b'],
      state: 'failed',
      offset: 0,
      limit: 10,
    });
    expect(failed.itemsTotal).toBe(99);
    expect(failed.items[0]).toMatchObject({
      email: 'u0000@x.com',
      state: 'failed',
      error: 'Instantly did not process this account',
    });
    expect(failed.items.find((i) => i.email === 'u0003@x.com')?.error).toBe('MX record missing');
    const all = actionItems(db, id, { workspaceIds: ['ws_a', 'ws_b'], offset: 0, limit: 500 });
    expect(all.itemsTotal).toBe(125);
    // Failures first.
    expect(all.items.slice(0, 99).every((i) => i.state === 'failed')).toBe(true);
    const page2 = actionItems(db, id, { workspaceIds: ['ws_a', 'ws_b'], offset: 100, limit: 10 });
    expect(page2.items).toHaveLength(10);
    expect(actionItems(db, id, { workspaceIds: ['ws_b'], offset: 0, limit: 500 }).itemsTotal).toBe(5);
  });
});

describe('finishing batches', () => {
  it('maps per-email results, fails the ones without a result, writes the audit entry and ends partial', () => {
    const db = openDb(':memory:');
    const accounts = keys('ws_a', 4);
    const id = warmupAction(db, accounts);
    const [batch] = batchesOf(db, id);
    const batchId = batch?.id ?? '';
    expect(markBatchStarting(db, batchId, { 'u0000@x.com': 0 })).toBe(true);
    markBatchRunning(
      db,
      batchId,
      { id: 'job123', status: 'pending', progress: 0 },
      { at: '2026-08-21T12:00:01.000Z', intervalMs: 1000 },
    );
    expect(actionCounts(db, id).running).toBe(4);
    const result = finishBatch(db, batchId, {
      state: 'done',
      results: [
        { email: 'u0000@x.com', ok: true },
        { email: 'U0001@X.COM', ok: true },
        { email: 'u0002@x.com', ok: false, error: 'Domain has no MX record' },
      ],
      missingReason: 'Instantly did not process this account',
      upstreamStatus: 'success',
      changes: { warmup_status: { new: 1 } },
    });
    expect(result).toEqual({ done: 2, failed: 2 });
    expect(finalizeIfComplete(db, id)).toBe('partial');
    const action = getBulkAction(db, id);
    expect(action?.finishedAt).not.toBeNull();
    const summary = summarizeAction(db, action!);
    expect(summary).toMatchObject({
      status: 'partial',
      progress: 100,
      counts: { done: 2, failed: 2, pending: 0, running: 0 },
    });
    expect(summary.jobs).toEqual([
      { id: 'job123', workspaceId: 'ws_a', state: 'done', progress: 100, size: 4 },
    ]);
    const [entry] = auditForBulkAction(db, id);
    expect(entry).toMatchObject({ upstreamJobId: 'job123', outcome: 'partial', emailCount: 4 });
  });

  it('adds accounts an include_all_emails job processed that the index did not expect', () => {
    const db = openDb(':memory:');
    const accounts = keys('ws_a', 2);
    const id = createBulkAction(db, {
      kind: 'disable-warmup',
      workspaces: [{ workspaceId: 'ws_a', label: 'Acme' }],
      keys: accounts,
      batches: [
        {
          workspaceId: 'ws_a',
          request: { include_all_emails: true },
          emails: accounts.map((k) => k.email),
          allEmails: true,
        },
      ],
    });
    const [batch] = batchesOf(db, id);
    finishBatch(db, batch?.id ?? '', {
      state: 'done',
      results: [
        { email: 'u0000@x.com', ok: true },
        { email: 'new@x.com', ok: true },
      ],
      missingReason: 'Instantly did not process this account',
    });
    expect(actionCounts(db, id)).toEqual({ total: 3, pending: 0, running: 0, done: 2, failed: 1 });
    expect(getBulkAction(db, id)).toMatchObject({
      total: 3,
      workspaces: [{ workspaceId: 'ws_a', label: 'Acme', count: 3 }],
    });
  });

  it('shows a running job’s own progress for accounts not reported yet', () => {
    const db = openDb(':memory:');
    const id = warmupAction(db, keys('ws_a', 100));
    const [batch] = batchesOf(db, id);
    markBatchStarting(db, batch?.id ?? '', {});
    markBatchRunning(
      db,
      batch?.id ?? '',
      { id: 'j', status: 'in-progress', progress: 40 },
      { at: '2026-08-21T12:00:01.000Z', intervalMs: 1000 },
    );
    expect(summarizeAction(db, getBulkAction(db, id)!).progress).toBe(40);
  });
});

describe('locks across actions', () => {
  it('a batch waits for a running job of another action holding one of its accounts; others may go', () => {
    const db = openDb(':memory:');
    const first = warmupAction(db, keys('ws_a', 3));
    const overlapping = warmupAction(db, keys('ws_a', 5).slice(2));
    const separate = warmupAction(db, keys('ws_a', 3, 'other'));
    const [running] = batchesOf(db, first);
    markBatchStarting(db, running?.id ?? '', {});
    const [waiting] = batchesOf(db, overlapping);
    const [free] = batchesOf(db, separate);
    expect(batchBlockers(db, waiting!)).toEqual([first]);
    expect(batchBlockers(db, free!)).toEqual([]);
    expect(accountLockedBy(db, { workspaceId: 'ws_a', email: 'u0001@x.com' })).toBe(first);
    expect(accountLockedBy(db, { workspaceId: 'ws_a', email: 'u0004@x.com' })).toBeNull();
    finishBatch(db, running?.id ?? '', { state: 'done', results: [], missingReason: 'x' });
    expect(batchBlockers(db, waiting!)).toEqual([]);
  });

  it('an include_all_emails job holds the whole workspace', () => {
    const db = openDb(':memory:');
    const all = createBulkAction(db, {
      kind: 'enable-warmup',
      workspaces: [{ workspaceId: 'ws_a', label: 'Acme' }],
      keys: keys('ws_a', 2),
      batches: [
        {
          workspaceId: 'ws_a',
          request: { include_all_emails: true },
          emails: ['u0000@x.com', 'u0001@x.com'],
          allEmails: true,
        },
      ],
    });
    const other = warmupAction(db, keys('ws_a', 1, 'z'));
    markBatchStarting(db, batchesOf(db, all)[0]?.id ?? '', {});
    expect(batchBlockers(db, batchesOf(db, other)[0]!)).toEqual([all]);
    expect(accountLockedBy(db, { workspaceId: 'ws_a', email: 'anyone@x.com' })).toBe(all);
    expect(accountLockedBy(db, { workspaceId: 'ws_b', email: 'anyone@x.com' })).toBeNull();
  });
});

describe('retry the failed ones', () => {
  it('is a new action holding exactly the failed accounts, in fresh batches', () => {
    const db = openDb(':memory:');
    const id = warmupAction(db, [...keys('ws_a', 150), ...keys('ws_b', 2)]);
    const [b1, b2, b3] = batchesOf(db, id);
    finishBatch(db, b1?.id ?? '', {
      state: 'done',
      results: itemsOfBatch(db, b1?.id ?? '').map((i, n) => ({
        email: i.email,
        ok: n % 10 !== 0,
        error: 'No MX',
      })),
      missingReason: 'x',
    });
    finishBatch(db, b2?.id ?? '', {
      state: 'done',
      results: itemsOfBatch(db, b2?.id ?? '').map((i) => ({ email: i.email, ok: true })),
      missingReason: 'x',
    });
    finishBatch(db, b3?.id ?? '', { state: 'failed', results: [], missingReason: 'Unknown outcome' });
    expect(finalizeIfComplete(db, id)).toBe('partial');

    const retry = createRetryAction(db, id, { workspaceIds: ['ws_a', 'ws_b'] });
    expect(retry).not.toBeNull();
    const action = getBulkAction(db, retry!);
    expect(action).toMatchObject({
      retryOf: id,
      kind: 'enable-warmup',
      total: 12,
      title: 'Retry: enable warmup · 12 accounts',
    });
    const failedBefore = actionItems(db, id, {
      workspaceIds: ['ws_a', 'ws_b'],
      state: 'failed',
      offset: 0,
      limit: 500,
    }).items.map((i) => `${i.workspaceId}/${i.email}`);
    const retried = actionItems(db, retry!, {
      workspaceIds: ['ws_a', 'ws_b'],
      offset: 0,
      limit: 500,
    }).items.map((i) => `${i.workspaceId}/${i.email}`);
    expect(retried.sort()).toEqual(failedBefore.sort());
    expect(batchesOf(db, retry!).map((b) => [b.workspaceId, b.size])).toEqual([
      ['ws_a', 10],
      ['ws_b', 2],
    ]);
    // Only the workspaces the caller holds keys for.
    const onlyB = createRetryAction(db, id, { workspaceIds: ['ws_b'] });
    expect(getBulkAction(db, onlyB!)?.total).toBe(2);
  });

  it('returns null when nothing failed', () => {
    const db = openDb(':memory:');
    const id = createBulkAction(db, {
      kind: 'pause',
      workspaces: [{ workspaceId: 'ws_a', label: 'A' }],
      keys: keys('ws_a', 1),
    });
    finishItem(db, { id, kind: 'pause' }, { workspaceId: 'ws_a', email: 'u0000@x.com' }, { ok: true });
    expect(createRetryAction(db, id, { workspaceIds: ['ws_a'] })).toBeNull();
  });
});

describe('durability', () => {
  it('a reopened database (a restart) has every item exactly where it was', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulk-store-'));
    dirs.push(dir);
    const path = join(dir, 'fleet.db');
    const db = openDb(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const id = createBulkAction(db, {
      kind: 'pause',
      workspaces: [{ workspaceId: 'ws_a', label: 'A' }],
      keys: keys('ws_a', 3),
    });
    finishItem(db, { id, kind: 'pause' }, { workspaceId: 'ws_a', email: 'u0000@x.com' }, { ok: true });
    finishItem(
      db,
      { id, kind: 'pause' },
      { workspaceId: 'ws_a', email: 'u0001@x.com' },
      { ok: false, error: 'Not found' },
    );
    db.close();

    const reopened = openDb(path);
    expect(actionCounts(reopened, id)).toEqual({ total: 3, pending: 1, running: 0, done: 1, failed: 1 });
    expect(auditForBulkAction(reopened, id).map((e) => e.outcome)).toEqual(['success', 'failed']);
    reopened.close();
  });
});

describe('accounts changed again by a later write of the same setting', () => {
  const acme = [{ workspaceId: 'ws_a', label: 'Acme' }];
  const warmupWriters: SettingWriters = { actions: ['enable-warmup', 'disable-warmup'] };
  const limitWriters: SettingWriters = {
    actions: ['set-daily-limit'],
    byFields: { action: 'update-settings', fields: ['dailyLimit'] },
  };
  const at = (minute: number) => `2026-08-21T14:${String(minute).padStart(2, '0')}:00.000Z`;

  /** A warmup action started at `start` whose one job ends at `end`, `failing` accounts failed. */
  function warmup(
    db: Db,
    kind: 'enable-warmup' | 'disable-warmup',
    accounts: ReturnType<typeof keys>,
    start: number,
    end: number,
    options: { failing?: string[]; unknown?: boolean } = {},
  ) {
    const id = createBulkAction(db, {
      kind,
      workspaces: [...acme, { workspaceId: 'ws_b', label: 'Globex' }],
      keys: accounts,
      batches: explicitBatches(accounts),
      now: at(start),
    });
    for (const batch of batchesOf(db, id)) {
      finishBatch(
        db,
        batch.id,
        {
          state: 'done',
          // An unknown outcome: Instantly never reported a result for any account.
          results: options.unknown
            ? []
            : itemsOfBatch(db, batch.id).map((i) => ({
                email: i.email,
                ok: !options.failing?.includes(i.email),
                error: 'refused',
              })),
          missingReason: 'Instantly never said',
          auditOutcome: options.unknown ? 'unknown' : undefined,
        },
        at(end),
      );
    }
    return id;
  }

  function perAccount(
    db: Db,
    kind: 'pause' | 'set-daily-limit',
    accounts: ReturnType<typeof keys>,
    minute: number,
    dailyLimit?: number,
  ) {
    const id = createBulkAction(db, {
      kind,
      workspaces: acme,
      keys: accounts,
      params: dailyLimit === undefined ? {} : { dailyLimit },
      now: at(minute),
    });
    for (const key of accounts) finishItem(db, { id, kind }, key, { ok: true }, at(minute + 1));
    return id;
  }

  const emailsOf = (list: ReadonlyArray<{ email: string }>) => list.map((c) => c.email);
  const visible = { workspaceIds: ['ws_a', 'ws_b'] };

  it('names the later action, its kind and start, for exactly the overlapping accounts', () => {
    const db = openDb(':memory:');
    const all = keys('ws_a', 10);
    const enable = warmup(db, 'enable-warmup', all.slice(0, 6), 0, 1);
    const disable = warmup(db, 'disable-warmup', all.slice(4, 10), 2, 3);

    const changed = accountsChangedAgain(db, enable, warmupWriters, visible);
    expect(changed).toEqual(
      all.slice(4, 6).map((k) => ({
        ...k,
        actionId: disable,
        kind: 'disable-warmup',
        label: 'Disable warmup',
        startedAt: at(2),
      })),
    );
    // The later one has the last word: nothing changed its accounts afterwards.
    expect(accountsChangedAgain(db, disable, warmupWriters, visible)).toEqual([]);
    expect(groupChangedAgain(changed)).toEqual([
      { actionId: disable, kind: 'disable-warmup', label: 'Disable warmup', startedAt: at(2), count: 2 },
    ]);
  });

  it('goes by when each write landed, not when the action started', () => {
    const db = openDb(':memory:');
    const all = keys('ws_a', 4);
    // Started first but its job ended last: its value is the one Instantly has.
    const slow = warmup(db, 'enable-warmup', all, 0, 9);
    const fast = warmup(db, 'disable-warmup', all, 1, 2);
    expect(accountsChangedAgain(db, slow, warmupWriters, visible)).toEqual([]);
    expect(emailsOf(accountsChangedAgain(db, fast, warmupWriters, visible))).toEqual(emailsOf(all));
  });

  it('names the latest of several later writes, the one whose value Instantly has now', () => {
    const db = openDb(':memory:');
    const all = keys('ws_a', 6);
    const first = warmup(db, 'enable-warmup', all, 0, 1);
    const second = warmup(db, 'disable-warmup', all, 2, 3);
    const third = warmup(db, 'enable-warmup', all.slice(0, 2), 4, 5);
    const changed = accountsChangedAgain(db, first, warmupWriters, visible);
    expect(changed.map((c) => [c.email, c.actionId])).toEqual([
      [all[0]!.email, third],
      [all[1]!.email, third],
      ...all.slice(2).map((k) => [k.email, second]),
    ]);
    expect(groupChangedAgain(changed).map((g) => [g.actionId, g.count])).toEqual([
      [third, 2],
      [second, 4],
    ]);
  });

  it('counts only the same setting: a later pause does not undo an earlier warmup change', () => {
    const db = openDb(':memory:');
    const all = keys('ws_a', 3);
    const enable = warmup(db, 'enable-warmup', all, 0, 1);
    perAccount(db, 'pause', all, 2);
    perAccount(db, 'set-daily-limit', all, 4, 30);
    expect(accountsChangedAgain(db, enable, warmupWriters, visible)).toEqual([]);
  });

  it('counts later writes that succeeded or whose outcome is unknown, not failed ones', () => {
    const db = openDb(':memory:');
    const all = keys('ws_a', 4);
    const enable = warmup(db, 'enable-warmup', all, 0, 1);
    // Two of the later job's accounts were refused: they still have the first action's value.
    const disable = warmup(db, 'disable-warmup', all.slice(0, 3), 2, 3, {
      failing: [all[0]!.email, all[1]!.email],
    });
    // A write whose answer never came may have landed.
    const unknown = warmup(db, 'disable-warmup', all.slice(3), 4, 5, { unknown: true });
    expect(
      accountsChangedAgain(db, enable, warmupWriters, visible).map((c) => [c.email, c.actionId]),
    ).toEqual([
      [all[2]!.email, disable],
      [all[3]!.email, unknown],
    ]);
  });

  it('counts the action’s own accounts it changed or may have changed, not those it failed to change', () => {
    const db = openDb(':memory:');
    const all = keys('ws_a', 3);
    const enable = warmup(db, 'enable-warmup', all, 0, 1, { failing: [all[0]!.email] });
    warmup(db, 'disable-warmup', all, 2, 3);
    expect(emailsOf(accountsChangedAgain(db, enable, warmupWriters, visible))).toEqual(
      emailsOf(all.slice(1)),
    );
  });

  it('a save of the same field on the account page counts; a save of another field does not', () => {
    const db = openDb(':memory:');
    const all = keys('ws_a', 3);
    const limit = perAccount(db, 'set-daily-limit', all, 0, 40);
    const save = (email: string, field: string, minute: number, outcome: 'success' | 'failed') =>
      recordAudit(db, {
        workspaceId: 'ws_a',
        action: 'update-settings',
        emails: [email],
        changes: { [field]: { old: 40, new: 25 } },
        outcome,
        at: at(minute),
      });
    save(all[0]!.email, 'dailyLimit', 5, 'success');
    save(all[1]!.email, 'sendingGap', 6, 'success');
    save(all[2]!.email, 'dailyLimit', 7, 'failed');
    expect(accountsChangedAgain(db, limit, limitWriters, visible)).toEqual([
      {
        ...all[0]!,
        actionId: null,
        kind: null,
        label: 'A save on the account page',
        startedAt: at(5),
      },
    ]);
    // A save made before the action's own write is not "afterwards".
    save(all[1]!.email, 'dailyLimit', 0, 'success');
    expect(emailsOf(accountsChangedAgain(db, limit, limitWriters, visible))).toEqual([all[0]!.email]);
  });

  it('names the daily limit the later action set, and orders writes of one millisecond by when they were recorded', () => {
    const db = openDb(':memory:');
    const all = keys('ws_a', 2);
    const first = perAccount(db, 'set-daily-limit', all, 0, 40);
    // Its writes are recorded in the same millisecond as the first action's.
    const second = perAccount(db, 'set-daily-limit', all, 0, 30);
    expect(accountsChangedAgain(db, first, limitWriters, visible).map((c) => [c.actionId, c.label])).toEqual(
      all.map(() => [second, 'Set daily limit to 30']),
    );
    expect(accountsChangedAgain(db, second, limitWriters, visible)).toEqual([]);
  });

  it('shows a browser only the accounts of workspaces it holds keys for', () => {
    const db = openDb(':memory:');
    const all = [...keys('ws_a', 2), ...keys('ws_b', 2)];
    const enable = warmup(db, 'enable-warmup', all, 0, 1);
    warmup(db, 'disable-warmup', all, 2, 3);
    expect(accountsChangedAgain(db, enable, warmupWriters, { workspaceIds: ['ws_b'] })).toHaveLength(2);
    expect(
      accountsChangedAgain(db, enable, warmupWriters, { workspaceIds: ['ws_b'] }).every(
        (c) => c.workspaceId === 'ws_b',
      ),
    ).toBe(true);
    expect(accountsChangedAgain(db, enable, warmupWriters, { workspaceIds: [] })).toEqual([]);
  });

  it('answers for thousands of accounts at once', () => {
    const db = openDb(':memory:');
    const all = keys('ws_a', 5000);
    const enable = warmup(db, 'enable-warmup', all, 0, 1);
    const disable = warmup(db, 'disable-warmup', all.slice(0, 3000), 2, 3);
    const started = performance.now();
    const changed = accountsChangedAgain(db, enable, warmupWriters, visible);
    // Generous for a shared CI machine; one statement per account would take far longer.
    expect(performance.now() - started).toBeLessThan(2000);
    expect(changed).toHaveLength(3000);
    expect(new Set(changed.map((c) => c.actionId))).toEqual(new Set([disable]));
  });
});
