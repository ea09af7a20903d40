import { describe, expect, it } from 'vitest';
import {
  auditAccounts,
  auditForAccount,
  auditForBulkAction,
  auditForWorkspace,
  recordAudit,
} from './audit-log';
import { testDb } from './test-db';
import { inTransaction } from './transaction';

/** Who the writes of these tests are made by. */
const actor = { id: 'p_ana', name: 'Ana Lima' };

describe('the audit log', () => {
  it('records an entry with its accounts, each with its own outcome inside a partial entry', async () => {
    const db = await testDb();
    const id = await recordAudit(db, {
      actor,
      workspaceId: 'ws_a',
      action: 'enable-warmup',
      emails: ['a@x.com', { email: 'b@x.com', error: 'MX record missing' }],
      changes: { warmupStatus: { new: 1 } },
      bulkActionId: 'ba_1',
      upstreamJobId: 'job1',
      outcome: 'partial',
      at: '2026-08-21T12:00:00.000Z',
    });
    expect(await auditAccounts(db, id)).toEqual([
      { email: 'a@x.com', outcome: 'success', error: null, changes: {} },
      { email: 'b@x.com', outcome: 'failed', error: 'MX record missing', changes: {} },
    ]);
    const [entry] = await auditForBulkAction(db, 'ba_1');
    expect(entry).toMatchObject({
      workspaceId: 'ws_a',
      action: 'enable-warmup',
      emailCount: 2,
      upstreamJobId: 'job1',
      outcome: 'partial',
      changes: { warmupStatus: { new: 1 } },
    });
  });

  it('gives one account its markers since a moment, oldest first, with its own old → new values', async () => {
    const db = await testDb();
    await recordAudit(db, {
      actor,
      workspaceId: 'ws_a',
      action: 'set-daily-limit',
      emails: [{ email: 'a@x.com', changes: { dailyLimit: { old: 30, new: 50 } } }],
      outcome: 'success',
      at: '2026-08-01T00:00:00.000Z',
    });
    await recordAudit(db, {
      actor,
      workspaceId: 'ws_a',
      action: 'pause',
      emails: ['a@x.com'],
      changes: { status: { old: 1, new: 2 } },
      outcome: 'success',
      at: '2026-08-10T00:00:00.000Z',
    });
    await recordAudit(db, {
      actor,
      workspaceId: 'ws_a',
      action: 'pause',
      emails: ['other@x.com'],
      outcome: 'success',
      at: '2026-08-11T00:00:00.000Z',
    });
    await recordAudit(db, {
      actor,
      workspaceId: 'ws_b',
      action: 'pause',
      emails: ['a@x.com'],
      outcome: 'success',
      at: '2026-08-12T00:00:00.000Z',
    });

    const all = await auditForAccount(db, 'ws_a', 'a@x.com', '');
    expect(all.map((e) => [e.action, e.at])).toEqual([
      ['set-daily-limit', '2026-08-01T00:00:00.000Z'],
      ['pause', '2026-08-10T00:00:00.000Z'],
    ]);
    expect(all[0]?.accountChanges).toEqual({ dailyLimit: { old: 30, new: 50 } });
    expect(all[1]?.accountChanges).toEqual({ status: { old: 1, new: 2 } });
    expect(
      (await auditForAccount(db, 'ws_a', 'a@x.com', '2026-08-05T00:00:00.000Z')).map((e) => e.action),
    ).toEqual(['pause']);
  });

  it('reads a workspace newest first inside a window', async () => {
    const db = await testDb();
    for (const day of ['01', '02', '03', '04']) {
      await recordAudit(db, {
        actor,
        workspaceId: 'ws_a',
        action: `a${day}`,
        emails: ['a@x.com'],
        outcome: 'success',
        at: `2026-08-${day}T00:00:00.000Z`,
      });
    }
    expect((await auditForWorkspace(db, 'ws_a')).map((e) => e.action)).toEqual(['a04', 'a03', 'a02', 'a01']);
    expect(
      (
        await auditForWorkspace(db, 'ws_a', {
          since: '2026-08-02T00:00:00.000Z',
          until: '2026-08-04T00:00:00.000Z',
        })
      ).map((e) => e.action),
    ).toEqual(['a03', 'a02']);
    expect((await auditForWorkspace(db, 'ws_a', { limit: 1 })).map((e) => e.action)).toEqual(['a04']);
  });

  it('is part of the caller’s transaction: a rolled-back change leaves no entry', async () => {
    const db = await testDb();
    await expect(
      inTransaction(db, async (trx) => {
        await recordAudit(trx, {
          actor,
          workspaceId: 'ws_a',
          action: 'pause',
          emails: ['a@x.com'],
          outcome: 'success',
        });
        // Inside the caller's transaction, the entry is there to read...
        expect(await auditForWorkspace(trx, 'ws_a')).toHaveLength(1);
        throw new Error('the change itself failed');
      }),
    ).rejects.toThrow('the change itself failed');
    expect(await auditForWorkspace(db, 'ws_a')).toEqual([]);
    expect(await auditForAccount(db, 'ws_a', 'a@x.com')).toEqual([]);
  });

  it('marks accounts of an unknown outcome as unknown', async () => {
    const db = await testDb();
    const id = await recordAudit(db, {
      actor,
      workspaceId: 'ws_a',
      action: 'disable-warmup',
      emails: ['a@x.com', 'b@x.com'],
      outcome: 'unknown',
      detail: 'The request timed out',
    });
    expect((await auditAccounts(db, id)).map((a) => a.outcome)).toEqual(['unknown', 'unknown']);
    expect((await auditForWorkspace(db, 'ws_a'))[0]?.detail).toBe('The request timed out');
  });

  it('writes a large entry in several inserts, counts an address given twice once, and returns rising ids', async () => {
    const db = await testDb();
    const emails = Array.from({ length: 1_203 }, (_, i) => `u${String(i).padStart(4, '0')}@x.com`);
    const first = await recordAudit(db, {
      actor,
      workspaceId: 'ws_a',
      action: 'enable-warmup',
      emails: [...emails, { email: 'u0000@x.com', error: 'repeated' }],
      outcome: 'success',
    });
    const second = await recordAudit(db, {
      actor,
      workspaceId: 'ws_a',
      action: 'pause',
      emails: [],
      outcome: 'success',
    });
    expect(second).toBeGreaterThan(first);
    const accounts = await auditAccounts(db, first);
    expect(accounts).toHaveLength(1_203);
    expect(accounts[0]).toEqual({ email: 'u0000@x.com', outcome: 'success', error: null, changes: {} });
    expect(accounts.at(-1)?.email).toBe('u1202@x.com');
    expect(await auditAccounts(db, second)).toEqual([]);
  });
});
