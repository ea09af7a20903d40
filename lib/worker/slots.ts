import 'server-only';
import type { Db } from '@/lib/store/connect';
import { acquireLease, releaseLease } from '@/lib/store/leases';
import { claimDueSlot, ensureSlot, finishSlot, readSlot } from '@/lib/store/worker-state';

// The worker's two kinds of scheduled work per workspace, both safe with several workers on one
// database:
// - a periodic task (the sync every interval): the due time is moved by one conditional update, so
//   only one worker runs each period; the phases of the workspaces are spread over the interval;
// - a daily task (once per UTC day): run under a lease, and run only when, inside that lease, its
//   slot is still due; success moves the slot to the next UTC day, a failure retries later.

export const SYNC_TASK = 'sync';

/** When the `index`-th of `count` workspaces first syncs: spread evenly over one interval. */
export function staggeredStart(now: number, intervalMs: number, index: number, count: number): number {
  return now + Math.floor((intervalMs * index) / Math.max(1, count));
}

const DAY_MS = 86_400_000;

/** The start of the UTC day after `now`. */
export const nextUtcDay = (now: number) => (Math.floor(now / DAY_MS) + 1) * DAY_MS;

export const dailyLeaseName = (task: string, workspaceId: string) => `daily:${task}:${workspaceId}`;

export interface DailyRun {
  db: Db;
  task: string;
  workspaceId: string;
  owner: string;
  now: number;
  /** How long the lease lasts: longer than the task may run. */
  leaseTtlMs: number;
  /** After a failure, when to try again (the day's slot stays open until it succeeds). */
  retryMs: number;
  run: () => Promise<unknown>;
}

export type DailyOutcome = 'ran' | 'failed' | 'not-due' | 'busy';

/** Runs a once-a-day task for one workspace unless it already ran today (or runs elsewhere now). */
export async function runDailyOnce(d: DailyRun): Promise<DailyOutcome> {
  const slot = { task: d.task, workspaceId: d.workspaceId };
  // Due at once the first time: a new workspace gets today's run.
  await ensureSlot(d.db, d.task, d.workspaceId, d.now);
  const lease = dailyLeaseName(d.task, d.workspaceId);
  if (!(await acquireLease(d.db, lease, d.owner, d.leaseTtlMs, d.now))) return 'busy';
  try {
    // Read inside the lease: a worker that finished the run a moment ago has moved the slot.
    const row = await readSlot(d.db, d.task, d.workspaceId);
    if (!row || row.next_at > d.now) return 'not-due';
    await claimDueSlot(d.db, slot, d.now, d.now + d.retryMs);
    try {
      await d.run();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await finishSlot(d.db, slot, { now: Date.now(), error: message, nextAt: d.now + d.retryMs });
      return 'failed';
    }
    await finishSlot(d.db, slot, { now: Date.now(), error: null, nextAt: nextUtcDay(d.now) });
    return 'ran';
  } finally {
    await releaseLease(d.db, lease, d.owner);
  }
}
