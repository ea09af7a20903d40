import 'server-only';
import {
  type BulkActionParams,
  type NewBatch,
  batchIndexOf,
  dedupeKeys,
  explicitBatches,
  titleFor,
} from '@/lib/bulk/plan';
import { isWarmupKind } from '@/lib/bulk/catalog';
import { type AccountKey, type BulkActionKind, accountKey } from '@/lib/schemas/api-bulk-actions';
import { type Actor, actorColumns } from '../actor';
import type { Db } from '../connect';
import { inTransaction } from '../transaction';
import { chunks, newId } from './records';
import { failedItems, getBulkAction } from './reads';

export interface NewBulkAction {
  kind: BulkActionKind;
  params?: BulkActionParams;
  title?: string;
  workspaces: ReadonlyArray<{ workspaceId: string; label: string }>;
  keys: readonly AccountKey[];
  batches?: readonly NewBatch[];
  retryOf?: string | null;
  /** Who starts it (a retry: who asked for the retry). */
  actor: Actor;
  now?: string;
}

/**
 * Creates an action with every item (pending) and, for warmup kinds, its batches, in one transaction:
 * an action either exists with all its accounts or not at all.
 */
export async function createBulkAction(db: Db, input: NewBulkAction): Promise<string> {
  const now = input.now ?? new Date().toISOString();
  const keys = dedupeKeys(input.keys);
  if (keys.length === 0) throw new Error('a bulk action needs at least one account');
  const params = input.params ?? {};
  const labels = new Map(input.workspaces.map((w) => [w.workspaceId, w.label]));
  const counts = new Map<string, number>();
  for (const key of keys) {
    if (!labels.has(key.workspaceId)) throw new Error(`account ${key.email} is in an unlisted workspace`);
    counts.set(key.workspaceId, (counts.get(key.workspaceId) ?? 0) + 1);
  }
  // Checked before anything is written: a bad plan (an account in two jobs, or in none) is refused.
  const batchIndex = input.batches ? batchIndexOf(keys, input.batches) : null;
  const id = newId('ba');
  const batchIds = (input.batches ?? []).map(() => newId('bb'));

  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('bulk_actions')
      .values({
        id,
        kind: input.kind,
        params_json: JSON.stringify(params),
        status: 'running',
        title: input.title ?? titleFor(input.kind, params, keys.length, Boolean(input.retryOf)),
        total: keys.length,
        created_at: now,
        updated_at: now,
        retry_of: input.retryOf ?? null,
        ...actorColumns(input.actor),
      })
      .execute();
    await trx
      .insertInto('bulk_action_workspaces')
      .values(
        [...counts].map(([workspaceId, count]) => ({
          action_id: id,
          workspace_id: workspaceId,
          label: labels.get(workspaceId) ?? workspaceId,
          count,
        })),
      )
      .execute();
    const batchRows = (input.batches ?? []).map((batch, seq) => ({
      id: batchIds[seq] ?? newId('bb'),
      action_id: id,
      workspace_id: batch.workspaceId,
      seq,
      all_emails: batch.allEmails ? 1 : 0,
      size: batch.emails.length,
      request_json: JSON.stringify(batch.request),
      state: 'queued',
      created_at: now,
      updated_at: now,
    }));
    for (const part of chunks(batchRows, 200))
      await trx.insertInto('bulk_action_batches').values(part).execute();
    const itemRows = keys.map((key) => {
      const index = batchIndex?.get(accountKey(key));
      return {
        action_id: id,
        workspace_id: key.workspaceId,
        email: key.email,
        state: 'pending',
        error: null,
        batch_id: index === undefined ? null : (batchIds[index] ?? null),
        updated_at: now,
      };
    });
    for (const part of chunks(itemRows)) await trx.insertInto('bulk_action_items').values(part).execute();
  });
  return id;
}

/**
 * "Retry the failed ones": a new action (retry_of the source) holding exactly the failed items the
 * caller may act on, with fresh explicit batches for warmup kinds. Null when nothing failed. Read and
 * write are one transaction: the failed items read are the ones the retry holds.
 */
export async function createRetryAction(
  db: Db,
  sourceId: string,
  options: { workspaceIds: readonly string[]; actor: Actor; now?: string; batchSize?: number },
): Promise<string | null> {
  return inTransaction(db, async (trx) => {
    const source = await getBulkAction(trx, sourceId);
    if (!source) return null;
    const failed = (await failedItems(trx, sourceId)).filter((i) =>
      options.workspaceIds.includes(i.workspaceId),
    );
    if (failed.length === 0) return null;
    const keys = failed.map((i) => ({ workspaceId: i.workspaceId, email: i.email }));
    return createBulkAction(trx, {
      kind: source.kind,
      params: source.params,
      workspaces: source.workspaces.filter((w) => keys.some((k) => k.workspaceId === w.workspaceId)),
      keys,
      batches: isWarmupKind(source.kind) ? explicitBatches(keys, options.batchSize) : undefined,
      retryOf: sourceId,
      actor: options.actor,
      now: options.now,
    });
  });
}
