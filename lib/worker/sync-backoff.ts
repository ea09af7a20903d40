import 'server-only';

// When a failed fleet sync may run again. Without this, every table read during an outage started a
// full sync anew (4–8 per Refresh), each one hammering an Instantly that was already failing.
// The state is a few columns of the workspace's sync row (lib/store/sync-state.ts), so every
// instance, and the same one after a restart, holds back alike; the rules are these pure functions.

export interface SyncBackoffPolicy {
  /** The wait after the first failure; it doubles with each failure in a row. */
  initialMs: number;
  maxMs: number;
  /** The shortest time between two syncs started by a person's Refresh while syncs are failing. */
  manualIntervalMs: number;
}

export const DEFAULT_SYNC_BACKOFF: SyncBackoffPolicy = {
  initialMs: 15_000,
  maxMs: 5 * 60_000,
  manualIntervalMs: 10_000,
};

/** What the sync row remembers; epoch ms. */
export interface BackoffState {
  failures: number;
  retryAt: number | null;
  lastStartedAt: number | null;
}

/**
 * When the next automatic sync may start after the `failures`-th failure in a row: the wait doubles
 * with each one; a Retry-After longer than that wins (within the cap).
 */
export function retryAtAfterFailure(
  failures: number,
  now: number,
  retryAfterMs: number | null = null,
  policy: SyncBackoffPolicy = DEFAULT_SYNC_BACKOFF,
): number {
  const doubled = policy.initialMs * 2 ** (Math.max(1, failures) - 1);
  return now + Math.min(policy.maxMs, Math.max(doubled, retryAfterMs ?? 0));
}

/** When the next automatic sync may start, while syncs are failing; null when they are not. */
export function backoffRetryAt(state: BackoffState): number | null {
  return state.failures > 0 ? state.retryAt : null;
}

export function mayStartAutomatically(state: BackoffState, now: number): boolean {
  const retryAt = backoffRetryAt(state);
  return retryAt === null || now >= retryAt;
}

/** A person's Refresh tries again before retryAt, but not within manualIntervalMs of the last try. */
export function mayStartOnRequest(
  state: BackoffState,
  now: number,
  policy: SyncBackoffPolicy = DEFAULT_SYNC_BACKOFF,
): boolean {
  if (state.failures === 0 || state.lastStartedAt === null) return true;
  return now - state.lastStartedAt >= policy.manualIntervalMs;
}
