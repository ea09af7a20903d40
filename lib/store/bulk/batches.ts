import 'server-only';
import type { Db } from '../connect';
import { inTransaction } from '../transaction';
import { batchBlockers, lockClaims } from './claims';
import type { BatchRecord } from './records';

// One function per state change of a warmup batch (an Instantly background job of ≤ 100 accounts).
// Each is atomic, and each is a conditional write on the state it expects, so that a process that
// lost its lease (paused, then overtaken) cannot overwrite what the new holder decided.

export interface UpstreamJob {
  id: string;
  status: string;
  progress: number;
}

export interface NextPoll {
  at: string;
  intervalMs: number;
}

/**
 * Marks a batch as being sent, before the write leaves: if the process dies before the answer is
 * stored, a restart knows the outcome is unknown instead of sending the job twice.
 */
export async function markBatchStarting(
  db: Db,
  batchId: string,
  before: Record<string, unknown>,
  now = new Date().toISOString(),
): Promise<boolean> {
  const result = await db
    .updateTable('bulk_action_batches')
    .set((eb) => ({
      state: 'starting',
      attempts: eb('attempts', '+', 1),
      started_at: now,
      before_json: JSON.stringify(before),
      updated_at: now,
    }))
    .where('id', '=', batchId)
    .where('state', '=', 'queued')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * markBatchStarting, unless a job or a per-account write of any action holds one of the batch's
 * accounts (see batchBlockers): the check and the mark in one transaction under the workspace's claim
 * lock, so two loops, in one process or in two, never start jobs on one account. The "before" values
 * (each account's warmup status as indexed, for the audit log's old → new) are read in the same step.
 * `blockers` non-empty: nothing was marked, the batch must wait for them; `started` false with no
 * blockers: the batch was no longer queued (another process claimed it).
 */
export async function markBatchStartingUnlessBlocked(
  db: Db,
  batch: Pick<BatchRecord, 'id' | 'workspaceId' | 'allEmails'>,
  now = new Date().toISOString(),
): Promise<{ started: boolean; blockers: string[] }> {
  return inTransaction(db, async (trx) => {
    await lockClaims(trx, batch.workspaceId);
    const blockers = await batchBlockers(trx, batch);
    if (blockers.length > 0) return { started: false, blockers };
    const rows = await trx
      .selectFrom('bulk_action_items as i')
      .leftJoin('account_raw as r', (join) =>
        join.onRef('r.workspace_id', '=', 'i.workspace_id').onRef('r.email', '=', 'i.email'),
      )
      .select(['i.email', 'r.raw_json'])
      .where('i.batch_id', '=', batch.id)
      .execute();
    const before: Record<string, unknown> = {};
    for (const row of rows) {
      const raw: unknown = row.raw_json ? JSON.parse(row.raw_json) : null;
      before[row.email] =
        raw !== null && typeof raw === 'object' && 'warmup_status' in raw
          ? (raw.warmup_status ?? null)
          : null;
    }
    return { started: await markBatchStarting(trx, batch.id, before, now), blockers: [] };
  });
}

async function setRunning(trx: Db, batchId: string, job: UpstreamJob, nextPoll: NextPoll, now: string) {
  const result = await trx
    .updateTable('bulk_action_batches')
    .set({
      state: 'running',
      upstream_job_id: job.id,
      upstream_status: job.status,
      progress: Math.round(job.progress),
      poll_interval_ms: nextPoll.intervalMs,
      next_poll_at: nextPoll.at,
      error: null,
      updated_at: now,
    })
    .where('id', '=', batchId)
    .where('state', '=', 'starting')
    .returning('action_id')
    .executeTakeFirst();
  if (!result) return false;
  await trx
    .updateTable('bulk_action_items')
    .set({ state: 'running', error: null, updated_at: now })
    .where('batch_id', '=', batchId)
    .where('state', 'in', ['pending', 'running'])
    .execute();
  await trx.updateTable('bulk_actions').set({ updated_at: now }).where('id', '=', result.action_id).execute();
  return true;
}

/** The job Instantly answered with: the batch (still `starting`) is running; false when it was not. */
export async function markBatchRunning(
  db: Db,
  batchId: string,
  job: UpstreamJob,
  nextPoll: NextPoll,
  now = new Date().toISOString(),
): Promise<boolean> {
  return inTransaction(db, (trx) => setRunning(trx, batchId, job, nextPoll, now));
}

/**
 * Marks a `starting` batch running with a job found in Instantly's list unless another batch already
 * claimed that job: the check and the mark in one transaction under the workspace's claim lock, so two
 * batches (in any processes) never adopt the same job. Returns whether this batch got it.
 */
export async function adoptJobForBatch(
  db: Db,
  batchId: string,
  job: UpstreamJob,
  nextPoll: NextPoll,
  now = new Date().toISOString(),
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const batch = await trx
      .selectFrom('bulk_action_batches')
      .select('workspace_id')
      .where('id', '=', batchId)
      .executeTakeFirst();
    if (!batch) return false;
    await lockClaims(trx, batch.workspace_id);
    if (await isJobClaimed(trx, job.id)) return false;
    return setRunning(trx, batchId, job, nextPoll, now);
  });
}

export async function isJobClaimed(db: Db, upstreamJobId: string): Promise<boolean> {
  const row = await db
    .selectFrom('bulk_action_batches')
    .select('id')
    .where('upstream_job_id', '=', upstreamJobId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Back to the queue (a 409 or 429: nothing was applied), to be sent again after `notBefore`. */
export async function requeueBatch(
  db: Db,
  batchId: string,
  notBefore: string,
  reason: string | null,
  now = new Date().toISOString(),
): Promise<boolean> {
  const result = await db
    .updateTable('bulk_action_batches')
    .set({ state: 'queued', next_poll_at: notBefore, error: reason, updated_at: now })
    .where('id', '=', batchId)
    .where('state', '=', 'starting')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function recordBatchPoll(
  db: Db,
  batchId: string,
  poll: {
    progress: number;
    upstreamStatus: string | null;
    intervalMs: number;
    nextPollAt: string;
    pollFailures: number;
    error?: string | null;
  },
  now = new Date().toISOString(),
): Promise<void> {
  await db
    .updateTable('bulk_action_batches')
    .set({
      progress: Math.round(poll.progress),
      upstream_status: poll.upstreamStatus,
      poll_interval_ms: poll.intervalMs,
      next_poll_at: poll.nextPollAt,
      poll_failures: poll.pollFailures,
      error: poll.error ?? null,
      updated_at: now,
    })
    .where('id', '=', batchId)
    .where('state', '=', 'running')
    .execute();
}
