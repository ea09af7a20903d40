import 'server-only';
import type { InstantlyClient } from '@/lib/instantly/client';
import type { Logger } from '@/lib/server/log';
import type { Db } from '@/lib/store/connect';
import { releaseLeasesOf } from '@/lib/store/leases';
import {
  claimDueSlot,
  ensureSlot,
  finishSlot,
  pruneBeats,
  recordBeat,
  removeBeat,
} from '@/lib/store/worker-state';
import type { BulkEngine } from './bulk/engine';
import { SYNC_TASK, runDailyOnce, staggeredStart } from './slots';
import type { SyncResult } from './sync';

// The background worker: one per process (the app's, or `npm run worker`), any number per database.
// Every tick it beats (worker_heartbeats), hands every unfinished bulk action that no live process
// drives to the engine with the clients of the server's workspaces, starts the next due scheduled
// sync, and runs the daily tasks that are due. Everything it claims is claimed in the database (a
// lease, or the conditional move of a slot's due time), so several workers share the work and never
// do one piece twice; a killed worker's leases lapse and another takes its work over.

export interface WorkerWorkspace {
  id: string;
  kind: string;
  label: string;
}

/** A once-a-day task per workspace; the daily warmup analytics is the first. */
export interface DailyTask {
  name: string;
  run: (db: Db, workspaceId: string, client: InstantlyClient, now: number) => Promise<unknown>;
}

/**
 * Work run on every tick (alert deliveries are the first). A task still running from an earlier tick
 * is not started again, so a slow one never piles up; its errors are logged and it runs next tick.
 */
export interface TickTask {
  name: string;
  run: (now: number) => Promise<unknown>;
}

export interface WorkerOptions<W extends WorkerWorkspace> {
  db: Db;
  /** This process as a lease holder and heartbeat row. */
  owner: string;
  version: string;
  /** FLEET_SYNC_INTERVAL_SECONDS in ms: each workspace is synced once per interval. */
  intervalMs: number;
  /** How often the worker looks for work (and beats); default a quarter interval, 250 ms – 5 s. */
  tickMs?: number;
  now?: () => number;
  workspaces: () => Promise<W[]>;
  clientFor: (workspace: W) => InstantlyClient;
  /** Drives bulk actions; null leaves them alone (tests of the scheduler). */
  engine: BulkEngine | null;
  /** One sync of a workspace under its lease (lib/worker/sync.ts startSync, then its hooks). */
  sync: (workspace: W, client: InstantlyClient) => Promise<SyncResult>;
  dailyTasks?: readonly DailyTask[];
  everyTick?: readonly TickTask[];
  log: Logger;
}

const sleepOrWake = (ms: number, woken: Promise<void>) =>
  Promise.race([
    woken,
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
    }),
  ]);

export class Worker<W extends WorkerWorkspace = WorkerWorkspace> {
  readonly owner: string;
  private readonly o: WorkerOptions<W>;
  private readonly now: () => number;
  private readonly tickMs: number;
  private startedAt = 0;
  private running: Promise<void> | null = null;
  private stopped = false;
  private wakeUp: () => void = () => undefined;
  /** The scheduled sync this worker runs now (one at a time, which also staggers them). */
  private syncing: Promise<void> | null = null;
  private daily: Promise<void> | null = null;
  /** The every-tick tasks still running, by name. */
  private readonly ticking = new Map<string, Promise<void>>();

  constructor(options: WorkerOptions<W>) {
    this.o = options;
    this.owner = options.owner;
    this.now = options.now ?? Date.now;
    this.tickMs = options.tickMs ?? Math.min(5000, Math.max(250, Math.floor(options.intervalMs / 4)));
  }

  /** Starts the loop (idempotent). */
  start(): void {
    if (this.running || this.stopped) return;
    this.startedAt = this.now();
    this.o.log.info(
      { owner: this.owner, intervalMs: this.o.intervalMs, tickMs: this.tickMs },
      'worker started',
    );
    this.running = this.loop();
  }

  /** Looks for work now instead of at the next tick (a bulk action was just created). */
  wake(): void {
    this.wakeUp();
  }

  /** One round of everything; the loop calls it every tick, tests call it directly. */
  async tick(): Promise<void> {
    const { db, log } = this.o;
    const now = this.now();
    await recordBeat(
      db,
      { processId: this.owner, startedAt: this.startedAt || now, version: this.o.version },
      now,
    );
    // A killed worker's row stays behind; a day later it is only noise on the status page.
    await pruneBeats(db, now - 86_400_000);
    const workspaces = await this.o.workspaces();
    const clients = new Map(workspaces.map((w) => [w.id, this.o.clientFor(w)]));
    if (this.o.engine) await this.o.engine.kickActive(clients);
    if (!this.syncing) {
      const due = await this.claimNextSync(workspaces, now);
      if (due) {
        this.syncing = this.runSync(due, clients.get(due.id) as InstantlyClient).finally(() => {
          this.syncing = null;
        });
      }
    }
    this.startTickTasks(now);
    if (!this.daily && (this.o.dailyTasks?.length ?? 0) > 0) {
      this.daily = this.runDaily(workspaces, clients, now)
        .catch((error: unknown) => log.error({ err: error }, 'daily tasks failed'))
        .finally(() => {
          this.daily = null;
        });
    }
  }

  /** Resolves once the sync, daily and every-tick tasks this worker started have ended (tests; a clean stop). */
  async settled(): Promise<void> {
    await Promise.all([this.syncing, this.daily, ...this.ticking.values()]);
  }

  private startTickTasks(now: number): void {
    for (const task of this.o.everyTick ?? []) {
      if (this.ticking.has(task.name)) continue;
      const running = task
        .run(now)
        .then(() => undefined)
        .catch((error: unknown) => this.o.log.error({ err: error, task: task.name }, 'tick task failed'))
        .finally(() => this.ticking.delete(task.name));
      this.ticking.set(task.name, running);
    }
  }

  /** The first workspace whose sync slot is due, claimed; phases spread over one interval. */
  private async claimNextSync(workspaces: readonly W[], now: number): Promise<W | null> {
    // Every slot exists before any is claimed, so the phases are spread from the same moment.
    for (const [index, workspace] of workspaces.entries())
      await ensureSlot(
        this.o.db,
        SYNC_TASK,
        workspace.id,
        staggeredStart(now, this.o.intervalMs, index, workspaces.length),
      );
    for (const workspace of workspaces) {
      const slot = { task: SYNC_TASK, workspaceId: workspace.id };
      if (await claimDueSlot(this.o.db, slot, now, now + this.o.intervalMs)) return workspace;
    }
    return null;
  }

  private async runSync(workspace: W, client: InstantlyClient): Promise<void> {
    const slot = { task: SYNC_TASK, workspaceId: workspace.id };
    const log = this.o.log.child({ workspaceId: workspace.id });
    try {
      const result = await this.o.sync(workspace, client);
      await finishSlot(this.o.db, slot, { now: this.now(), error: result.error });
      if (result.ok) log.info({ accounts: result.accounts, pages: result.pages }, 'scheduled sync done');
      else log.warn({ error: result.error }, 'scheduled sync failed');
    } catch (error) {
      log.error({ err: error }, 'scheduled sync failed');
      const message = error instanceof Error ? error.message : String(error);
      await finishSlot(this.o.db, slot, { now: this.now(), error: message }).catch(() => undefined);
    }
  }

  // The daily tasks: plug each one in through `dailyTasks` (runDailyWarmupAnalytics at merge).
  private async runDaily(
    workspaces: readonly W[],
    clients: ReadonlyMap<string, InstantlyClient>,
    now: number,
  ) {
    for (const task of this.o.dailyTasks ?? []) {
      for (const workspace of workspaces) {
        if (this.stopped) return;
        const client = clients.get(workspace.id);
        if (!client) continue;
        const outcome = await runDailyOnce({
          db: this.o.db,
          task: task.name,
          workspaceId: workspace.id,
          owner: this.owner,
          now,
          leaseTtlMs: 3_600_000,
          retryMs: Math.max(this.o.intervalMs, 60_000),
          run: () => task.run(this.o.db, workspace.id, client, now),
        });
        if (outcome === 'ran' || outcome === 'failed')
          this.o.log.info({ task: task.name, workspaceId: workspace.id, outcome }, 'daily task');
      }
    }
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const woken = new Promise<void>((resolve) => {
        this.wakeUp = resolve;
      });
      try {
        await this.tick();
      } catch (error) {
        // The database was away for a moment: log it and try again next tick.
        this.o.log.error({ err: error }, 'worker tick failed');
      }
      if (this.stopped) break;
      await sleepOrWake(this.tickMs, woken);
    }
  }

  /**
   * A clean stop: bulk loops end at their next step and give their leases up, the running sync and
   * daily task get `graceMs` to finish, then every lease still held in this process's name is released
   * and the heartbeat row removed, so other workers take the work over at once.
   */
  async stop(graceMs = 5000): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.wakeUp();
    await this.running;
    await this.o.engine?.stop();
    const pending = [this.syncing, this.daily, ...this.ticking.values()].filter(
      (p): p is Promise<void> => p !== null,
    );
    await sleepOrWake(
      graceMs,
      Promise.all(pending).then(() => undefined),
    );
    await releaseLeasesOf(this.o.db, this.owner);
    await removeBeat(this.o.db, this.owner);
    this.o.log.info({ owner: this.owner }, 'worker stopped');
  }
}
