import 'server-only';
import type { Db } from './connect';

// What the background worker leaves in the database: one heartbeat row per process running it, and
// one schedule row per periodic task and workspace. A slot is claimed by one conditional UPDATE of
// its due time (atomic on both SQLite and PostgreSQL), so of several workers exactly one runs it.

export async function recordBeat(
  db: Db,
  beat: { processId: string; startedAt: number; version: string },
  now: number,
): Promise<void> {
  await db
    .insertInto('worker_heartbeats')
    .values({ process_id: beat.processId, started_at: beat.startedAt, beat_at: now, version: beat.version })
    .onConflict((oc) =>
      oc.column('process_id').doUpdateSet((eb) => ({ beat_at: eb.ref('excluded.beat_at') })),
    )
    .execute();
}

/** A worker that stops cleanly says so; a killed one's row simply goes stale. */
export async function removeBeat(db: Db, processId: string): Promise<void> {
  await db.deleteFrom('worker_heartbeats').where('process_id', '=', processId).execute();
}

/** Heartbeats newer than `since`, the freshest first (older rows are pruned by every beating worker). */
export async function recentBeats(db: Db, since: number) {
  return db
    .selectFrom('worker_heartbeats')
    .selectAll()
    .where('beat_at', '>=', since)
    .orderBy('beat_at', 'desc')
    .orderBy('process_id')
    .execute();
}

export async function latestBeatAt(db: Db): Promise<number | null> {
  const row = await db
    .selectFrom('worker_heartbeats')
    .select((eb) => eb.fn.max('beat_at').as('beat_at'))
    .executeTakeFirst();
  return row?.beat_at ?? null;
}

export async function pruneBeats(db: Db, before: number): Promise<void> {
  await db.deleteFrom('worker_heartbeats').where('beat_at', '<', before).execute();
}

/** Creates the slot due at `firstAt` unless it exists (an existing slot keeps its phase). */
export async function ensureSlot(db: Db, task: string, workspaceId: string, firstAt: number): Promise<void> {
  await db
    .insertInto('worker_schedule')
    .values({ task, workspace_id: workspaceId, next_at: firstAt })
    .onConflict((oc) => oc.columns(['task', 'workspace_id']).doNothing())
    .execute();
}

/**
 * Takes the slot if it is due: moves its due time to `nextAt` and records the start, in one
 * statement that only one caller can win. True when this caller runs the task now.
 */
export async function claimDueSlot(
  db: Db,
  slot: { task: string; workspaceId: string },
  now: number,
  nextAt: number,
): Promise<boolean> {
  const result = await db
    .updateTable('worker_schedule')
    .set({ next_at: nextAt, last_started_at: now })
    .where('task', '=', slot.task)
    .where('workspace_id', '=', slot.workspaceId)
    .where('next_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** How the run went; `nextAt` (when given) replaces the due time the claim set. */
export async function finishSlot(
  db: Db,
  slot: { task: string; workspaceId: string },
  outcome: { now: number; error: string | null; nextAt?: number },
): Promise<void> {
  await db
    .updateTable('worker_schedule')
    .set({
      last_finished_at: outcome.now,
      ...(outcome.error === null ? {} : { last_error: outcome.error, last_error_at: outcome.now }),
      ...(outcome.nextAt === undefined ? {} : { next_at: outcome.nextAt }),
    })
    .where('task', '=', slot.task)
    .where('workspace_id', '=', slot.workspaceId)
    .execute();
}

export async function readSlot(db: Db, task: string, workspaceId: string) {
  return db
    .selectFrom('worker_schedule')
    .selectAll()
    .where('task', '=', task)
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
}

export async function slotsOf(db: Db, task: string) {
  return db
    .selectFrom('worker_schedule')
    .selectAll()
    .where('task', '=', task)
    .orderBy('workspace_id')
    .execute();
}
