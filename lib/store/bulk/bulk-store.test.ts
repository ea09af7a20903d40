import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { explicitBatches, titleFor } from '@/lib/bulk/plan';
import { auditForBulkAction, recordAudit } from '../audit-log';
import type { Db } from '../db';
import { openDb } from '../db';
import { countingStatements, testDb } from '../test-db';
import { finishBatch } from './batch-results';
import { markBatchRunning, markBatchStarting } from './batches';
import { type SettingWriters, accountsChangedAgain, groupChangedAgain } from './changed-again';
import { accountLockedBy, batchBlockers } from './claims';
import { createBulkAction, createRetryAction } from './create';
import { finalizeIfComplete, finishItem } from './items';
import { listBulkActions, summarizeAction } from './job-centre';
import { actionCounts, actionItems, batchesOf, getBulkAction, itemsOfBatch } from './reads';

/** Who the writes of these tests are made by. */
const actor = { id: 'p_ana', name: 'Ana Lima' };

const keys = (workspaceId: string, n: number, prefix = 'u') =>
  Array.from({ length: n }, (_, i) => ({
    workspaceId,
    email: `${prefix}${String(i).padStart(4, '0')}@x.com`,
  }));

async function warmupAction(db: Db, accounts = keys('ws_a', 250), now = '2026-08-21T12:00:00.000Z') {
  return await createBulkAction(db, {
    actor,
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
afterEach(async () => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('creating a bulk action', () => {
  it('stores the action, every account pending and batches of at most 100 per workspace', async () => {
    const db = await testDb();
    const accounts = [...keys('ws_a', 250), ...keys('ws_b', 30)];
    const id = await warmupAction(db, accounts);
    const action = await getBulkAction(db, id);
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
    expect(await actionCounts(db, id)).toEqual({ total: 280, pending: 280, running: 0, done: 0, failed: 0 });
    const batches = await batchesOf(db, id);
    expect(batches.map((b) => [b.workspaceId, b.size, b.state])).toEqual([
      ['ws_a', 100, 'queued'],
      ['ws_a', 100, 'queued'],
      ['ws_a', 50, 'queued'],
      ['ws_b', 30, 'queued'],
    ]);
    expect(batches[0]?.request.emails).toHaveLength(100);
    expect((await itemsOfBatch(db, batches[3]?.id ?? '')).every((i) => i.workspaceId === 'ws_b')).toBe(true);
  });

  it('is one transaction: a bad plan leaves nothing behind', async () => {
    const db = await testDb();
    const accounts = keys('ws_a', 5);
    await expect(
      createBulkAction(db, {
        actor,
        kind: 'enable-warmup',
        workspaces: [{ workspaceId: 'ws_a', label: 'Acme' }],
        keys: accounts,
        // The last account is in no batch.
        batches: explicitBatches(accounts.slice(0, 4)),
      }),
    ).rejects.toThrow('is in no batch');
    for (const table of ['bulk_actions', 'bulk_action_items', 'bulk_action_batches'] as const) {
      const row = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      expect(row?.n, table).toBe(0);
    }
  });

  it('counts an account given twice once', async () => {
    const db = await testDb();
    const id = await createBulkAction(db, {
      actor,
      kind: 'pause',
      workspaces: [{ workspaceId: 'ws_a', label: 'Acme' }],
      keys: [
        { workspaceId: 'ws_a', email: 'a@x.com' },
        { workspaceId: 'ws_a', email: 'A@x.com' },
      ],
    });
    expect((await actionCounts(db, id)).total).toBe(1);
  });

  it('titles read like a sentence', async () => {
    expect(titleFor('set-daily-limit', { dailyLimit: 40 }, 3)).toBe('Set daily limit to 40 · 3 accounts');
    expect(titleFor('pause', {}, 1)).toBe('Pause · 1 account');
    expect(titleFor('enable-warmup', {}, 4, true)).toBe('Retry: enable warmup · 4 accounts');
  });
});

describe('lists and details', () => {
  it('lists newest first, only actions touching the given workspaces, optionally only active ones', async () => {
    const db = await testDb();
    const first = await warmupAction(db, keys('ws_a', 3), '2026-08-21T10:00:00.000Z');
    const second = await warmupAction(db, keys('ws_b', 3), '2026-08-21T11:00:00.000Z');
    const third = await warmupAction(db, keys('ws_a', 3, 'v'), '2026-08-21T12:00:00.000Z');
    expect((await listBulkActions(db, { workspaceIds: ['ws_a', 'ws_b'] })).map((a) => a.id)).toEqual([
      third,
      second,
      first,
    ]);
    expect((await listBulkActions(db, { workspaceIds: ['ws_a'] })).map((a) => a.id)).toEqual([third, first]);
    expect(await listBulkActions(db, { workspaceIds: [] })).toEqual([]);

    for (const batch of await batchesOf(db, first)) {
      await finishBatch(db, batch.id, {
        state: 'done',
        results: (await itemsOfBatch(db, batch.id)).map((i) => ({ email: i.email, ok: true })),
        missingReason: '',
      });
    }
    expect(await finalizeIfComplete(db, first)).toBe('done');
    expect(
      (await listBulkActions(db, { workspaceIds: ['ws_a', 'ws_b'], active: true })).map((a) => a.id),
    ).toEqual([third, second]);
  });

  it('pages the items, filters them by state and shows only the visible workspaces', async () => {
    const db = await testDb();
    const id = await warmupAction(db, [...keys('ws_a', 120), ...keys('ws_b', 5)]);
    const [batch] = await batchesOf(db, id);
    await finishBatch(db, batch?.id ?? '', {
      state: 'done',
      results: [
        { email: 'u0003@x.com', ok: false, error: 'MX record missing' },
        { email: 'u0001@x.com', ok: true },
      ],
      missingReason: 'Instantly did not process this account',
    });
    const failed = await actionItems(db, id, {
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
    const all = await actionItems(db, id, { workspaceIds: ['ws_a', 'ws_b'], offset: 0, limit: 500 });
    expect(all.itemsTotal).toBe(125);
    // Failures first.
    expect(all.items.slice(0, 99).every((i) => i.state === 'failed')).toBe(true);
    const page2 = await actionItems(db, id, { workspaceIds: ['ws_a', 'ws_b'], offset: 100, limit: 10 });
    expect(page2.items).toHaveLength(10);
    expect((await actionItems(db, id, { workspaceIds: ['ws_b'], offset: 0, limit: 500 })).itemsTotal).toBe(5);
  });
});

describe('finishing batches', () => {
  it('maps per-email results, fails the ones without a result, writes the audit entry and ends partial', async () => {
    const db = await testDb();
    const accounts = keys('ws_a', 4);
    const id = await warmupAction(db, accounts);
    const [batch] = await batchesOf(db, id);
    const batchId = batch?.id ?? '';
    expect(await markBatchStarting(db, batchId, { 'u0000@x.com': 0 })).toBe(true);
    await markBatchRunning(
      db,
      batchId,
      { id: 'job123', status: 'pending', progress: 0 },
      { at: '2026-08-21T12:00:01.000Z', intervalMs: 1000 },
    );
    expect((await actionCounts(db, id)).running).toBe(4);
    const result = await finishBatch(db, batchId, {
      state: 'done',
      results: [
        { email: 'u0000@x.com', ok: true },
        { email: 'U0001@X.COM', ok: true },
        { email: 'u0002@x.com', ok: false, error: 'Domain has no MX record' },
      ],
      missingReason: 'Instantly did not process this account',
      upstreamStatus: 'success',
      changes: { warmupStatus: { new: 1 } },
    });
    expect(result).toEqual({ done: 2, failed: 2 });
    expect(await finalizeIfComplete(db, id)).toBe('partial');
    const action = await getBulkAction(db, id);
    expect(action?.finishedAt).not.toBeNull();
    const summary = await summarizeAction(db, action!);
    expect(summary).toMatchObject({
      status: 'partial',
      progress: 100,
      counts: { done: 2, failed: 2, pending: 0, running: 0 },
    });
    expect(summary.jobs).toEqual([
      { id: 'job123', workspaceId: 'ws_a', state: 'done', progress: 100, size: 4 },
    ]);
    const [entry] = await auditForBulkAction(db, id);
    expect(entry).toMatchObject({ upstreamJobId: 'job123', outcome: 'partial', emailCount: 4 });
  });

  it('adds accounts an include_all_emails job processed that the index did not expect', async () => {
    const db = await testDb();
    const accounts = keys('ws_a', 2);
    const id = await createBulkAction(db, {
      actor,
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
    const [batch] = await batchesOf(db, id);
    await finishBatch(db, batch?.id ?? '', {
      state: 'done',
      results: [
        { email: 'u0000@x.com', ok: true },
        { email: 'new@x.com', ok: true },
      ],
      missingReason: 'Instantly did not process this account',
    });
    expect(await actionCounts(db, id)).toEqual({ total: 3, pending: 0, running: 0, done: 2, failed: 1 });
    expect(await getBulkAction(db, id)).toMatchObject({
      total: 3,
      workspaces: [{ workspaceId: 'ws_a', label: 'Acme', count: 3 }],
    });
  });

  it('shows a running job’s own progress for accounts not reported yet', async () => {
    const db = await testDb();
    const id = await warmupAction(db, keys('ws_a', 100));
    const [batch] = await batchesOf(db, id);
    await markBatchStarting(db, batch?.id ?? '', {});
    await markBatchRunning(
      db,
      batch?.id ?? '',
      { id: 'j', status: 'in-progress', progress: 40 },
      { at: '2026-08-21T12:00:01.000Z', intervalMs: 1000 },
    );
    expect((await summarizeAction(db, (await getBulkAction(db, id))!)).progress).toBe(40);
  });
});

describe('locks across actions', () => {
  it('a batch waits for a running job of another action holding one of its accounts; others may go', async () => {
    const db = await testDb();
    const first = await warmupAction(db, keys('ws_a', 3));
    const overlapping = await warmupAction(db, keys('ws_a', 5).slice(2));
    const separate = await warmupAction(db, keys('ws_a', 3, 'other'));
    const [running] = await batchesOf(db, first);
    await markBatchStarting(db, running?.id ?? '', {});
    const [waiting] = await batchesOf(db, overlapping);
    const [free] = await batchesOf(db, separate);
    expect(await batchBlockers(db, waiting!)).toEqual([first]);
    expect(await batchBlockers(db, free!)).toEqual([]);
    expect(await accountLockedBy(db, { workspaceId: 'ws_a', email: 'u0001@x.com' })).toBe(first);
    expect(await accountLockedBy(db, { workspaceId: 'ws_a', email: 'u0004@x.com' })).toBeNull();
    await finishBatch(db, running?.id ?? '', { state: 'done', results: [], missingReason: 'x' });
    expect(await batchBlockers(db, waiting!)).toEqual([]);
  });

  it('a queued job waits for an earlier action still queued on one of its accounts, never for a later one', async () => {
    const db = await testDb();
    const earlier = await warmupAction(db, keys('ws_a', 3), '2026-08-21T12:00:00.000Z');
    const later = await warmupAction(db, keys('ws_a', 5).slice(2), '2026-08-21T12:00:01.000Z');
    const apart = await warmupAction(db, keys('ws_a', 2, 'other'), '2026-08-21T11:00:00.000Z');
    const [earlierBatch] = await batchesOf(db, earlier);
    const [laterBatch] = await batchesOf(db, later);
    expect(await batchBlockers(db, laterBatch!)).toEqual([earlier]);
    expect(await batchBlockers(db, earlierBatch!)).toEqual([]);
    expect(await batchBlockers(db, (await batchesOf(db, apart))[0]!)).toEqual([]);
    // Created in the same millisecond: the ids decide, and exactly one of the two waits.
    const twinA = await warmupAction(db, keys('ws_b', 2), '2026-08-21T13:00:00.000Z');
    const twinB = await warmupAction(db, keys('ws_b', 2), '2026-08-21T13:00:00.000Z');
    const waits = [
      await batchBlockers(db, (await batchesOf(db, twinA))[0]!),
      await batchBlockers(db, (await batchesOf(db, twinB))[0]!),
    ];
    expect(waits.filter((w) => w.length > 0)).toHaveLength(1);
    await finishBatch(db, earlierBatch?.id ?? '', { state: 'done', results: [], missingReason: 'x' });
    expect(await batchBlockers(db, laterBatch!)).toEqual([]);
  });

  it('an include_all_emails job holds the whole workspace', async () => {
    const db = await testDb();
    const all = await createBulkAction(db, {
      actor,
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
    const other = await warmupAction(db, keys('ws_a', 1, 'z'));
    await markBatchStarting(db, (await batchesOf(db, all))[0]?.id ?? '', {});
    expect(await batchBlockers(db, (await batchesOf(db, other))[0]!)).toEqual([all]);
    expect(await accountLockedBy(db, { workspaceId: 'ws_a', email: 'anyone@x.com' })).toBe(all);
    expect(await accountLockedBy(db, { workspaceId: 'ws_b', email: 'anyone@x.com' })).toBeNull();
  });
});

describe('retry the failed ones', () => {
  it('is a new action holding exactly the failed accounts, in fresh batches', async () => {
    const db = await testDb();
    const id = await warmupAction(db, [...keys('ws_a', 150), ...keys('ws_b', 2)]);
    const [b1, b2, b3] = await batchesOf(db, id);
    await finishBatch(db, b1?.id ?? '', {
      state: 'done',
      results: (await itemsOfBatch(db, b1?.id ?? '')).map((i, n) => ({
        email: i.email,
        ok: n % 10 !== 0,
        error: 'No MX',
      })),
      missingReason: 'x',
    });
    await finishBatch(db, b2?.id ?? '', {
      state: 'done',
      results: (await itemsOfBatch(db, b2?.id ?? '')).map((i) => ({ email: i.email, ok: true })),
      missingReason: 'x',
    });
    await finishBatch(db, b3?.id ?? '', { state: 'failed', results: [], missingReason: 'Unknown outcome' });
    expect(await finalizeIfComplete(db, id)).toBe('partial');

    const retry = await createRetryAction(db, id, { actor, workspaceIds: ['ws_a', 'ws_b'] });
    expect(retry).not.toBeNull();
    const action = await getBulkAction(db, retry!);
    expect(action).toMatchObject({
      retryOf: id,
      kind: 'enable-warmup',
      total: 12,
      title: 'Retry: enable warmup · 12 accounts',
    });
    const failedBefore = (
      await actionItems(db, id, {
        workspaceIds: ['ws_a', 'ws_b'],
        state: 'failed',
        offset: 0,
        limit: 500,
      })
    ).items.map((i) => `${i.workspaceId}/${i.email}`);
    const retried = (
      await actionItems(db, retry!, {
        workspaceIds: ['ws_a', 'ws_b'],
        offset: 0,
        limit: 500,
      })
    ).items.map((i) => `${i.workspaceId}/${i.email}`);
    expect(retried.sort()).toEqual(failedBefore.sort());
    expect((await batchesOf(db, retry!)).map((b) => [b.workspaceId, b.size])).toEqual([
      ['ws_a', 10],
      ['ws_b', 2],
    ]);
    // Only the workspaces the caller holds keys for.
    const onlyB = await createRetryAction(db, id, { actor, workspaceIds: ['ws_b'] });
    expect((await getBulkAction(db, onlyB!))?.total).toBe(2);
  });

  it('returns null when nothing failed', async () => {
    const db = await testDb();
    const id = await createBulkAction(db, {
      actor,
      kind: 'pause',
      workspaces: [{ workspaceId: 'ws_a', label: 'A' }],
      keys: keys('ws_a', 1),
    });
    await finishItem(db, { id, kind: 'pause' }, { workspaceId: 'ws_a', email: 'u0000@x.com' }, { ok: true });
    expect(await createRetryAction(db, id, { actor, workspaceIds: ['ws_a'] })).toBeNull();
  });
});

describe('durability', () => {
  it('a reopened database (a restart) has every item exactly where it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulk-store-'));
    dirs.push(dir);
    const path = join(dir, 'fleet.db');
    const db = await openDb({ sqlitePath: path });
    expect((await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db)).rows[0]?.journal_mode).toBe(
      'wal',
    );
    const id = await createBulkAction(db, {
      actor,
      kind: 'pause',
      workspaces: [{ workspaceId: 'ws_a', label: 'A' }],
      keys: keys('ws_a', 3),
    });
    await finishItem(db, { id, kind: 'pause' }, { workspaceId: 'ws_a', email: 'u0000@x.com' }, { ok: true });
    await finishItem(
      db,
      { id, kind: 'pause' },
      { workspaceId: 'ws_a', email: 'u0001@x.com' },
      { ok: false, error: 'Not found' },
    );
    await db.destroy();

    const reopened = await openDb({ sqlitePath: path });
    expect(await actionCounts(reopened, id)).toEqual({
      total: 3,
      pending: 1,
      running: 0,
      done: 1,
      failed: 1,
    });
    expect((await auditForBulkAction(reopened, id)).map((e) => e.outcome)).toEqual(['success', 'failed']);
    await reopened.destroy();
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
  async function warmup(
    db: Db,
    kind: 'enable-warmup' | 'disable-warmup',
    accounts: ReturnType<typeof keys>,
    start: number,
    end: number,
    options: { failing?: string[]; unknown?: boolean } = {},
  ) {
    const id = await createBulkAction(db, {
      actor,
      kind,
      workspaces: [...acme, { workspaceId: 'ws_b', label: 'Globex' }],
      keys: accounts,
      batches: explicitBatches(accounts),
      now: at(start),
    });
    for (const batch of await batchesOf(db, id)) {
      await finishBatch(
        db,
        batch.id,
        {
          state: 'done',
          // An unknown outcome: Instantly never reported a result for any account.
          results: options.unknown
            ? []
            : (await itemsOfBatch(db, batch.id)).map((i) => ({
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

  async function perAccount(
    db: Db,
    kind: 'pause' | 'set-daily-limit',
    accounts: ReturnType<typeof keys>,
    minute: number,
    dailyLimit?: number,
  ) {
    const id = await createBulkAction(db, {
      actor,
      kind,
      workspaces: acme,
      keys: accounts,
      params: dailyLimit === undefined ? {} : { dailyLimit },
      now: at(minute),
    });
    for (const key of accounts) await finishItem(db, { id, kind }, key, { ok: true }, at(minute + 1));
    return id;
  }

  const emailsOf = (list: ReadonlyArray<{ email: string }>) => list.map((c) => c.email);
  const visible = { workspaceIds: ['ws_a', 'ws_b'] };

  it('names the later action, its kind and start, for exactly the overlapping accounts', async () => {
    const db = await testDb();
    const all = keys('ws_a', 10);
    const enable = await warmup(db, 'enable-warmup', all.slice(0, 6), 0, 1);
    const disable = await warmup(db, 'disable-warmup', all.slice(4, 10), 2, 3);

    const changed = await accountsChangedAgain(db, enable, warmupWriters, visible);
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
    expect(await accountsChangedAgain(db, disable, warmupWriters, visible)).toEqual([]);
    expect(groupChangedAgain(changed)).toEqual([
      { actionId: disable, kind: 'disable-warmup', label: 'Disable warmup', startedAt: at(2), count: 2 },
    ]);
  });

  it('goes by when each write landed, not when the action started', async () => {
    const db = await testDb();
    const all = keys('ws_a', 4);
    // Started first but its job ended last: its value is the one Instantly has.
    const slow = await warmup(db, 'enable-warmup', all, 0, 9);
    const fast = await warmup(db, 'disable-warmup', all, 1, 2);
    expect(await accountsChangedAgain(db, slow, warmupWriters, visible)).toEqual([]);
    expect(emailsOf(await accountsChangedAgain(db, fast, warmupWriters, visible))).toEqual(emailsOf(all));
  });

  it('names the latest of several later writes, the one whose value Instantly has now', async () => {
    const db = await testDb();
    const all = keys('ws_a', 6);
    const first = await warmup(db, 'enable-warmup', all, 0, 1);
    const second = await warmup(db, 'disable-warmup', all, 2, 3);
    const third = await warmup(db, 'enable-warmup', all.slice(0, 2), 4, 5);
    const changed = await accountsChangedAgain(db, first, warmupWriters, visible);
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

  it('counts only the same setting: a later pause does not undo an earlier warmup change', async () => {
    const db = await testDb();
    const all = keys('ws_a', 3);
    const enable = await warmup(db, 'enable-warmup', all, 0, 1);
    await perAccount(db, 'pause', all, 2);
    await perAccount(db, 'set-daily-limit', all, 4, 30);
    expect(await accountsChangedAgain(db, enable, warmupWriters, visible)).toEqual([]);
  });

  it('counts later writes that succeeded or whose outcome is unknown, not failed ones', async () => {
    const db = await testDb();
    const all = keys('ws_a', 4);
    const enable = await warmup(db, 'enable-warmup', all, 0, 1);
    // Two of the later job's accounts were refused: they still have the first action's value.
    const disable = await warmup(db, 'disable-warmup', all.slice(0, 3), 2, 3, {
      failing: [all[0]!.email, all[1]!.email],
    });
    // A write whose answer never came may have landed.
    const unknown = await warmup(db, 'disable-warmup', all.slice(3), 4, 5, { unknown: true });
    expect(
      (await accountsChangedAgain(db, enable, warmupWriters, visible)).map((c) => [c.email, c.actionId]),
    ).toEqual([
      [all[2]!.email, disable],
      [all[3]!.email, unknown],
    ]);
  });

  it('counts the action’s own accounts it changed or may have changed, not those it failed to change', async () => {
    const db = await testDb();
    const all = keys('ws_a', 3);
    const enable = await warmup(db, 'enable-warmup', all, 0, 1, { failing: [all[0]!.email] });
    await warmup(db, 'disable-warmup', all, 2, 3);
    expect(emailsOf(await accountsChangedAgain(db, enable, warmupWriters, visible))).toEqual(
      emailsOf(all.slice(1)),
    );
  });

  it('a save of the same field on the account page counts; a save of another field does not', async () => {
    const db = await testDb();
    const all = keys('ws_a', 3);
    const limit = await perAccount(db, 'set-daily-limit', all, 0, 40);
    const save = async (email: string, field: string, minute: number, outcome: 'success' | 'failed') =>
      await recordAudit(db, {
        actor,
        workspaceId: 'ws_a',
        action: 'update-settings',
        emails: [email],
        changes: { [field]: { old: 40, new: 25 } },
        outcome,
        at: at(minute),
      });
    await save(all[0]!.email, 'dailyLimit', 5, 'success');
    await save(all[1]!.email, 'sendingGap', 6, 'success');
    await save(all[2]!.email, 'dailyLimit', 7, 'failed');
    expect(await accountsChangedAgain(db, limit, limitWriters, visible)).toEqual([
      {
        ...all[0]!,
        actionId: null,
        kind: null,
        label: 'A save on the account page',
        startedAt: at(5),
      },
    ]);
    // A save made before the action's own write is not "afterwards".
    await save(all[1]!.email, 'dailyLimit', 0, 'success');
    expect(emailsOf(await accountsChangedAgain(db, limit, limitWriters, visible))).toEqual([all[0]!.email]);
  });

  it('names the daily limit the later action set, and orders writes of one millisecond by when they were recorded', async () => {
    const db = await testDb();
    const all = keys('ws_a', 2);
    const first = await perAccount(db, 'set-daily-limit', all, 0, 40);
    // Its writes are recorded in the same millisecond as the first action's.
    const second = await perAccount(db, 'set-daily-limit', all, 0, 30);
    expect(
      (await accountsChangedAgain(db, first, limitWriters, visible)).map((c) => [c.actionId, c.label]),
    ).toEqual(all.map(() => [second, 'Set daily limit to 30']));
    expect(await accountsChangedAgain(db, second, limitWriters, visible)).toEqual([]);
  });

  it('shows a browser only the accounts of workspaces it holds keys for', async () => {
    const db = await testDb();
    const all = [...keys('ws_a', 2), ...keys('ws_b', 2)];
    const enable = await warmup(db, 'enable-warmup', all, 0, 1);
    await warmup(db, 'disable-warmup', all, 2, 3);
    expect(await accountsChangedAgain(db, enable, warmupWriters, { workspaceIds: ['ws_b'] })).toHaveLength(2);
    expect(
      (await accountsChangedAgain(db, enable, warmupWriters, { workspaceIds: ['ws_b'] })).every(
        (c) => c.workspaceId === 'ws_b',
      ),
    ).toBe(true);
    expect(await accountsChangedAgain(db, enable, warmupWriters, { workspaceIds: [] })).toEqual([]);
  });

  it('answers for thousands of accounts at once', async () => {
    const db = await testDb();
    const all = keys('ws_a', 5000);
    const enable = await warmup(db, 'enable-warmup', all, 0, 1);
    const disable = await warmup(db, 'disable-warmup', all.slice(0, 3000), 2, 3);
    const counted = countingStatements(db);
    const changed = await accountsChangedAgain(counted.db, enable, warmupWriters, visible);
    // Set-based: a few statements for 5,000 accounts, never one per account.
    expect(counted.statements()).toBeLessThanOrEqual(2);
    expect(changed).toHaveLength(3000);
    expect(new Set(changed.map((c) => c.actionId))).toEqual(new Set([disable]));
  });
});
