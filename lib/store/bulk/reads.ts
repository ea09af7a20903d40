import 'server-only';
import type {
  BulkActionDetail,
  BulkActionItem,
  BulkActionSummary,
  ItemState,
} from '@/lib/schemas/api-bulk-actions';
import type { Selectable } from 'kysely';
import type { Db } from '../connect';
import type { Tables } from '../schema';
import {
  type ActionWorkspace,
  type BatchRecord,
  type BulkActionRecord,
  type ItemRecord,
  OPEN_BATCH_STATES,
  chunks,
  itemStateSchema,
  toAction,
  toBatch,
  toItem,
} from './records';

// Plain reads of the bulk tables: one action, its batches and items. The job centre's list has its
// own read model (job-centre.ts), which asks for many actions at once.

/** Action rows with their workspaces, in one more query however many they are. */
export async function withWorkspaces(
  db: Db,
  rows: ReadonlyArray<Selectable<Tables['bulk_actions']>>,
): Promise<BulkActionRecord[]> {
  const workspaces = new Map<string, ActionWorkspace[]>();
  for (const part of chunks(rows.map((r) => r.id))) {
    const ws = await db
      .selectFrom('bulk_action_workspaces')
      .select(['action_id', 'workspace_id', 'label', 'count'])
      .where('action_id', 'in', part)
      .orderBy('label')
      .orderBy('workspace_id')
      .execute();
    for (const w of ws) {
      const list = workspaces.get(w.action_id) ?? [];
      list.push({ workspaceId: w.workspace_id, label: w.label, count: w.count });
      workspaces.set(w.action_id, list);
    }
  }
  return rows.map((row) => toAction(row, workspaces.get(row.id) ?? []));
}

/** The actions with these ids (with their workspaces), in two queries however many they are. */
export async function getBulkActions(db: Db, ids: readonly string[]): Promise<BulkActionRecord[]> {
  if (ids.length === 0) return [];
  const rows = [];
  for (const part of chunks(ids))
    rows.push(...(await db.selectFrom('bulk_actions').selectAll().where('id', 'in', part).execute()));
  const byId = new Map((await withWorkspaces(db, rows)).map((a) => [a.id, a]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Every unfinished action, oldest first (with its workspaces). */
export async function activeActions(db: Db): Promise<BulkActionRecord[]> {
  const rows = await db
    .selectFrom('bulk_actions')
    .selectAll()
    .where('status', '=', 'running')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return withWorkspaces(db, rows);
}

export async function getBulkAction(db: Db, id: string): Promise<BulkActionRecord | null> {
  return (await getBulkActions(db, [id]))[0] ?? null;
}

/** Whether a browser holding keys for these workspaces may see the action. */
export function actionVisibleTo(action: BulkActionRecord, workspaceIds: readonly string[]): boolean {
  return action.workspaces.some((w) => workspaceIds.includes(w.workspaceId));
}

export async function batchesOf(db: Db, actionId: string): Promise<BatchRecord[]> {
  const rows = await db
    .selectFrom('bulk_action_batches')
    .selectAll()
    .where('action_id', '=', actionId)
    .orderBy('seq')
    .execute();
  return rows.map(toBatch);
}

export async function getBatch(db: Db, batchId: string): Promise<BatchRecord | null> {
  const row = await db
    .selectFrom('bulk_action_batches')
    .selectAll()
    .where('id', '=', batchId)
    .executeTakeFirst();
  return row ? toBatch(row) : null;
}

export async function itemsOfBatch(db: Db, batchId: string): Promise<ItemRecord[]> {
  return (await db.selectFrom('bulk_action_items').selectAll().where('batch_id', '=', batchId).execute()).map(
    toItem,
  );
}

export async function pendingItems(db: Db, actionId: string, workspaceId: string): Promise<ItemRecord[]> {
  const rows = await db
    .selectFrom('bulk_action_items')
    .selectAll()
    .where('action_id', '=', actionId)
    .where('workspace_id', '=', workspaceId)
    .where('state', '=', 'pending')
    .orderBy('email')
    .execute();
  return rows.map(toItem);
}

/** Per-account items left `running` by a process that stopped mid-call. */
export async function orphanedRunningItems(db: Db, actionId: string): Promise<ItemRecord[]> {
  const rows = await db
    .selectFrom('bulk_action_items')
    .selectAll()
    .where('action_id', '=', actionId)
    .where('state', '=', 'running')
    .where('batch_id', 'is', null)
    .execute();
  return rows.map(toItem);
}

export async function failedItems(db: Db, actionId: string): Promise<ItemRecord[]> {
  const rows = await db
    .selectFrom('bulk_action_items')
    .selectAll()
    .where('action_id', '=', actionId)
    .where('state', '=', 'failed')
    .orderBy('workspace_id')
    .orderBy('email')
    .execute();
  return rows.map(toItem);
}

/** Item counts by state, for many actions in one query. */
export async function countsByAction(
  db: Db,
  actionIds: readonly string[],
): Promise<Map<string, BulkActionSummary['counts']>> {
  const out = new Map<string, BulkActionSummary['counts']>();
  for (const id of actionIds) out.set(id, { total: 0, pending: 0, running: 0, done: 0, failed: 0 });
  for (const part of chunks(actionIds)) {
    const rows = await db
      .selectFrom('bulk_action_items')
      .select((eb) => ['action_id', 'state', eb.fn.countAll<number>().as('n')])
      .where('action_id', 'in', part)
      .groupBy(['action_id', 'state'])
      .execute();
    for (const row of rows) {
      const counts = out.get(row.action_id);
      if (!counts) continue;
      counts[itemStateSchema.parse(row.state)] += row.n;
      counts.total += row.n;
    }
  }
  return out;
}

export async function actionCounts(db: Db, actionId: string): Promise<BulkActionSummary['counts']> {
  return (
    (await countsByAction(db, [actionId])).get(actionId) ?? {
      total: 0,
      pending: 0,
      running: 0,
      done: 0,
      failed: 0,
    }
  );
}

/** The items a browser may see (only its workspaces'), paged, optionally one state only. */
export async function actionItems(
  db: Db,
  actionId: string,
  options: { workspaceIds: readonly string[]; state?: ItemState; offset: number; limit: number },
): Promise<Pick<BulkActionDetail, 'items' | 'itemsTotal'>> {
  if (options.workspaceIds.length === 0) return { items: [], itemsTotal: 0 };
  let base = db
    .selectFrom('bulk_action_items')
    .where('action_id', '=', actionId)
    .where('workspace_id', 'in', [...options.workspaceIds]);
  if (options.state) base = base.where('state', '=', options.state);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  // Failures first when showing everything: they are what a person came to look at.
  const rows = await base
    .selectAll()
    .orderBy((eb) =>
      eb.case('state').when('failed').then(0).when('running').then(1).when('pending').then(2).else(3).end(),
    )
    .orderBy('email')
    .orderBy('workspace_id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  const items: BulkActionItem[] = rows.map((r) => ({
    workspaceId: r.workspace_id,
    email: r.email,
    state: itemStateSchema.parse(r.state),
    error: r.error,
    updatedAt: r.updated_at,
    changedAgainBy: null,
  }));
  return { items, itemsTotal: total?.n ?? 0 };
}

export async function activeActionIds(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('bulk_actions')
    .select('id')
    .where('status', '=', 'running')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Per action, the workspaces where it still has work: pending or running items, or open batches. */
export async function workspacesWithWorkOf(
  db: Db,
  actionIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, Set<string>>();
  for (const part of chunks(actionIds)) {
    const rows = await db
      .selectFrom('bulk_action_items')
      .select(['action_id', 'workspace_id'])
      .distinct()
      .where('action_id', 'in', part)
      .where('state', 'in', ['pending', 'running'])
      .union(
        db
          .selectFrom('bulk_action_batches')
          .select(['action_id', 'workspace_id'])
          .distinct()
          .where('action_id', 'in', part)
          .where('state', 'in', [...OPEN_BATCH_STATES]),
      )
      .execute();
    for (const row of rows) {
      const set = out.get(row.action_id) ?? new Set<string>();
      set.add(row.workspace_id);
      out.set(row.action_id, set);
    }
  }
  return new Map([...out].map(([id, set]) => [id, [...set].sort()]));
}

export async function workspacesWithWork(db: Db, actionId: string): Promise<string[]> {
  return (await workspacesWithWorkOf(db, [actionId])).get(actionId) ?? [];
}
