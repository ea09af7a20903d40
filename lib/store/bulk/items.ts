import 'server-only';
import type { AccountKey, ActionStatus, ItemState } from '@/lib/schemas/api-bulk-actions';
import { type AuditChanges, type AuditOutcome, recordAudit } from '../audit-log';
import { actorOfRow } from '../actor';
import type { Db } from '../connect';
import { inTransaction } from '../transaction';
import { accountLockedBy, lockClaims } from './claims';
import { type BulkActionRecord, OPEN_BATCH_STATES } from './records';
import { actionCounts } from './reads';

// One function per state change of a per-account item and of the action itself. The conditional
// writes (`WHERE state = …`) are what keep two processes from both running one account.

const UNFINISHED: ItemState[] = ['pending', 'running'];

/** Sets an unfinished item's state (pending with a reason while it waits, or running). */
export async function setItemState(
  db: Db,
  actionId: string,
  key: AccountKey,
  state: ItemState,
  error: string | null = null,
  now = new Date().toISOString(),
): Promise<void> {
  await db
    .updateTable('bulk_action_items')
    .set({ state, error, updated_at: now })
    .where('action_id', '=', actionId)
    .where('workspace_id', '=', key.workspaceId)
    .where('email', '=', key.email)
    .where('state', 'in', UNFINISHED)
    .execute();
}

/**
 * Ends one per-account item with its audit entry (in the action's creator's name), in one
 * transaction: an item never ends without its entry, nor is an entry written for an item that did
 * not end. Only an unfinished item ends (once). Returns whether this call ended it.
 */
export async function finishItem(
  db: Db,
  action: Pick<BulkActionRecord, 'id' | 'kind'>,
  key: AccountKey,
  result: { ok: boolean; error?: string | null; outcome?: AuditOutcome; changes?: AuditChanges },
  now = new Date().toISOString(),
): Promise<boolean> {
  const error = result.ok ? null : (result.error ?? 'Failed');
  return inTransaction(db, async (trx) => {
    const update = await trx
      .updateTable('bulk_action_items')
      .set({ state: result.ok ? 'done' : 'failed', error, updated_at: now })
      .where('action_id', '=', action.id)
      .where('workspace_id', '=', key.workspaceId)
      .where('email', '=', key.email)
      .where('state', 'in', UNFINISHED)
      .executeTakeFirst();
    if (Number(update.numUpdatedRows) !== 1) return false;
    const creator = await trx
      .updateTable('bulk_actions')
      .set({ updated_at: now })
      .where('id', '=', action.id)
      .returning(['actor_id', 'actor_name'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      workspaceId: key.workspaceId,
      action: action.kind,
      emails: [
        {
          email: key.email,
          error,
          outcome: result.ok ? 'success' : result.outcome === 'unknown' ? 'unknown' : 'failed',
        },
      ],
      changes: result.changes,
      bulkActionId: action.id,
      outcome: result.outcome ?? (result.ok ? 'success' : 'failed'),
      actor: actorOfRow(creator),
      at: now,
    });
    return true;
  });
}

/**
 * Marks a pending per-account item running unless a starting or running warmup job holds the
 * account: the check and the mark in one transaction under the workspace's claim lock, so no job
 * (started by any process) can take the account in between. `heldBy`: the holding action (nothing
 * marked); `marked` false without a holder: the item was no longer pending (another process has it).
 * `error`: the reason from an earlier try, which stays up while this one runs.
 */
export async function markItemRunningUnlessLocked(
  db: Db,
  actionId: string,
  key: AccountKey,
  error: string | null,
  now = new Date().toISOString(),
): Promise<{ marked: boolean; heldBy: string | null }> {
  return inTransaction(db, async (trx) => {
    await lockClaims(trx, key.workspaceId);
    const heldBy = await accountLockedBy(trx, key);
    if (heldBy) return { marked: false, heldBy };
    const update = await trx
      .updateTable('bulk_action_items')
      .set({ state: 'running', error, updated_at: now })
      .where('action_id', '=', actionId)
      .where('workspace_id', '=', key.workspaceId)
      .where('email', '=', key.email)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    return { marked: Number(update.numUpdatedRows) === 1, heldBy: null };
  });
}

export async function touchAction(db: Db, actionId: string, now = new Date().toISOString()): Promise<void> {
  await db.updateTable('bulk_actions').set({ updated_at: now }).where('id', '=', actionId).execute();
}

export async function recordActionError(
  db: Db,
  actionId: string,
  message: string,
  now = new Date().toISOString(),
): Promise<void> {
  await db
    .updateTable('bulk_actions')
    .set({ last_error: message.slice(0, 1000), updated_at: now })
    .where('id', '=', actionId)
    .execute();
}

/**
 * Closes the action once nothing is left: done when every account succeeded, partial when some
 * failed, failed when none succeeded. Returns the status (still `running` when work is left). The
 * close is conditional on `running`, so of two processes closing at once one does it.
 */
export async function finalizeIfComplete(
  db: Db,
  actionId: string,
  now = new Date().toISOString(),
): Promise<ActionStatus> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('bulk_actions')
      .select('status')
      .where('id', '=', actionId)
      .executeTakeFirst();
    if (!row) return 'failed';
    if (row.status !== 'running')
      return row.status === 'done' || row.status === 'partial' ? row.status : 'failed';
    const counts = await actionCounts(trx, actionId);
    const open = await trx
      .selectFrom('bulk_action_batches')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action_id', '=', actionId)
      .where('state', 'in', [...OPEN_BATCH_STATES])
      .executeTakeFirst();
    if (counts.pending > 0 || counts.running > 0 || (open?.n ?? 0) > 0) return 'running';
    const status: ActionStatus = counts.failed === 0 ? 'done' : counts.done === 0 ? 'failed' : 'partial';
    await trx
      .updateTable('bulk_actions')
      .set({ status, finished_at: now, updated_at: now })
      .where('id', '=', actionId)
      .where('status', '=', 'running')
      .execute();
    return status;
  });
}
