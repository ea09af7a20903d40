import 'server-only';
import type { InstantlyClient } from '@/lib/instantly/client';
import type { Db } from '@/lib/store/connect';

// What the engine hands the code that drives one action: the database, the tuning, this loop's
// clients, and the few things only the engine can do (wait, renew its lease, lend a key).

export interface EngineOptions {
  /** The clock (ms). Tests drive it together with the simulator's. */
  now: () => number;
  /** Waits between polls; tests pass one that advances their clock instead. */
  sleep: (ms: number) => Promise<void>;
  pollInitialMs: number;
  pollFactor: number;
  pollMaxMs: number;
  /** Per-account calls in flight per workspace (the client also waits on the rate budget). */
  concurrency: number;
  /** Instantly jobs of one action running at once in one workspace. */
  maxJobsPerWorkspace: number;
  /** First wait after a 409 / 429 on a write; doubles per attempt, up to a minute. */
  conflictRetryMs: number;
  maxStartAttempts: number;
  /** How often to look again while another action's job holds the accounts. */
  lockRecheckMs: number;
  maxPollFailures: number;
  /** Re-read touched accounts from Instantly after a job (off only in tests that count requests). */
  refreshIndex: boolean;
}

export interface Loop {
  actionId: string;
  clients: Map<string, InstantlyClient>;
  /** Every workspace a kick offered a client for (a client dropped after a 401 stays in here). */
  offered: Set<string>;
  wake: () => void;
  /** A kick arrived while the loop ran: it may have brought a key the loop no longer expected. */
  kicked: boolean;
  /** This process holds the action's lease. */
  leased: boolean;
  /** The lease lapsed and someone else took it (or the engine was halted): stop at the next step. */
  lost: boolean;
  renewedAt: number;
  /** Per workspace, the last pace a job showed (ms per email), to aim each new job's first poll. */
  paces: Map<string, number>;
  heartbeat: ReturnType<typeof setInterval> | null;
  done: Promise<void>;
}

export interface Drive {
  db: Db;
  options: EngineOptions;
  loop: Loop;
  now: () => number;
  /** Renews the lease when due; throws LeaseLost once another process holds it. Call before each step. */
  checkpoint: () => Promise<void>;
  /** Sleeps until `ms` passed or a kick wakes the loop (new clients may let it go on sooner). */
  pause: (ms: number) => Promise<void>;
  lend: (actionIds: readonly string[], workspaceId: string, client: InstantlyClient) => Promise<void>;
}

/** Thrown at a checkpoint of a loop whose lease another process holds now. */
export class LeaseLost extends Error {
  constructor() {
    super('the bulk action lease was lost');
  }
}

export const iso = (ms: number) => new Date(ms).toISOString();

/** Only the key that failed is dropped: a kick may already have brought a new one. */
export function dropClient(loop: Loop, workspaceId: string, client: InstantlyClient): void {
  if (loop.clients.get(workspaceId) === client) loop.clients.delete(workspaceId);
}

/**
 * Runs `run` over `items`, at most `size` at once. After a failure no new item starts; the ones in
 * flight finish (none is left writing after the caller moved on), then the first error is thrown.
 */
export async function pool<T>(
  items: readonly T[],
  size: number,
  run: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const worker = async () => {
    while (next < items.length && errors.length === 0) {
      const item = items[next] as T;
      next += 1;
      try {
        await run(item);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  if (errors.length > 0) throw errors[0];
}
