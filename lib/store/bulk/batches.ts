import 'server-only';
import type { AuditAccountInput, AuditChanges, AuditOutcome } from '../audit-log';
import { recordAudit } from '../audit-log';
import type { Db } from '../connect';
import { inTransaction } from '../transaction';
import { batchBlockers, lockClaims } from './claims';
import { type BatchRecord, OPEN_BATCH_STATES, toBatch, toItem } from './records';
import { parseKind } from './records';

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
 * it), then its audit entry (which accounts, outcome, job id).
 */
export async function finishBatch(
  db: Db,
  batchId: string,
  outcome: BatchOutcome,
  now = new Date().toISOString(),
): Promise<{ done: number; failed: number }> {
  const ended = await inTransaction(db, async (trx) => {
    const batch = await lockedBatch(trx, batchId);
    if (!batch) return null;
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
    if (Number(closed.numUpdatedRows) !== 1) return null;
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
      .select('kind')
      .where('id', '=', batch.actionId)
      .executeTakeFirstOrThrow();
    const items = (
      await trx.selectFrom('bulk_action_items').selectAll().where('batch_id', '=', batchId).execute()
    ).map(toItem);
    return { batch, kind: parseKind(action.kind), items };
  });
  if (!ended) return { done: 0, failed: 0 };
  const { batch, kind, items } = ended;
  const done = items.filter((i) => i.state === 'done').length;
  const failed = items.length - done;
  const unknown = outcome.auditOutcome === 'unknown';
  const accounts: AuditAccountInput[] = items.map((item) => ({
    email: item.email,
    outcome: item.state === 'done' ? 'success' : unknown ? 'unknown' : 'failed',
    error: item.error,
    changes: outcome.accountChanges?.get(item.email),
  }));
  // After the commit: the audit log's store takes no transaction of ours yet (issue 8, moving in
  // parallel). The close above happens once, so the entry is written once.
  await recordAudit(db, {
    workspaceId: batch.workspaceId,
    action: kind,
    emails: accounts,
    changes: outcome.changes,
    bulkActionId: batch.actionId,
    upstreamJobId: batch.upstreamJobId,
    outcome: outcome.auditOutcome ?? (failed === 0 ? 'success' : done === 0 ? 'failed' : 'partial'),
    detail: outcome.error ?? null,
    at: now,
  });
  return { done, failed };
}
