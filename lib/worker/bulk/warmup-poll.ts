import 'server-only';
import { getAccount } from '@/lib/instantly/accounts';
import { getBackgroundJob } from '@/lib/instantly/background-jobs';
import type { InstantlyClient } from '@/lib/instantly/client';
import { InstantlyError } from '@/lib/instantly/errors';
import type { Account } from '@/lib/schemas/instantly-account';
import { type BackgroundJob, TERMINAL_JOB_STATUSES } from '@/lib/schemas/instantly-job';
import { countIndexed, getIndexedRaw, removeAccount, upsertAccounts } from '@/lib/store/accounts-index';
import type { AuditChanges } from '@/lib/store/audit-log';
import { type EmailResult, applyBatchProgress, finishBatch } from '@/lib/store/bulk/batch-results';
import { recordBatchPoll } from '@/lib/store/bulk/batches';
import type { BatchRecord } from '@/lib/store/bulk/records';
import { itemsOfBatch } from '@/lib/store/bulk/reads';
import { unknownOutcome } from '@/lib/server/bulk-outcomes';
import { type Drive, dropClient, iso, pool } from './drive';
import { nextPollDelay, paceOf } from './poll-timing';

// Following a running job: poll it near its expected end (poll-timing.ts), record per-account results as Instantly reports
// them, and at its end close the batch and bring the index up to date.

export async function failBatch(
  d: Drive,
  batch: BatchRecord,
  reason: string,
  outcome: 'failed' | 'unknown',
): Promise<void> {
  await finishBatch(
    d.db,
    batch.id,
    { state: 'failed', results: [], missingReason: reason, error: reason, auditOutcome: outcome },
    iso(d.now()),
  );
}

export async function pollBatch(d: Drive, batch: BatchRecord, client: InstantlyClient, target: 0 | 1) {
  const jobId = batch.upstreamJobId;
  if (!jobId) {
    await failBatch(d, batch, unknownOutcome('the job id was lost'), 'unknown');
    return;
  }
  let job: BackgroundJob;
  try {
    job = await getBackgroundJob(client, jobId);
  } catch (error) {
    if (error instanceof InstantlyError && error.kind === 'not-found') {
      await failBatch(d, batch, unknownOutcome(`Instantly no longer knows job ${jobId}`), 'unknown');
      return;
    }
    if (error instanceof InstantlyError && error.kind === 'unauthorized') {
      dropClient(d.loop, batch.workspaceId, client);
      return;
    }
    const failures = batch.pollFailures + 1;
    const message = error instanceof Error ? error.message : String(error);
    if (failures >= d.options.maxPollFailures) {
      await failBatch(d, batch, unknownOutcome(`its result could not be read: ${message}`), 'unknown');
      return;
    }
    const interval = Math.min(30_000, Math.max(d.options.pollInitialMs, batch.pollIntervalMs) * 2);
    await recordBatchPoll(
      d.db,
      batch.id,
      {
        progress: batch.progress,
        upstreamStatus: batch.upstreamStatus,
        intervalMs: interval,
        nextPollAt: iso(d.now() + interval),
        pollFailures: failures,
        error: `Reading the job failed: ${message}`,
      },
      iso(d.now()),
    );
    return;
  }

  const results: EmailResult[] = (job.data?.processed_emails ?? [])
    .filter((p) => p.status === 'success' || p.status === 'failed')
    .map((p) => ({ email: p.email, ok: p.status === 'success', error: p.error ?? null }));
  const changed = await applyBatchProgress(d.db, batch.id, results, iso(d.now()));
  // The table follows the job: accounts Instantly reports as switched are switched in the index now.
  await patchWarmupStatus(
    d,
    batch.workspaceId,
    changed.filter((r) => r.ok).map((r) => r.email),
    target,
  );

  if (TERMINAL_JOB_STATUSES.includes(job.status)) {
    const emails = new Set([
      ...(await itemsOfBatch(d.db, batch.id)).map((i) => i.email),
      ...results.map((r) => r.email),
    ]);
    // Those Instantly reported as switched were patched above; only the others may differ.
    const switched = new Set(results.filter((r) => r.ok).map((r) => r.email));
    await refreshIndex(
      d,
      batch.workspaceId,
      client,
      [...emails].filter((email) => !switched.has(email)),
    );
    const accountChanges = new Map<string, AuditChanges>();
    for (const email of emails) {
      const old = batch.before[email];
      accountChanges.set(email, {
        warmupStatus: old === undefined ? { new: target } : { old, new: target },
      });
    }
    await finishBatch(
      d.db,
      batch.id,
      {
        state: job.status === 'success' ? 'done' : 'failed',
        results,
        missingReason:
          job.status === 'success'
            ? 'Instantly did not process this account'
            : `Instantly's job ended as "${job.status}" before processing this account`,
        upstreamStatus: job.status,
        error: job.status === 'success' ? null : `Instantly's job ended as "${job.status}"`,
        changes: { warmupStatus: { new: target } },
        accountChanges,
      },
      iso(d.now()),
    );
    return;
  }
  const reading = {
    elapsedMs: batch.startedAt ? d.now() - Date.parse(batch.startedAt) : 0,
    progress: job.progress,
    size: batch.size,
  };
  const pace = paceOf(reading.elapsedMs, reading.progress, reading.size);
  if (pace !== null) d.loop.paces.set(batch.workspaceId, pace);
  const interval = nextPollDelay({ ...reading, lastIntervalMs: batch.pollIntervalMs }, d.options);
  await recordBatchPoll(
    d.db,
    batch.id,
    {
      progress: job.progress,
      upstreamStatus: job.status,
      intervalMs: interval,
      nextPollAt: iso(d.now() + interval),
      pollFailures: 0,
    },
    iso(d.now()),
  );
}

/** Moves a running batch's next poll to `atMs` without asking Instantly (nothing new is known). */
export async function postponePoll(d: Drive, batch: BatchRecord, atMs: number) {
  await recordBatchPoll(
    d.db,
    batch.id,
    {
      progress: batch.progress,
      upstreamStatus: batch.upstreamStatus,
      intervalMs: batch.pollIntervalMs,
      nextPollAt: iso(atMs),
      pollFailures: 0,
    },
    iso(d.now()),
  );
}

async function patchWarmupStatus(d: Drive, workspaceId: string, emails: readonly string[], target: 0 | 1) {
  const accounts: Account[] = [];
  for (const email of emails) {
    const raw = await getIndexedRaw(d.db, workspaceId, email);
    if (raw) accounts.push({ ...raw, warmup_status: target });
  }
  if (accounts.length > 0)
    // What the index held with the job's warmup status: no new read of the settings (kind `list`).
    await upsertAccounts(d.db, workspaceId, accounts, {
      now: iso(d.now()),
      source: 'dashboard',
      kind: 'list',
    });
}

/**
 * Re-reads, from Instantly, the accounts of a finished job that it did not report as switched (failed
 * or never processed: their state is not known here), one GET per account. Never a full sync of the
 * workspace: that re-read thousands of accounts the job had already reported, and the action waited
 * for it. When more are left than a sync would cost (a sync reads 100 accounts per request), they are
 * left to the next scheduled sync.
 */
async function refreshIndex(
  d: Drive,
  workspaceId: string,
  client: InstantlyClient,
  emails: readonly string[],
) {
  if (!d.options.refreshIndex || emails.length === 0) return;
  const syncCost = Math.max(1, Math.ceil((await countIndexed(d.db, workspaceId)) / 100));
  if (emails.length > syncCost) return;
  try {
    await pool(emails, d.options.concurrency, async (email) => {
      try {
        const account = await getAccount(client, email);
        await upsertAccounts(d.db, workspaceId, [account], { now: iso(d.now()), source: 'read' });
      } catch (error) {
        if (error instanceof InstantlyError && error.kind === 'not-found')
          await removeAccount(d.db, workspaceId, email);
      }
    });
  } catch {
    // The index catches up on its next sync; the job's result is recorded either way.
  }
}
