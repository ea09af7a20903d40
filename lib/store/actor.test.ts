import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { auditForAccount, auditForWorkspace, recordAudit } from './audit-log';
import { explicitBatches } from '@/lib/bulk/plan';
import { finishBatch } from './bulk/batch-results';
import { createBulkAction, createRetryAction } from './bulk/create';
import { finishItem } from './bulk/items';
import { batchesOf, getBulkAction } from './bulk/reads';
import { type Db, connect } from './connect';
import { migrate } from './migrate';
import { ACTOR_BEFORE_SIGN_IN, migrations } from './migrations';
import { sharedTestTarget, testDb } from './test-db';

// Who did it: every audit entry and bulk action keeps its actor, on SQLite and PostgreSQL alike.

const ana = { id: 'p_ana', name: 'Ana Lima' };
const demoVisitor = { id: null, name: 'Demo visitor' };
const key = { workspaceId: 'ws_a', email: 'a@x.com' };

const opened: Db[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.destroy();
});

async function fresh(): Promise<Db> {
  const db = await testDb();
  opened.push(db);
  return db;
}

describe('actors', () => {
  it('an audit entry keeps who made it, read back per workspace and per account', async () => {
    const db = await fresh();
    await recordAudit(db, {
      workspaceId: 'ws_a',
      action: 'update-settings',
      emails: ['a@x.com'],
      outcome: 'success',
      actor: ana,
      at: '2026-08-01T10:00:00.000Z',
    });
    await recordAudit(db, {
      workspaceId: 'ws_a',
      action: 'update-settings',
      emails: ['a@x.com'],
      outcome: 'success',
      actor: demoVisitor,
      at: '2026-08-01T11:00:00.000Z',
    });
    expect((await auditForWorkspace(db, 'ws_a')).map((e) => e.actor)).toEqual([demoVisitor, ana]);
    expect((await auditForAccount(db, 'ws_a', 'a@x.com')).map((e) => e.actor)).toEqual([ana, demoVisitor]);
  });

  it('a bulk action keeps its creator, its audit entries carry them, and a retry is whoever asked', async () => {
    const db = await fresh();
    const id = await createBulkAction(db, {
      kind: 'pause',
      workspaces: [{ workspaceId: 'ws_a', label: 'A' }],
      keys: [key, { workspaceId: 'ws_a', email: 'b@x.com' }],
      actor: ana,
    });
    expect((await getBulkAction(db, id))?.actor).toEqual(ana);
    await finishItem(db, { id, kind: 'pause' }, key, { ok: true });
    await finishItem(db, { id, kind: 'pause' }, { workspaceId: 'ws_a', email: 'b@x.com' }, { ok: false });
    expect((await auditForWorkspace(db, 'ws_a')).map((e) => e.actor)).toEqual([ana, ana]);

    const retry = await createRetryAction(db, id, { workspaceIds: ['ws_a'], actor: demoVisitor });
    expect((await getBulkAction(db, retry ?? ''))?.actor).toEqual(demoVisitor);
  });

  it('a state change and its audit entry commit together: a failing audit write rolls the change back', async () => {
    const db = await fresh();
    const perAccount = await createBulkAction(db, {
      kind: 'pause',
      workspaces: [{ workspaceId: 'ws_a', label: 'A' }],
      keys: [key],
      actor: ana,
    });
    const warmup = await createBulkAction(db, {
      kind: 'enable-warmup',
      workspaces: [{ workspaceId: 'ws_a', label: 'A' }],
      keys: [key],
      batches: explicitBatches([key]),
      actor: ana,
    });
    const [batch] = await batchesOf(db, warmup);
    // The audit write fails half-way (its accounts' table is gone), inside the state change's transaction.
    await sql`DROP TABLE audit_log_accounts`.execute(db);
    await expect(finishItem(db, { id: perAccount, kind: 'pause' }, key, { ok: true })).rejects.toThrow();
    await expect(
      finishBatch(db, batch?.id ?? '', {
        state: 'done',
        results: [{ email: key.email, ok: true }],
        missingReason: '',
      }),
    ).rejects.toThrow();

    const items = await db
      .selectFrom('bulk_action_items')
      .select(['action_id', 'state'])
      .orderBy('action_id')
      .execute();
    expect(items.map((i) => i.state)).toEqual(['pending', 'pending']);
    expect((await batchesOf(db, warmup)).map((b) => b.state)).toEqual(['queued']);
    expect(await db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
  });

  it('a finished batch writes its audit entry in the name of the action creator', async () => {
    const db = await fresh();
    const id = await createBulkAction(db, {
      kind: 'enable-warmup',
      workspaces: [{ workspaceId: 'ws_a', label: 'A' }],
      keys: [key],
      batches: explicitBatches([key]),
      actor: ana,
    });
    const [batch] = await batchesOf(db, id);
    await finishBatch(db, batch?.id ?? '', {
      state: 'done',
      results: [{ email: key.email, ok: true }],
      missingReason: '',
    });
    expect((await auditForWorkspace(db, 'ws_a')).map((e) => [e.bulkActionId, e.actor])).toEqual([[id, ana]]);
  });

  it('rows written before migration 11 read back as made before sign-in', async () => {
    const db = await connect(sharedTestTarget());
    opened.push(db);
    await migrate(
      db,
      migrations.filter((m) => m.id < 11),
    );
    // The columns of the time: no actor (raw SQL, since schema.ts describes the tables as they are now).
    await sql`INSERT INTO bulk_actions (id, kind, status, title, total, created_at, updated_at)
      VALUES ('ba_old', 'pause', 'done', 'Pause · 1 account', 1, '2026-01-01', '2026-01-01')`.execute(db);
    await sql`INSERT INTO audit_log (at, workspace_id, action, email_count, outcome)
      VALUES ('2026-01-01', 'ws_a', 'pause', 1, 'success')`.execute(db);
    expect(await migrate(db)).toEqual(migrations.filter((m) => m.id >= 11).map((m) => m.id));
    const before = { id: null, name: ACTOR_BEFORE_SIGN_IN };
    expect((await getBulkAction(db, 'ba_old'))?.actor).toEqual(before);
    expect((await auditForWorkspace(db, 'ws_a')).map((e) => e.actor)).toEqual([before]);
  });
});
