import 'server-only';
import type { Db } from './connect';

// The `workspace_sync` row: what the last (or the running) sync of a workspace did, and how failing
// syncs back off. The walk itself lives in lib/worker/sync.ts; whoever holds the lease
// `sync:<workspaceId>` (lib/store/leases.ts) is the only writer of the running row.

export const syncLeaseName = (workspaceId: string) => `sync:${workspaceId}`;

export async function readSyncRow(db: Db, workspaceId: string) {
  return db
    .selectFrom('workspace_sync')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
}

export type SyncRow = NonNullable<Awaited<ReturnType<typeof readSyncRow>>>;

/** A sync begins: counters reset, the failures in a row (the backoff) kept. */
export async function markSyncStarted(db: Db, workspaceId: string, startedAt: string, nowMs: number) {
  await db
    .insertInto('workspace_sync')
    .values({
      workspace_id: workspaceId,
      state: 'running',
      started_at: startedAt,
      pages: 0,
      accounts_seen: 0,
      error: null,
      last_started_at: nowMs,
    })
    .onConflict((oc) =>
      oc.column('workspace_id').doUpdateSet((eb) => ({
        state: 'running',
        started_at: eb.ref('excluded.started_at'),
        pages: 0,
        accounts_seen: 0,
        error: null,
        last_started_at: eb.ref('excluded.last_started_at'),
      })),
    )
    .execute();
}

export async function recordSyncProgress(db: Db, workspaceId: string, pages: number, accountsSeen: number) {
  await db
    .updateTable('workspace_sync')
    .set({ pages, accounts_seen: accountsSeen })
    .where('workspace_id', '=', workspaceId)
    .execute();
}

export async function markSyncDone(
  db: Db,
  workspaceId: string,
  finishedAt: string,
  pages: number,
  accountsSeen: number,
) {
  await db
    .updateTable('workspace_sync')
    .set({
      state: 'done',
      finished_at: finishedAt,
      synced_at: finishedAt,
      pages,
      accounts_seen: accountsSeen,
      failures: 0,
      retry_at: null,
    })
    .where('workspace_id', '=', workspaceId)
    .execute();
}

/** The failure is kept as the problem a person sees; `failures` is this failure's number in a row. */
export async function markSyncFailed(
  db: Db,
  workspaceId: string,
  failure: { finishedAt: string; error: string; problemJson: string; failures: number; retryAt: number },
) {
  await db
    .updateTable('workspace_sync')
    .set({
      state: 'failed',
      finished_at: failure.finishedAt,
      error: failure.error,
      problem_json: failure.problemJson,
      failures: failure.failures,
      retry_at: failure.retryAt,
    })
    .where('workspace_id', '=', workspaceId)
    .execute();
}
