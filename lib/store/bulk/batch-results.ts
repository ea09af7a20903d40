import 'server-only';
import type { AuditAccountInput, AuditChanges, AuditOutcome } from '../audit-log';
import { recordAudit } from '../audit-log';
import { actorOfRow } from '../actor';
import type { Db } from '../connect';
import { inTransaction } from '../transaction';
import { type BatchRecord, OPEN_BATCH_STATES, parseKind, toBatch, toItem } from './records';

// What a job did, account by account: results while it runs, and the close of the batch at its end.

export interface EmailResult {
  email: string;
  ok: boolean;
  error?: string | null;
}

const lower = (email: string) => email.toLowerCase();

/**
 * Applies per-email results of a job to its items. An include_all_emails job may process accounts
 * the index did not expect: they are added as items, so the record stays exact account by account.
 * Returns the results that changed an item (newly finished accounts).
 */
async function applyResults(
  trx: Db,
  batch: BatchRecord,
  results: readonly EmailResult[],
  now: string,
): Promise<EmailResult[]> {
  const items = new Map((await itemsOf(trx, batch.id)).map((i) => [lower(i.email), i]));
  const changed: EmailResult[] = [];
  const added: Array<{ email: string; state: string; error: string | null }> = [];
  for (const result of results) {
    const item = items.get(lower(result.email));
    const state = result.ok ? 'done' : 'failed';
    const error = result.ok ? null : (result.error ?? 'Instantly reported a failure without a reason');
    if (!item) {
      if (!batch.allEmails) continue;
      added.push({ email: result.email, state, error });
      items.set(lower(result.email), { email: result.email, state, error });
      changed.push(result);
      continue;
    }
    if (item.state === 'done' || item.state === 'failed') continue;
    await trx
      .updateTable('bulk_action_items')
      .set({ state, error, updated_at: now })
      .where('action_id', '=', batch.actionId)
      .where('workspace_id', '=', batch.workspaceId)
      .where('email', '=', item.email)
      .execute();
    item.state = state;
    changed.push({ ...result, email: item.email });
  }
  if (added.length > 0) {
    for (let i = 0; i < added.length; i += 500) {
      await trx
        .insertInto('bulk_action_items')
        .values(
          added.slice(i, i + 500).map((a) => ({
            action_id: batch.actionId,
            workspace_id: batch.workspaceId,
            email: a.email,
            state: a.state,
            error: a.error,
            batch_id: batch.id,
            updated_at: now,
          })),
        )
        .execute();
    }
    await trx
      .updateTable('bulk_actions')
      .set((eb) => ({ total: eb('total', '+', added.length) }))
      .where('id', '=', batch.actionId)
      .execute();
    await trx
      .updateTable('bulk_action_workspaces')
      .set((eb) => ({ count: eb('count', '+', added.length) }))
      .where('action_id', '=', batch.actionId)
      .where('workspace_id', '=', batch.workspaceId)
      .execute();
  }
  return changed;
}

const itemsOf = (trx: Db, batchId: string) =>
  trx
    .selectFrom('bulk_action_items')
    .select(['email', 'state', 'error'])
    .where('batch_id', '=', batchId)
    .execute();

async function lockedBatch(trx: Db, batchId: string): Promise<BatchRecord | null> {
  const row = await trx
    .selectFrom('bulk_action_batches')
    .selectAll()
    .where('id', '=', batchId)
    .executeTakeFirst();
  return row ? toBatch(row) : null;
}

/** Results reported while the job still runs (processed_emails grows as Instantly works). */
export async function applyBatchProgress(
  db: Db,
  batchId: string,
  results: readonly EmailResult[],
  now = new Date().toISOString(),
): Promise<EmailResult[]> {
  return inTransaction(db, async (trx) => {
    const batch = await lockedBatch(trx, batchId);
    if (!batch || batch.state !== 'running') return [];
    const changed = await applyResults(trx, batch, results, now);
    if (changed.length > 0)
      await trx
        .updateTable('bulk_actions')
        .set({ updated_at: now })
        .where('id', '=', batch.actionId)
        .execute();
    return changed;
  });
}

export interface BatchOutcome {
  state: 'done' | 'failed';
  results: readonly EmailResult[];
  /** Why the accounts without a result failed. */
  missingReason: string;
  upstreamStatus?: string | null;
  error?: string | null;
  /** `unknown` when Instantly never told us what happened (a write that timed out, a lost job). */
  auditOutcome?: AuditOutcome;
  changes?: AuditChanges;
  /** Per-account changes (old → new), by email. */
  accountChanges?: ReadonlyMap<string, AuditChanges>;
}

/**
 * Ends a batch: per-email results, every account still without one failed with `missingReason`, the
 * batch closed (only if it was still open: the close is the conditional write that decides who ends
 * it) and its audit entry (which accounts, outcome, job id, in the action's creator's name), all in
 * one transaction: a batch never ends without its entry.
 */
export async function finishBatch(
  db: Db,
  batchId: string,
  outcome: BatchOutcome,
  now = new Date().toISOString(),
): Promise<{ done: number; failed: number }> {
  return inTransaction(db, async (trx) => {
    const batch = await lockedBatch(trx, batchId);
    if (!batch) return { done: 0, failed: 0 };
    const closed = await trx
      .updateTable('bulk_action_batches')
      .set({
        state: outcome.state,
        progress: 100,
        upstream_status: outcome.upstreamStatus ?? batch.upstreamStatus,
        error: outcome.error ?? null,
        finished_at: now,
        next_poll_at: null,
        updated_at: now,
      })
      .where('id', '=', batchId)
      .where('state', 'in', [...OPEN_BATCH_STATES])
      .executeTakeFirst();
    if (Number(closed.numUpdatedRows) !== 1) return { done: 0, failed: 0 };
    await applyResults(trx, batch, outcome.results, now);
    await trx
      .updateTable('bulk_action_items')
      .set({ state: 'failed', error: outcome.missingReason, updated_at: now })
      .where('batch_id', '=', batchId)
      .where('state', 'in', ['pending', 'running'])
      .execute();
    await trx.updateTable('bulk_actions').set({ updated_at: now }).where('id', '=', batch.actionId).execute();
    const action = await trx
      .selectFrom('bulk_actions')
      .select(['kind', 'actor_id', 'actor_name'])
      .where('id', '=', batch.actionId)
      .executeTakeFirstOrThrow();
    const items = (
      await trx.selectFrom('bulk_action_items').selectAll().where('batch_id', '=', batchId).execute()
    ).map(toItem);
    const done = items.filter((i) => i.state === 'done').length;
    const failed = items.length - done;
    const unknown = outcome.auditOutcome === 'unknown';
    const accounts: AuditAccountInput[] = items.map((item) => ({
      email: item.email,
      outcome: item.state === 'done' ? 'success' : unknown ? 'unknown' : 'failed',
      error: item.error,
      changes: outcome.accountChanges?.get(item.email),
    }));
    // The close above happens once, so the entry is written once.
    await recordAudit(trx, {
      workspaceId: batch.workspaceId,
      action: parseKind(action.kind),
      emails: accounts,
      changes: outcome.changes,
      bulkActionId: batch.actionId,
      upstreamJobId: batch.upstreamJobId,
      outcome: outcome.auditOutcome ?? (failed === 0 ? 'success' : done === 0 ? 'failed' : 'partial'),
      detail: outcome.error ?? null,
      actor: actorOfRow(action),
      at: now,
    });
    return { done, failed };
  });
}
