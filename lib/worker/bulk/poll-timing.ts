// When to look at a running Instantly job again. Every poll costs a request from the workspace's
// budget (10/s), which the job's own start and every other job's polls share; a poll that finds the
// job still running is a request spent for nothing. So a poll is aimed at the job's expected end,
// judged from its progress, instead of backing off blindly (1 s, 1.5 s, 2.25 s … found a 4-second job
// on its third try).

export interface PollTiming {
  pollInitialMs: number;
  pollFactor: number;
  pollMaxMs: number;
}

/**
 * A job's reading as one reading can tell it: `progress` percent done `elapsedMs` after its start
 * gives the whole job's expected duration, per email of the batch. Null when progress says nothing
 * (0: still pending; 100 or more: done).
 */
export function paceOf(elapsedMs: number, progress: number, size: number): number | null {
  if (!(progress > 0 && progress < 100) || elapsedMs <= 0 || size <= 0) return null;
  return (elapsedMs * 100) / progress / size;
}

// A reading overstates the time a job has left (the time it waited as `pending` before its first
// email counts as if it were work), so a poll aimed at the estimate comes a little after the job's
// end, and at a steady pace never before it: aiming earlier found jobs still running, and each such
// poll took a request from the budget that every other job's poll waits on.

const clamp = (ms: number, timing: PollTiming) =>
  Math.round(Math.min(timing.pollMaxMs, Math.max(timing.pollInitialMs / 4, ms)));

/**
 * The wait before the next poll of a running job, `elapsedMs` after its start, at `progress` percent.
 * Without a usable reading (still pending), the wait grows from the last one by `pollFactor`.
 */
export function nextPollDelay(
  reading: { elapsedMs: number; progress: number; size: number; lastIntervalMs: number },
  timing: PollTiming,
): number {
  const pace = paceOf(reading.elapsedMs, reading.progress, reading.size);
  if (pace === null) {
    return reading.lastIntervalMs
      ? Math.min(timing.pollMaxMs, Math.round(reading.lastIntervalMs * timing.pollFactor))
      : timing.pollInitialMs;
  }
  return clamp(pace * reading.size - reading.elapsedMs, timing);
}

/**
 * The wait before a new job's first poll: at its expected end when another job of the workspace has
 * shown its pace (ms per email), otherwise `pollInitialMs` (a first reading then gives the pace).
 */
export function firstPollDelay(pace: number | undefined, size: number, timing: PollTiming): number {
  if (pace === undefined) return timing.pollInitialMs;
  return Math.max(timing.pollInitialMs, clamp(pace * size, timing));
}

/**
 * A job due for a poll that has shown no progress of its own, while another job of the workspace has
 * shown its pace since this one was scheduled (jobs started together all get `pollInitialMs`): the
 * time its end is expected, when that is still a while off, so the poll waits for it instead of
 * spending a request that finds the job running. Null: poll now.
 */
export function aimedPollAt(
  job: { startedAtMs: number; progress: number; size: number },
  pace: number | undefined,
  nowMs: number,
  timing: PollTiming,
): number | null {
  if (pace === undefined || job.progress > 0) return null;
  const expected = job.startedAtMs + pace * job.size;
  if (expected - nowMs < timing.pollInitialMs / 4) return null;
  return Math.round(Math.min(expected, nowMs + timing.pollMaxMs));
}
