import 'server-only';
import { isWarmupKind } from '@/lib/bulk/catalog';
import type { InstantlyClient } from '@/lib/instantly/client';
import { acquireLease, releaseLease, renewLease } from '@/lib/store/leases';
import type { Db } from '@/lib/store/connect';
import { bulkLeaseHolders, bulkLeaseName } from '@/lib/store/bulk/job-centre';
import { finalizeIfComplete, recordActionError } from '@/lib/store/bulk/items';
import { activeActions, getBulkAction, workspacesWithWork } from '@/lib/store/bulk/reads';
import type { BulkActionRecord } from '@/lib/store/bulk/records';
import { runPerAccount } from './per-account';
import { type Drive, type EngineOptions, type Loop, LeaseLost, iso } from './drive';
import { runWarmup } from './warmup';
import { getLogger } from '@/lib/server/log';

const log = () => getLogger().child({ component: 'bulk' });

// The engine that drives a bulk action to its end. The background worker (lib/worker/worker.ts)
// hands it the clients of every workspace the server holds a key for (`kick`, `kickActive`), on every
// tick; the engine keeps them only while an action's loop runs. Everything else is in the database:
// which process drives an action is a lease (`bulk:<id>`) renewed by a heartbeat, and a process that
// cannot take it leaves the action to its holder. When the holder dies, the next worker tick anywhere
// takes over after the lease lapses and resumes from the database, exactly as after a restart.

export type ClientsByWorkspace = ReadonlyMap<string, InstantlyClient>;

export interface BulkEngineOptions extends Partial<EngineOptions> {
  db: Db;
  /** This process as a lease holder (instanceId() in the app). */
  owner: string;
  /** How long the action's lease lasts without renewal; renewed every third of it. */
  leaseTtlMs?: number;
  /**
   * After a loop stopped with the action unfinished (no usable key for a workspace with work left),
   * how long kicks leave the action alone, so a refused key is not tried on every worker tick.
   */
  restMs?: number;
}

const noop = () => undefined;

const realSleep = (ms: number) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    // A waiting loop must not keep a process alive that is shutting down.
    (timer as { unref?: () => void }).unref?.();
  });

export class BulkEngine {
  protected readonly db: Db;
  protected readonly owner: string;
  private readonly leaseTtlMs: number;
  private readonly options: EngineOptions;
  private readonly loops = new Map<string, Loop>();
  /** Actions left alone until `until`, unless a kick brings a workspace the last loop had no key for. */
  private readonly resting = new Map<string, { until: number; had: ReadonlySet<string> }>();
  private readonly restMs: number;
  private halted = false;
  private stopping = false;

  constructor(options: BulkEngineOptions) {
    this.db = options.db;
    this.owner = options.owner;
    this.leaseTtlMs = options.leaseTtlMs ?? 15_000;
    this.restMs = options.restMs ?? 30_000;
    const given = Object.fromEntries(
      Object.entries(options).filter(
        ([key, v]) => v !== undefined && !['db', 'owner', 'leaseTtlMs', 'restMs'].includes(key),
      ),
    ) as Partial<EngineOptions>;
    this.options = {
      now: Date.now,
      sleep: realSleep,
      pollInitialMs: 1000,
      pollFactor: 1.5,
      pollMaxMs: 5000,
      concurrency: 4,
      // Batches never share an account, so all of them may run at once (Instantly serialises jobs per
      // account only); each start still waits on the workspace's rate budget.
      maxJobsPerWorkspace: 20,
      conflictRetryMs: 5000,
      maxStartAttempts: 8,
      lockRecheckMs: 2000,
      maxPollFailures: 20,
      refreshIndex: true,
      ...given,
    };
  }

  protected now(): number {
    return this.options.now();
  }

  /**
   * Hands the engine the clients the worker holds and makes sure the action is driven. A second kick
   * while this process drives it only refreshes the clients (and wakes it). Fire and forget: the loop
   * outlives the tick, and its errors are recorded on the action, never thrown. Resolves once the
   * loop is registered (so `settled` sees it), not when it ends.
   */
  async kick(actionId: string, clients: ClientsByWorkspace): Promise<void> {
    const action = await getBulkAction(this.db, actionId);
    if (action) this.kickLoaded(action, clients);
  }

  /** Kicks every unfinished action touching the given workspaces (the worker does, on every tick). */
  async kickActive(clients: ClientsByWorkspace): Promise<void> {
    const actions = (await activeActions(this.db)).filter(
      (a) => !this.loops.has(a.id) || a.workspaces.some((w) => clients.has(w.workspaceId)),
    );
    // One look at the leases for all of them: an action another live process drives is left to it.
    const held = await bulkLeaseHolders(
      this.db,
      actions.filter((a) => !this.loops.has(a.id)).map((a) => a.id),
      this.now(),
    );
    for (const action of actions) {
      const holder = held.get(action.id);
      if (holder === undefined || holder === this.owner) this.kickLoaded(action, clients);
    }
  }

  private kickLoaded(action: BulkActionRecord, clients: ClientsByWorkspace): void {
    // No await from here to loops.set: two kicks in one process cannot both start a loop.
    if (this.halted || this.stopping || action.status !== 'running') return;
    const relevant = [...clients].filter(([id]) => action.workspaces.some((w) => w.workspaceId === id));
    const running = this.loops.get(action.id);
    if (running) {
      const brought = relevant.some(([id]) => !running.clients.has(id));
      for (const [id, client] of relevant) {
        running.clients.set(id, client);
        running.offered.add(id);
      }
      // The worker kicks on every tick; only a key the loop lacked is a reason to stop waiting early
      // (waking on every tick would cut the backoff after a 409 or 429 short).
      if (brought) {
        running.kicked = true;
        running.wake();
      }
      return;
    }
    if (relevant.length === 0) return;
    const rest = this.resting.get(action.id);
    if (rest && this.now() < rest.until && relevant.every(([id]) => rest.had.has(id))) return;
    this.resting.delete(action.id);
    const loop: Loop = {
      actionId: action.id,
      clients: new Map(relevant),
      offered: new Set(relevant.map(([id]) => id)),
      wake: noop,
      kicked: false,
      leased: false,
      lost: false,
      renewedAt: 0,
      paces: new Map(),
      heartbeat: null,
      done: Promise.resolve(),
    };
    this.loops.set(action.id, loop);
    loop.done = this.drive(action, loop);
  }

  /** Resolves when the action's loop in this process (if any) has stopped. */
  async settled(actionId: string): Promise<void> {
    for (let loop = this.loops.get(actionId); loop; loop = this.loops.get(actionId)) await loop.done;
  }

  isRunning(actionId: string): boolean {
    return this.loops.has(actionId);
  }

  /**
   * Stops everything at once without releasing or recording anything: what a SIGKILL leaves behind
   * (its leases lapse; another process takes over). For tests of takeover.
   */
  halt(): void {
    this.halted = true;
    for (const loop of this.loops.values()) {
      if (loop.heartbeat) clearInterval(loop.heartbeat);
      loop.heartbeat = null;
      loop.lost = true;
      loop.wake();
    }
  }

  /**
   * A clean stop (SIGTERM): every loop ends at its next checkpoint (a write on its way is finished and
   * recorded first) and gives its lease up, so another process takes over at once.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    const loops = [...this.loops.values()];
    for (const loop of loops) {
      loop.lost = true;
      loop.wake();
    }
    await Promise.all(loops.map((loop) => loop.done));
  }

  private async drive(action: BulkActionRecord, loop: Loop): Promise<void> {
    const name = bulkLeaseName(action.id);
    try {
      if (!(await acquireLease(this.db, name, this.owner, this.leaseTtlMs, this.now()))) return;
      loop.leased = true;
      loop.renewedAt = this.now();
      // The timer keeps the lease while the loop waits on a slow call; checkpoints renew it too, so
      // an engine on a test clock (whose time jumps) keeps it as well.
      const timer = setInterval(() => void this.renew(loop).catch(noop), Math.max(250, this.leaseTtlMs / 3));
      (timer as { unref?: () => void }).unref?.();
      loop.heartbeat = timer;
      await this.run(action, loop);
    } catch (error) {
      if (error instanceof LeaseLost || this.halted) return;
      const message = error instanceof Error ? error.message : String(error);
      log().error({ err: error, actionId: action.id }, 'bulk action stopped on an error');
      try {
        await recordActionError(this.db, action.id, message, iso(this.now()));
      } catch (recordError) {
        log().error({ err: recordError, actionId: action.id }, 'could not record the bulk action error');
      }
    } finally {
      if (loop.heartbeat) clearInterval(loop.heartbeat);
      loop.heartbeat = null;
      this.loops.delete(action.id);
      if (!this.halted) await this.afterLoop(action.id, loop, name);
    }
  }

  private async afterLoop(actionId: string, loop: Loop, name: string): Promise<void> {
    try {
      // Only deletes a lease that is still ours: one taken over meanwhile stays with its new holder.
      if (loop.leased && (!loop.lost || this.stopping)) await releaseLease(this.db, name, this.owner);
      if (!loop.leased || loop.lost || this.stopping) return;
      // A kick that landed while the loop was deciding to stop may have brought the missing key.
      if (loop.kicked && (await this.canProgress(actionId, loop.clients))) {
        await this.kick(actionId, loop.clients);
        return;
      }
      const action = await getBulkAction(this.db, actionId);
      if (action?.status === 'running')
        this.resting.set(actionId, { until: this.now() + this.restMs, had: loop.offered });
    } catch (error) {
      log().error({ err: error, actionId }, 'bulk action could not be resumed');
    }
  }

  private async renew(loop: Loop): Promise<void> {
    if (loop.lost || !loop.leased) return;
    const now = this.now();
    if (await renewLease(this.db, bulkLeaseName(loop.actionId), this.owner, this.leaseTtlMs, now)) {
      loop.renewedAt = now;
      return;
    }
    // Lapsed and taken: the new holder drives the action now; this loop stops at its next step.
    loop.lost = true;
    loop.wake();
  }

  private async canProgress(actionId: string, clients: ClientsByWorkspace): Promise<boolean> {
    const action = await getBulkAction(this.db, actionId);
    if (!action || action.status !== 'running') return false;
    return (await workspacesWithWork(this.db, actionId)).some((w) => clients.has(w));
  }

  private async run(action: BulkActionRecord, loop: Loop): Promise<void> {
    const drive: Drive = {
      db: this.db,
      options: this.options,
      loop,
      now: () => this.now(),
      checkpoint: async () => {
        if (this.now() - loop.renewedAt >= this.leaseTtlMs / 3) await this.renew(loop);
        if (loop.lost) throw new LeaseLost();
      },
      pause: async (ms) => {
        if (ms <= 0) return;
        const woken = new Promise<void>((resolve) => {
          loop.wake = resolve;
        });
        await Promise.race([this.options.sleep(ms), woken]);
        loop.wake = noop;
      },
      // Lets actions whose jobs block ours go on with our key for that workspace (they may have none).
      lend: async (actionIds, workspaceId, client) => {
        for (const id of actionIds)
          if (id !== action.id) await this.kick(id, new Map([[workspaceId, client]]));
      },
    };
    if (isWarmupKind(action.kind)) await runWarmup(drive, action);
    else await runPerAccount(drive, action);
    await drive.checkpoint();
    await finalizeIfComplete(this.db, action.id, iso(this.now()));
  }
}
