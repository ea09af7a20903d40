import 'server-only';

export interface BudgetLimits {
  perSecond: number;
  perMinute: number;
}

/**
 * The part of a budget that every process on one database shares (lib/server backs it with a row
 * per bucket). RateBudget keeps its own line and window, and asks the ledger for each grant.
 */
export interface SharedBudget {
  /** Takes one request at `now` when the bucket allows it (waitMs 0); else how long until it may. */
  take(bucket: string, now: number, limits: BudgetLimits): Promise<{ waitMs: number; paused: boolean }>;
  /** Holds every process back until `untilMs` (after a 429). */
  pause(bucket: string, untilMs: number): Promise<void>;
}

export interface RateBudgetOptions extends BudgetLimits {
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Shared with other processes: this bucket of that ledger (a workspace's budget). */
  shared?: { ledger: SharedBudget; bucket: string };
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Thrown by acquire() when the slot would come later than the caller's deadline: the caller learns at
 * once instead of after a wait it could not afford. `paused` says whether a 429 pause is the reason.
 */
export class BudgetDeadlineError extends Error {
  override name = 'BudgetDeadlineError';
  constructor(
    readonly waitMs: number,
    readonly paused: boolean,
  ) {
    super(`The rate budget would make this call wait ${Math.ceil(waitMs / 1000)} s, past its deadline`);
  }
}

/**
 * A per-workspace request budget kept well under Instantly's 100/s and 6,000/min, which the
 * workspace shares with every other integration. Callers queue FIFO, so a burst (a sync, a bulk
 * action) is spread out instead of tripping 429s; a 429 pauses the whole budget for a while.
 */
export class RateBudget {
  readonly perSecond: number;
  readonly perMinute: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Grant times within the last minute, oldest first. */
  private grants: number[] = [];
  private queue: Promise<void> = Promise.resolve();
  private pausedUntil = 0;
  private waiting = 0;
  private readonly shared: RateBudgetOptions['shared'];

  constructor(options: RateBudgetOptions) {
    this.perSecond = options.perSecond;
    this.perMinute = options.perMinute;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? abortableSleep;
    this.shared = options.shared;
  }

  /**
   * Waits for a slot (FIFO). Rejects if the signal aborts while waiting, and with a
   * BudgetDeadlineError as soon as the slot is known to come after `deadline` (on this budget's clock).
   */
  acquire(signal?: AbortSignal, deadline?: number): Promise<void> {
    this.waiting += 1;
    let gaveUp = false;
    const turn = this.queue.then(() =>
      gaveUp ? undefined : this.waitForSlot(signal, deadline, () => gaveUp),
    );
    // A caller that gave up must not block the ones behind it.
    this.queue = turn.catch(() => undefined);
    // Waiting in line counts against the deadline too: the caller ahead may be background work
    // sleeping through a 429 pause, and a person's request must not wait behind it past its deadline.
    const mine =
      signal === undefined && deadline === undefined
        ? turn
        : this.bounded(turn, signal, deadline, () => {
            gaveUp = true;
          });
    return mine.finally(() => {
      this.waiting -= 1;
    });
  }

  /** The turn, or an earlier rejection when the signal aborts or the deadline passes first. */
  private bounded(
    turn: Promise<void>,
    signal: AbortSignal | undefined,
    deadline: number | undefined,
    giveUp: () => void,
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const cleanup = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const stop = (reason: unknown) => {
        giveUp();
        cleanup();
        reject(reason);
      };
      const onAbort = () => stop(signal?.reason);
      if (deadline !== undefined) {
        const left = Math.max(0, deadline - this.now());
        timer = setTimeout(() => stop(new BudgetDeadlineError(left, this.pausedUntil > this.now())), left);
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      turn.then(
        () => {
          cleanup();
          resolve();
        },
        (error: unknown) => {
          cleanup();
          reject(error);
        },
      );
    });
  }

  /** Holds every caller back until `ms` from now (after a 429 or a Retry-After), in every process. */
  async pauseFor(ms: number): Promise<void> {
    const until = this.now() + ms;
    // This process holds back at once, before the shared row is written.
    this.pausedUntil = Math.max(this.pausedUntil, until);
    if (this.shared) await this.shared.ledger.pause(this.shared.bucket, until);
  }

  /** Requests granted in the last second and minute, and callers waiting, for status displays. */
  usage(): { lastSecond: number; lastMinute: number; waiting: number; pausedForMs: number } {
    const now = this.now();
    this.prune(now);
    return {
      lastSecond: this.grants.filter((t) => t > now - 1000).length,
      lastMinute: this.grants.length,
      waiting: this.waiting,
      pausedForMs: Math.max(0, this.pausedUntil - now),
    };
  }

  private async waitForSlot(signal?: AbortSignal, deadline?: number, gaveUp = () => false): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      // Whoever left the line takes no slot.
      if (gaveUp()) return;
      const now = this.now();
      const local = this.delayUntilSlot(now);
      const { waitMs: delay, paused } =
        local > 0 ? { waitMs: local, paused: this.pausedUntil > now } : await this.takeShared(now);
      if (delay <= 0) {
        this.grants.push(now);
        return;
      }
      if (deadline !== undefined && now + delay > deadline) throw new BudgetDeadlineError(delay, paused);
      await this.sleep(delay, signal);
    }
  }

  /** This process's window has room: the shared ledger (other processes) has the last word. */
  private async takeShared(now: number): Promise<{ waitMs: number; paused: boolean }> {
    if (!this.shared) return { waitMs: 0, paused: false };
    const answer = await this.shared.ledger.take(this.shared.bucket, now, this);
    // Another process's 429 pause is learnt here, so deadlines and usage() tell it as a pause.
    if (answer.paused) this.pausedUntil = Math.max(this.pausedUntil, now + answer.waitMs);
    return answer;
  }

  private delayUntilSlot(now: number): number {
    this.prune(now);
    let delay = this.pausedUntil - now;
    if (this.grants.length >= this.perMinute) {
      const oldest = this.grants[this.grants.length - this.perMinute];
      if (oldest !== undefined) delay = Math.max(delay, oldest + 60_000 - now);
    }
    const inLastSecond = this.grants.filter((t) => t > now - 1000);
    if (inLastSecond.length >= this.perSecond) {
      const oldest = inLastSecond[inLastSecond.length - this.perSecond];
      if (oldest !== undefined) delay = Math.max(delay, oldest + 1000 - now);
    }
    return delay;
  }

  private prune(now: number): void {
    let drop = 0;
    while (drop < this.grants.length && (this.grants[drop] ?? 0) <= now - 60_000) drop += 1;
    if (drop > 0) this.grants = this.grants.slice(drop);
  }
}
