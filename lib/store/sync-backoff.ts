import 'server-only';

// When a failed fleet sync may run again. Without this, every table read during an outage started a
// full sync anew (4–8 per Refresh), each one hammering an Instantly that was already failing.
// Kept in memory: after a restart the first sync simply runs, which is what a person would want.

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

interface Entry {
  failures: number;
  retryAt: number;
  lastStartedAt: number;
}

export class SyncBackoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly policy: SyncBackoffPolicy = DEFAULT_SYNC_BACKOFF,
  ) {}

  started(workspaceId: string): void {
    const entry = this.entries.get(workspaceId);
    if (entry) entry.lastStartedAt = this.now();
    else this.entries.set(workspaceId, { failures: 0, retryAt: 0, lastStartedAt: this.now() });
  }

  /** A failure in a row doubles the wait; a Retry-After longer than that wins (within the cap). */
  failed(workspaceId: string, retryAfterMs: number | null = null): void {
    const now = this.now();
    const entry = this.entries.get(workspaceId) ?? { failures: 0, retryAt: 0, lastStartedAt: now };
    entry.failures += 1;
    const doubled = this.policy.initialMs * 2 ** (entry.failures - 1);
    const wait = Math.min(this.policy.maxMs, Math.max(doubled, retryAfterMs ?? 0));
    entry.retryAt = now + wait;
    this.entries.set(workspaceId, entry);
  }

  succeeded(workspaceId: string): void {
    this.entries.delete(workspaceId);
  }

  /** When the next automatic sync may start, while syncs are failing; null when they are not. */
  retryAt(workspaceId: string): number | null {
    const entry = this.entries.get(workspaceId);
    return entry && entry.failures > 0 ? entry.retryAt : null;
  }

  failures(workspaceId: string): number {
    return this.entries.get(workspaceId)?.failures ?? 0;
  }

  mayStartAutomatically(workspaceId: string): boolean {
    const retryAt = this.retryAt(workspaceId);
    return retryAt === null || this.now() >= retryAt;
  }

  /** A person's Refresh tries again before retryAt, but not within manualIntervalMs of the last try. */
  mayStartOnRequest(workspaceId: string): boolean {
    const entry = this.entries.get(workspaceId);
    if (!entry || entry.failures === 0) return true;
    return this.now() - entry.lastStartedAt >= this.policy.manualIntervalMs;
  }
}
