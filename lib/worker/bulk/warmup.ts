import 'server-only';
import { z } from 'zod';
import { warmupTarget } from '@/lib/bulk/catalog';
import { listBackgroundJobs } from '@/lib/instantly/background-jobs';
import type { InstantlyClient } from '@/lib/instantly/client';
import { InstantlyError } from '@/lib/instantly/errors';
import { setWarmup } from '@/lib/instantly/warmup';
import type { BackgroundJob } from '@/lib/schemas/instantly-job';
import {
  adoptJobForBatch,
  markBatchRunning,
  markBatchStartingUnlessBlocked,
  requeueBatch,
} from '@/lib/store/bulk/batches';
import { batchBlockers } from '@/lib/store/bulk/claims';
import { type BatchRecord, type BulkActionRecord, OPEN_BATCH_STATES } from '@/lib/store/bulk/records';
import { batchesOf } from '@/lib/store/bulk/reads';
import { WAIT_KINDS, jobMatchesBatch, reasonFor, unknownOutcome } from '@/lib/server/bulk-outcomes';
import { writeOutcomeUnknown } from '@/lib/server/write-outcome';
import { type Drive, dropClient, iso, pool } from './drive';
import { aimedPollAt, firstPollDelay } from './poll-timing';
import { failBatch, pollBatch, postponePoll } from './warmup-poll';

// A warmup change: Instantly background jobs of ≤ 100 accounts, started while no other job holds
// their accounts, polled to their end. A job whose start got no clear answer is looked for, never
// sent again blindly.

export async function runWarmup(d: Drive, action: BulkActionRecord): Promise<void> {
  const target = warmupTarget(action.kind);
  if (target === null) throw new Error(`${action.kind} is not a warmup kind`);
  const { loop, options } = d;
  for (;;) {
    await d.checkpoint();
    let open = (await batchesOf(d.db, action.id)).filter((b) => OPEN_BATCH_STATES.includes(b.state));
    if (open.length === 0) return;
    let acted = false;
    let wakeAt = Number.POSITIVE_INFINITY;
    let anyClient = false;

    // Left `starting` by a process that died (or lost its lease) while the write was on its way:
    // find out what happened. This loop's own starts always end before the next round.
    for (const batch of open.filter((b) => b.state === 'starting')) {
      const client = loop.clients.get(batch.workspaceId);
      if (!client) continue;
      anyClient = true;
      acted = true;
      await d.checkpoint();
      await resolveUnknownStart(
        d,
        batch,
        client,
        'the server restarted while the job was being sent',
        target,
      );
    }

    // Every poll that is due goes at once: each waits on its workspace's rate budget, not on the
    // one before it.
    const polls: Array<{ batch: BatchRecord; client: InstantlyClient }> = [];
    // Until a job of the workspace has shown its pace, one job without progress is polled per round;
    // the others wait a round, and are then aimed at their expected end from that job's reading.
    const probed = new Set<string>();
    const probing = (batch: BatchRecord) => {
      if (batch.progress > 0 || loop.paces.has(batch.workspaceId)) return false;
      if (!probed.has(batch.workspaceId)) {
        probed.add(batch.workspaceId);
        return false;
      }
      return true;
    };
    for (const batch of open.filter((b) => b.state === 'running')) {
      const client = loop.clients.get(batch.workspaceId);
      if (!client) continue;
      anyClient = true;
      const due = batch.nextPollAt ? Date.parse(batch.nextPollAt) : 0;
      const aimed =
        due <= d.now() && batch.pollFailures === 0 && batch.startedAt
          ? aimedPollAt(
              { startedAtMs: Date.parse(batch.startedAt), progress: batch.progress, size: batch.size },
              loop.paces.get(batch.workspaceId),
              d.now(),
              options,
            )
          : null;
      if (aimed !== null) {
        await postponePoll(d, batch, aimed);
        wakeAt = Math.min(wakeAt, aimed);
      } else if (due > d.now()) wakeAt = Math.min(wakeAt, due);
      else if (probing(batch)) continue;
      else polls.push({ batch, client });
    }
    if (polls.length > 0) acted = true;
    await pool(polls, options.maxJobsPerWorkspace, async ({ batch, client }) => {
      await d.checkpoint();
      await pollBatch(d, batch, client, target);
    });

    open = (await batchesOf(d.db, action.id)).filter((b) => OPEN_BATCH_STATES.includes(b.state));
    const inFlight = new Map<string, number>();
    for (const b of open) {
      if (b.state !== 'queued') inFlight.set(b.workspaceId, (inFlight.get(b.workspaceId) ?? 0) + 1);
    }
    // Starts go one after another (each waits on the rate budget anyway): a process killed mid-way
    // leaves at most one job whose start got no answer, to be looked for by whoever takes over.
    for (const batch of open.filter((b) => b.state === 'queued')) {
      const client = loop.clients.get(batch.workspaceId);
      if (!client) continue;
      anyClient = true;
      const notBefore = batch.nextPollAt ? Date.parse(batch.nextPollAt) : 0;
      if (notBefore > d.now()) {
        wakeAt = Math.min(wakeAt, notBefore);
        continue;
      }
      if ((inFlight.get(batch.workspaceId) ?? 0) >= options.maxJobsPerWorkspace) continue;
      // Never two jobs on one account: wait for any job that holds one of ours. This is a cheap
      // first look; `start` checks again in the same transaction as its "starting" mark.
      let blockers = await batchBlockers(d.db, batch);
      if (blockers.length === 0) {
        inFlight.set(batch.workspaceId, (inFlight.get(batch.workspaceId) ?? 0) + 1);
        await d.checkpoint();
        blockers = await start(d, batch, client, target);
        if (blockers.length === 0) acted = true;
        else inFlight.set(batch.workspaceId, (inFlight.get(batch.workspaceId) ?? 1) - 1);
      }
      if (blockers.length > 0) {
        await d.lend(blockers, batch.workspaceId, client);
        wakeAt = Math.min(wakeAt, d.now() + options.lockRecheckMs);
      }
    }

    if (!anyClient) return;
    if (!acted) {
      const wait = Number.isFinite(wakeAt) ? wakeAt - d.now() : options.lockRecheckMs;
      await d.pause(Math.max(1, Math.min(wait, 30_000)));
    }
  }
}

/** Sends a queued batch's job; returns the actions holding its accounts when it must wait (not sent). */
async function start(
  d: Drive,
  batch: BatchRecord,
  client: InstantlyClient,
  target: 0 | 1,
): Promise<string[]> {
  const mark = await markBatchStartingUnlessBlocked(d.db, batch, iso(d.now()));
  if (mark.blockers.length > 0) return mark.blockers;
  if (!mark.started) return [];
  await sendStart(d, batch, client, target);
  return [];
}

async function sendStart(d: Drive, batch: BatchRecord, client: InstantlyClient, target: 0 | 1) {
  const attempts = batch.attempts + 1;
  let job: BackgroundJob;
  try {
    job = await setWarmup(client, target === 1, batch.request);
  } catch (error) {
    if (error instanceof z.ZodError) {
      // Refused before sending: nothing can have been applied.
      await failBatch(
        d,
        batch,
        `The request could not be built: ${error.issues[0]?.message ?? 'invalid'}`,
        'failed',
      );
      return;
    }
    if (writeOutcomeUnknown(error)) {
      const cause = error instanceof Error ? error.message : String(error);
      await resolveUnknownStart(d, { ...batch, startedAt: iso(d.now()) }, client, cause, target);
      return;
    }
    if (!(error instanceof InstantlyError)) throw error;
    if (error.kind === 'unauthorized') {
      await requeueBatch(d.db, batch.id, iso(d.now()), reasonFor(error), iso(d.now()));
      dropClient(d.loop, batch.workspaceId, client);
      return;
    }
    if (WAIT_KINDS.has(error.kind)) {
      // 409: a job started elsewhere holds some of these accounts; 429: refused before any work.
      // Neither applied anything, so sending again later is safe.
      if (attempts >= d.options.maxStartAttempts) {
        await failBatch(
          d,
          batch,
          `${reasonFor(error).replace(/\.$/, '')} (${attempts} tries). Retry later.`,
          'failed',
        );
        return;
      }
      const wait = Math.min(
        60_000,
        Math.max(d.options.conflictRetryMs * 2 ** (attempts - 1), error.retryAfterMs ?? 0),
      );
      await requeueBatch(d.db, batch.id, iso(d.now() + wait), reasonFor(error), iso(d.now()));
      return;
    }
    await failBatch(d, batch, reasonFor(error), 'failed');
    return;
  }
  const now = d.now();
  const firstPoll = firstPollDelay(d.loop.paces.get(batch.workspaceId), batch.size, d.options);
  await markBatchRunning(
    d.db,
    batch.id,
    { id: job.id, status: job.status, progress: job.progress },
    { at: iso(now + firstPoll), intervalMs: firstPoll },
    iso(now),
  );
}

/**
 * The enable/disable call got no clear answer. It is never sent again blindly: look for the job in
 * Instantly's recent jobs (same kind, same accounts); if it is not there, the accounts fail with a
 * reason saying the outcome is unknown, and the person can retry them.
 */
async function resolveUnknownStart(
  d: Drive,
  batch: BatchRecord,
  client: InstantlyClient,
  cause: string,
  target: 0 | 1,
) {
  let candidates: BackgroundJob[] = [];
  try {
    const recent = await listBackgroundJobs(client, {
      type: 'update-warmup-accounts',
      sort_column: 'created_at',
      sort_order: 'desc',
      limit: 50,
    });
    const since = batch.startedAt ? Date.parse(batch.startedAt) - 5 * 60_000 : Number.NEGATIVE_INFINITY;
    candidates = recent.items.filter(
      (job) =>
        jobMatchesBatch(job, batch, target) &&
        (!job.created_at || Number.isNaN(Date.parse(job.created_at)) || Date.parse(job.created_at) >= since),
    );
  } catch {
    candidates = [];
  }
  // The first one no other batch claimed; checked and claimed in one step (two loops may look at once).
  const now = d.now();
  for (const job of candidates) {
    const adopted = await adoptJobForBatch(
      d.db,
      batch.id,
      { id: job.id, status: job.status, progress: job.progress },
      { at: iso(now), intervalMs: d.options.pollInitialMs },
      iso(now),
    );
    if (adopted) return;
  }
  await failBatch(d, batch, unknownOutcome(cause), 'unknown');
}
