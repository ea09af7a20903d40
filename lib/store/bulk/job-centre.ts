import 'server-only';
import type { BulkActionSummary } from '@/lib/schemas/api-bulk-actions';
import type { Db } from '../connect';
import { type BulkActionRecord, chunks } from './records';
import { countsByAction, withWorkspaces } from './reads';

// The job centre's read model: the list of actions with their counts, progress and jobs, in a fixed
// number of queries whatever the number of actions (the tray polls it every second or two per tab).

/**
 * Actions touching any of these workspaces (the ones a browser holds keys for), newest first.
 * `active`: only those with work left.
 */
export async function listBulkActions(
  db: Db,
  options: { workspaceIds: readonly string[]; active?: boolean; limit?: number },
): Promise<BulkActionRecord[]> {
  if (options.workspaceIds.length === 0) return [];
  const rows = await db
    .selectFrom('bulk_actions as a')
    .selectAll('a')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('bulk_action_workspaces as w')
          .select('w.action_id')
          .whereRef('w.action_id', '=', 'a.id')
          .where('w.workspace_id', 'in', [...options.workspaceIds]),
      ),
    )
    .$if(options.active === true, (qb) => qb.where('a.status', '=', 'running'))
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(options.limit ?? 50)
    .execute();
  return withWorkspaces(db, rows);
}

interface BatchLine {
  action_id: string;
  upstream_job_id: string | null;
  workspace_id: string;
  state: string;
  progress: number;
  size: number;
  finished: number;
}

/** Every batch of these actions with how many of its accounts finished: one query. */
async function batchLines(db: Db, actionIds: readonly string[]): Promise<Map<string, BatchLine[]>> {
  const out = new Map<string, BatchLine[]>();
  for (const part of chunks(actionIds)) {
    const rows = await db
      .selectFrom('bulk_action_batches as b')
      .leftJoin(
        (eb) =>
          eb
            .selectFrom('bulk_action_items')
            .select((e) => ['batch_id', e.fn.countAll<number>().as('n')])
            .where('action_id', 'in', part)
            .where('state', 'in', ['done', 'failed'])
            .where('batch_id', 'is not', null)
            .groupBy('batch_id')
            .as('f'),
        (join) => join.onRef('f.batch_id', '=', 'b.id'),
      )
      .select((eb) => [
        'b.action_id',
        'b.upstream_job_id',
        'b.workspace_id',
        'b.state',
        'b.progress',
        'b.size',
        eb.fn.coalesce('f.n', eb.lit(0)).as('finished'),
      ])
      .where('b.action_id', 'in', part)
      .orderBy('b.action_id')
      .orderBy('b.seq')
      .execute();
    for (const row of rows) {
      const list = out.get(row.action_id) ?? [];
      list.push({ ...row, finished: Number(row.finished) });
      out.set(row.action_id, list);
    }
  }
  return out;
}

/** The summaries as stored, in two queries for any number of actions; `waitingFor` is the engine's to fill. */
export async function summarizeActions(
  db: Db,
  actions: readonly BulkActionRecord[],
): Promise<BulkActionSummary[]> {
  const ids = actions.map((a) => a.id);
  const counts = await countsByAction(db, ids);
  const batches = await batchLines(db, ids);
  return actions.map((action) => {
    const c = counts.get(action.id) ?? { total: 0, pending: 0, running: 0, done: 0, failed: 0 };
    const lines = batches.get(action.id) ?? [];
    // A running job's own progress counts for the accounts not yet reported one by one.
    let inFlight = 0;
    for (const b of lines) {
      if (b.state === 'running')
        inFlight += Math.max(0, Math.round((b.size * b.progress) / 100) - b.finished);
    }
    const finished = c.done + c.failed;
    const progress =
      c.total === 0
        ? 100
        : Math.min(100, Math.floor((100 * Math.min(c.total, finished + inFlight)) / c.total));
    return {
      id: action.id,
      kind: action.kind,
      status: action.status,
      title: action.title,
      createdAt: action.createdAt,
      updatedAt: action.updatedAt,
      finishedAt: action.finishedAt,
      retryOf: action.retryOf,
      startedBy: action.actor.name,
      counts: c,
      progress: action.status === 'running' ? Math.min(progress, 99) : 100,
      workspaces: action.workspaces,
      jobs: lines.map((b) => ({
        id: b.upstream_job_id,
        workspaceId: b.workspace_id,
        state: b.state,
        progress: b.state === 'done' || b.state === 'failed' ? 100 : b.progress,
        size: b.size,
      })),
      waitingFor: null,
    };
  });
}

export async function summarizeAction(db: Db, action: BulkActionRecord): Promise<BulkActionSummary> {
  const [summary] = await summarizeActions(db, [action]);
  if (!summary) throw new Error(`no summary for ${action.id}`);
  return summary;
}

/** Who holds the engine lease of each of these actions (`bulk:<id>`), for those whose lease is live. */
export async function bulkLeaseHolders(
  db: Db,
  actionIds: readonly string[],
  now = Date.now(),
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunks(actionIds)) {
    const rows = await db
      .selectFrom('leases')
      .select(['name', 'owner'])
      .where(
        'name',
        'in',
        part.map((id) => bulkLeaseName(id)),
      )
      .where('expires_at', '>', now)
      .execute();
    for (const row of rows) out.set(row.name.slice('bulk:'.length), row.owner);
  }
  return out;
}

export const bulkLeaseName = (actionId: string) => `bulk:${actionId}`;
