import 'server-only';
import { z } from 'zod';
import { getAccount, patchAccount, runAccountAction } from '@/lib/instantly/accounts';
import { getBackgroundJob, listBackgroundJobs } from '@/lib/instantly/background-jobs';
import type { InstantlyClient } from '@/lib/instantly/client';
import { InstantlyError } from '@/lib/instantly/errors';
import { setWarmup } from '@/lib/instantly/warmup';
import type {
  AccountKey,
  BulkActionDetail,
  BulkActionSummary,
  ItemState,
} from '@/lib/schemas/api-bulk-actions';
import type { Account } from '@/lib/schemas/instantly-account';
import { type BackgroundJob, TERMINAL_JOB_STATUSES } from '@/lib/schemas/instantly-job';
import { countIndexed, getIndexedRaw, removeAccount, upsertAccounts } from '@/lib/store/accounts-index';
import type { AuditChanges } from '@/lib/store/audit-log';
import {
  type BatchRecord,
  type BulkActionRecord,
  type EmailResult,
  OPEN_BATCH_STATES,
  accountsChangedAgain,
  actionItems,
  actionVisibleTo,
  activeActionIds,
  adoptJobForBatch,
  applyBatchProgress,
  batchBlockers,
  batchesOf,
  finalizeIfComplete,
  finishBatch,
  finishItem,
  getBulkAction,
  groupChangedAgain,
  itemsOfBatch,
  listBulkActions,
  markBatchRunning,
  markBatchStartingUnlessBlocked,
  markItemRunningUnlessLocked,
  orphanedRunningItems,
  pendingItems,
  recordActionError,
  recordBatchPoll,
  requeueBatch,
  setItemState,
  summarizeAction,
  workspacesWithWork,
} from '@/lib/store/bulk-actions';
import { type Db, getDb } from '@/lib/store/db';
import { startSync } from '@/lib/worker/sync';
import {
  UNKNOWN_KINDS,
  WAIT_KINDS,
  changesFor,
  confirmChange,
  jobMatchesBatch,
  reasonFor,
  settingWriters,
  unknownOutcome,
} from './bulk-outcomes';
import { processSingleton, resetProcessSingleton } from './singleton';

// The engine behind bulk actions. Instantly keys are not stored on the server (they live sealed in the
// browser's cookie), so the runner only ever holds clients handed to it by requests (`kick`), and only
// while an action's loop runs. Everything else is in the store: a restart, or a browser that left,
// resumes from there on the next kick.

export type ClientsByWorkspace = ReadonlyMap<string, InstantlyClient>;

export interface BulkRunnerOptions {
  db: Db;
  /** The clock (ms). Tests drive it together with the simulator's. */
  now?: () => number;
  /** Waits between polls; tests pass one that advances their clock instead. */
  sleep?: (ms: number) => Promise<void>;
  pollInitialMs?: number;
  pollFactor?: number;
  pollMaxMs?: number;
  /** Per-account calls in flight per workspace (the client also waits on the rate budget). */
  concurrency?: number;
  /** Instantly jobs of one action running at once in one workspace. */
  maxJobsPerWorkspace?: number;
  /** First wait after a 409 / 429 on a write; doubles per attempt, up to a minute. */
  conflictRetryMs?: number;
  maxStartAttempts?: number;
  /** How often to look again while another action's job holds the accounts. */
  lockRecheckMs?: number;
  maxPollFailures?: number;
  /** Re-read touched accounts from Instantly after a job (off only in tests that count requests). */
  refreshIndex?: boolean;
}

type Required_ = Required<Omit<BulkRunnerOptions, 'db'>>;

interface Loop {
  clients: Map<string, InstantlyClient>;
  wake: () => void;
  /** A kick arrived while the loop ran: it may have brought a key the loop no longer expected. */
  kicked: boolean;
  done: Promise<void>;
}

const iso = (ms: number) => new Date(ms).toISOString();
const noop = () => undefined;

const realSleep = (ms: number) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    // A waiting loop must not keep a process alive that is shutting down.
    (timer as { unref?: () => void }).unref?.();
  });

async function pool<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await run(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

export class BulkRunner {
  private readonly db: Db;
  private readonly options: Required_;
  private readonly loops = new Map<string, Loop>();

  constructor(options: BulkRunnerOptions) {
    this.db = options.db;
    this.options = {
      now: Date.now,
      sleep: realSleep,
      pollInitialMs: 1000,
      pollFactor: 1.5,
      pollMaxMs: 5000,
      concurrency: 4,
      maxJobsPerWorkspace: 2,
      conflictRetryMs: 5000,
      maxStartAttempts: 8,
      lockRecheckMs: 2000,
      maxPollFailures: 20,
      refreshIndex: true,
      ...(Object.fromEntries(
        Object.entries(options).filter(([key, v]) => v !== undefined && key !== 'db'),
      ) as Partial<Required_>),
    };
  }

  private now(): number {
    return this.options.now();
  }

  /**
   * Hands the runner the clients of a request and makes sure the action's loop runs. A second kick
   * while it runs only refreshes the clients (and wakes it). Fire and forget: the loop outlives the
   * request, and its errors are recorded on the action, never thrown. Resolves once the loop is
   * registered (so `settled` sees it), not when it ends.
   */
  async kick(actionId: string, clients: ClientsByWorkspace): Promise<void> {
    const action = await getBulkAction(this.db, actionId);
    // From here to loops.set there is no await: two kicks cannot both start a loop for one action.
    if (!action || action.status !== 'running') return;
    const relevant = [...clients].filter(([id]) => action.workspaces.some((w) => w.workspaceId === id));
    const running = this.loops.get(actionId);
    if (running) {
      const brought = relevant.some(([id]) => !running.clients.has(id));
      for (const [id, client] of relevant) running.clients.set(id, client);
      // Browsers kick on every poll; only a key the loop lacked is a reason to stop waiting early
      // (waking on every poll would cut the backoff after a 409 or 429 short).
      if (brought) {
        running.kicked = true;
        running.wake();
      }
      return;
    }
    if (relevant.length === 0) return;
    const loop: Loop = { clients: new Map(relevant), wake: noop, kicked: false, done: Promise.resolve() };
    this.loops.set(actionId, loop);
    loop.done = this.run(action, loop)
      .catch(async (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        console.error(`Bulk action ${actionId} stopped on an error:`, error);
        try {
          await recordActionError(this.db, actionId, message, iso(this.now()));
        } catch {
          // The database itself failed; the log line above is all we can do.
        }
      })
      .finally(async () => {
        this.loops.delete(actionId);
        // A kick that landed while the loop was deciding to stop may have brought the missing key.
        try {
          if (loop.kicked && (await this.canProgress(actionId, loop.clients)))
            await this.kick(actionId, loop.clients);
        } catch (error) {
          console.error(`Bulk action ${actionId} could not be resumed:`, error);
        }
      });
  }

  /** Kicks every unfinished action touching the given workspaces (each GET of the job centre does). */
  async kickActive(clients: ClientsByWorkspace): Promise<void> {
    for (const id of await activeActionIds(this.db)) await this.kick(id, clients);
  }

  /** Resolves when the action's loop (if any) has stopped. */
  async settled(actionId: string): Promise<void> {
    for (let loop = this.loops.get(actionId); loop; loop = this.loops.get(actionId)) await loop.done;
  }

  isRunning(actionId: string): boolean {
    return this.loops.has(actionId);
  }

  private async canProgress(actionId: string, clients: ClientsByWorkspace): Promise<boolean> {
    const action = await getBulkAction(this.db, actionId);
    if (!action || action.status !== 'running') return false;
    return (await workspacesWithWork(this.db, actionId)).some((w) => clients.has(w));
  }

  // ---- reads for the routes --------------------------------------------------------------------

  private async waitingFor(action: BulkActionRecord): Promise<string | null> {
    if (action.status !== 'running') return null;
    const loop = this.loops.get(action.id);
    const missing = (await workspacesWithWork(this.db, action.id)).filter((id) => !loop?.clients.has(id));
    if (missing.length === 0) return null;
    const labels = missing.map((id) => action.workspaces.find((w) => w.workspaceId === id)?.label ?? id);
    const names =
      labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
    return `Open the dashboard with access to ${names} to continue`;
  }

  private async summarize(action: BulkActionRecord): Promise<BulkActionSummary> {
    return { ...(await summarizeAction(this.db, action)), waitingFor: await this.waitingFor(action) };
  }

  async summary(actionId: string): Promise<BulkActionSummary | null> {
    const action = await getBulkAction(this.db, actionId);
    return action ? this.summarize(action) : null;
  }

  async list(options: {
    workspaceIds: readonly string[];
    active?: boolean;
    limit?: number;
  }): Promise<BulkActionSummary[]> {
    const actions = await listBulkActions(this.db, options);
    return Promise.all(actions.map((a) => this.summarize(a)));
  }

  /** The action with the items this browser may see, or null when it may see none of it. */
  async detail(
    actionId: string,
    options: { workspaceIds: readonly string[]; state?: ItemState; offset: number; limit: number },
  ): Promise<BulkActionDetail | null> {
    const action = await getBulkAction(this.db, actionId);
    if (!action || !actionVisibleTo(action, options.workspaceIds)) return null;
    const { items, itemsTotal } = await actionItems(this.db, actionId, options);
    const summary = await this.summarize(action);
    const writers = settingWriters(action.kind);
    // "Changed again afterwards" is asked of a finished action: while it runs, its page polls every
    // second and the set-based query over all its accounts would run as often.
    const changedAgain =
      writers && summary.status !== 'running'
        ? await accountsChangedAgain(this.db, actionId, writers, { workspaceIds: options.workspaceIds })
        : [];
    const byAccount = new Map(changedAgain.map((c) => [`${c.workspaceId}\u0000${c.email}`, c]));
    return {
      action: summary,
      items: items.map((item) => {
        const later = byAccount.get(`${item.workspaceId}\u0000${item.email}`);
        return later
          ? {
              ...item,
              changedAgainBy: {
                actionId: later.actionId,
                kind: later.kind,
                label: later.label,
                startedAt: later.startedAt,
              },
            }
          : item;
      }),
      itemsTotal,
      changedAgain: groupChangedAgain(changedAgain),
    };
  }

  // ---- the loop --------------------------------------------------------------------------------

  private async run(action: BulkActionRecord, loop: Loop): Promise<void> {
    if (action.kind === 'enable-warmup' || action.kind === 'disable-warmup')
      await this.runWarmup(action, loop);
    else await this.runPerAccount(action, loop);
    await finalizeIfComplete(this.db, action.id, iso(this.now()));
  }

  /** Sleeps until `ms` passed or a kick wakes the loop (new clients may let it go on sooner). */
  private async pause(loop: Loop, ms: number): Promise<void> {
    if (ms <= 0) return;
    const woken = new Promise<void>((resolve) => {
      loop.wake = resolve;
    });
    await Promise.race([this.options.sleep(ms), woken]);
    loop.wake = noop;
  }

  /** Lets actions whose jobs block ours go on with our key for that workspace (they may have none). */
  private async lend(
    actionIds: readonly string[],
    self: string,
    workspaceId: string,
    client: InstantlyClient,
  ): Promise<void> {
    for (const id of actionIds) if (id !== self) await this.kick(id, new Map([[workspaceId, client]]));
  }

  private dropClient(loop: Loop, workspaceId: string, client: InstantlyClient): void {
    // Only the key that failed: a kick may already have brought a new one.
    if (loop.clients.get(workspaceId) === client) loop.clients.delete(workspaceId);
  }

  private async runWarmup(action: BulkActionRecord, loop: Loop): Promise<void> {
    const target: 0 | 1 = action.kind === 'enable-warmup' ? 1 : 0;
    for (;;) {
      let open = (await batchesOf(this.db, action.id)).filter((b) => OPEN_BATCH_STATES.includes(b.state));
      if (open.length === 0) return;
      let acted = false;
      let wakeAt = Number.POSITIVE_INFINITY;
      let anyClient = false;

      // Left `starting` by a process that died while the write was on its way: find out what happened.
      for (const batch of open.filter((b) => b.state === 'starting')) {
        const client = loop.clients.get(batch.workspaceId);
        if (!client) continue;
        anyClient = true;
        acted = true;
        await this.resolveUnknownStart(
          batch,
          client,
          'the server restarted while the job was being sent',
          target,
        );
      }

      for (const batch of open.filter((b) => b.state === 'running')) {
        const client = loop.clients.get(batch.workspaceId);
        if (!client) continue;
        anyClient = true;
        const due = batch.nextPollAt ? Date.parse(batch.nextPollAt) : 0;
        if (due <= this.now()) {
          acted = true;
          await this.poll(batch, client, loop, target);
        } else wakeAt = Math.min(wakeAt, due);
      }

      open = (await batchesOf(this.db, action.id)).filter((b) => OPEN_BATCH_STATES.includes(b.state));
      const inFlight = new Map<string, number>();
      for (const b of open) {
        if (b.state !== 'queued') inFlight.set(b.workspaceId, (inFlight.get(b.workspaceId) ?? 0) + 1);
      }
      for (const batch of open.filter((b) => b.state === 'queued')) {
        const client = loop.clients.get(batch.workspaceId);
        if (!client) continue;
        anyClient = true;
        const notBefore = batch.nextPollAt ? Date.parse(batch.nextPollAt) : 0;
        if (notBefore > this.now()) {
          wakeAt = Math.min(wakeAt, notBefore);
          continue;
        }
        if ((inFlight.get(batch.workspaceId) ?? 0) >= this.options.maxJobsPerWorkspace) continue;
        // Never two jobs on one account: wait for any running job that holds one of ours. This is a
        // cheap first look; `start` checks again in the same step as its "starting" mark, so no other
        // loop can slip in between.
        let blockers = await batchBlockers(this.db, batch);
        if (blockers.length === 0) {
          inFlight.set(batch.workspaceId, (inFlight.get(batch.workspaceId) ?? 0) + 1);
          blockers = await this.start(batch, client, loop, target);
          if (blockers.length === 0) acted = true;
          else inFlight.set(batch.workspaceId, (inFlight.get(batch.workspaceId) ?? 1) - 1);
        }
        if (blockers.length > 0) {
          await this.lend(blockers, action.id, batch.workspaceId, client);
          wakeAt = Math.min(wakeAt, this.now() + this.options.lockRecheckMs);
        }
      }

      if (!anyClient) return;
      if (!acted) {
        const wait = Number.isFinite(wakeAt) ? wakeAt - this.now() : this.options.lockRecheckMs;
        await this.pause(loop, Math.max(1, Math.min(wait, 30_000)));
      }
    }
  }

  /** Sends a queued batch's job; returns the actions holding its accounts when it must wait (not sent). */
  private async start(
    batch: BatchRecord,
    client: InstantlyClient,
    loop: Loop,
    target: 0 | 1,
  ): Promise<string[]> {
    const mark = await markBatchStartingUnlessBlocked(this.db, batch, iso(this.now()));
    if (mark.blockers.length > 0) return mark.blockers;
    if (!mark.started) return [];
    await this.sendStart(batch, client, loop, target);
    return [];
  }

  private async sendStart(batch: BatchRecord, client: InstantlyClient, loop: Loop, target: 0 | 1) {
    const attempts = batch.attempts + 1;
    let job: BackgroundJob;
    try {
      job = await setWarmup(client, target === 1, batch.request);
    } catch (error) {
      if (error instanceof z.ZodError) {
        // Refused before sending: nothing can have been applied.
        await this.failBatch(
          batch,
          `The request could not be built: ${error.issues[0]?.message ?? 'invalid'}`,
          'failed',
        );
        return;
      }
      if (!(error instanceof InstantlyError) || UNKNOWN_KINDS.has(error.kind)) {
        const cause = error instanceof Error ? error.message : String(error);
        await this.resolveUnknownStart({ ...batch, startedAt: iso(this.now()) }, client, cause, target);
        return;
      }
      if (error.kind === 'unauthorized') {
        await requeueBatch(this.db, batch.id, iso(this.now()), reasonFor(error), iso(this.now()));
        this.dropClient(loop, batch.workspaceId, client);
        return;
      }
      if (WAIT_KINDS.has(error.kind)) {
        // 409: a job started elsewhere holds some of these accounts; 429: refused before any work.
        // Neither applied anything, so sending again later is safe.
        if (attempts >= this.options.maxStartAttempts) {
          await this.failBatch(
            batch,
            `${reasonFor(error).replace(/\.$/, '')} (${attempts} tries). Retry later.`,
            'failed',
          );
          return;
        }
        const wait = Math.min(
          60_000,
          Math.max(this.options.conflictRetryMs * 2 ** (attempts - 1), error.retryAfterMs ?? 0),
        );
        await requeueBatch(this.db, batch.id, iso(this.now() + wait), reasonFor(error), iso(this.now()));
        return;
      }
      await this.failBatch(batch, reasonFor(error), 'failed');
      return;
    }
    await this.markRunning(batch.id, job);
  }

  private async markRunning(
    batchId: string,
    job: BackgroundJob,
    firstPollMs = this.options.pollInitialMs,
  ): Promise<void> {
    const now = this.now();
    await markBatchRunning(
      this.db,
      batchId,
      { id: job.id, status: job.status, progress: job.progress },
      { at: iso(now + firstPollMs), intervalMs: this.options.pollInitialMs },
      iso(now),
    );
  }

  private async failBatch(batch: BatchRecord, reason: string, outcome: 'failed' | 'unknown'): Promise<void> {
    await finishBatch(
      this.db,
      batch.id,
      { state: 'failed', results: [], missingReason: reason, error: reason, auditOutcome: outcome },
      iso(this.now()),
    );
  }

  /**
   * The enable/disable call got no clear answer. It is never sent again blindly: look for the job in
   * Instantly's recent jobs (same kind, same accounts); if it is not there, the accounts fail with a
   * reason saying the outcome is unknown, and the person can retry them.
   */
  private async resolveUnknownStart(
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
          (!job.created_at ||
            Number.isNaN(Date.parse(job.created_at)) ||
            Date.parse(job.created_at) >= since),
      );
    } catch {
      candidates = [];
    }
    // The first one no other batch claimed; checked and claimed in one step (two loops may look at once).
    const now = this.now();
    for (const job of candidates) {
      const adopted = await adoptJobForBatch(
        this.db,
        batch.id,
        { id: job.id, status: job.status, progress: job.progress },
        { at: iso(now), intervalMs: this.options.pollInitialMs },
        iso(now),
      );
      if (adopted) return;
    }
    await this.failBatch(batch, unknownOutcome(cause), 'unknown');
  }

  private async poll(batch: BatchRecord, client: InstantlyClient, loop: Loop, target: 0 | 1) {
    const jobId = batch.upstreamJobId;
    if (!jobId) {
      await this.failBatch(batch, unknownOutcome('the job id was lost'), 'unknown');
      return;
    }
    let job: BackgroundJob;
    try {
      job = await getBackgroundJob(client, jobId);
    } catch (error) {
      if (error instanceof InstantlyError && error.kind === 'not-found') {
        await this.failBatch(batch, unknownOutcome(`Instantly no longer knows job ${jobId}`), 'unknown');
        return;
      }
      if (error instanceof InstantlyError && error.kind === 'unauthorized') {
        this.dropClient(loop, batch.workspaceId, client);
        return;
      }
      const failures = batch.pollFailures + 1;
      const message = error instanceof Error ? error.message : String(error);
      if (failures >= this.options.maxPollFailures) {
        await this.failBatch(batch, unknownOutcome(`its result could not be read: ${message}`), 'unknown');
        return;
      }
      const interval = Math.min(30_000, Math.max(this.options.pollInitialMs, batch.pollIntervalMs) * 2);
      await recordBatchPoll(
        this.db,
        batch.id,
        {
          progress: batch.progress,
          upstreamStatus: batch.upstreamStatus,
          intervalMs: interval,
          nextPollAt: iso(this.now() + interval),
          pollFailures: failures,
          error: `Reading the job failed: ${message}`,
        },
        iso(this.now()),
      );
      return;
    }

    const results: EmailResult[] = (job.data?.processed_emails ?? [])
      .filter((p) => p.status === 'success' || p.status === 'failed')
      .map((p) => ({ email: p.email, ok: p.status === 'success', error: p.error ?? null }));
    const changed = await applyBatchProgress(this.db, batch.id, results, iso(this.now()));
    // The table follows the job: accounts Instantly reports as switched are switched in the index now.
    await this.patchWarmupStatus(
      batch.workspaceId,
      changed.filter((r) => r.ok).map((r) => r.email),
      target,
    );

    if (TERMINAL_JOB_STATUSES.includes(job.status)) {
      const emails = new Set([
        ...(await itemsOfBatch(this.db, batch.id)).map((i) => i.email),
        ...results.map((r) => r.email),
      ]);
      await this.refreshIndex(batch.workspaceId, client, [...emails]);
      const accountChanges = new Map<string, AuditChanges>();
      for (const email of emails) {
        const old = batch.before[email];
        accountChanges.set(email, {
          warmup_status: old === undefined ? { new: target } : { old, new: target },
        });
      }
      await finishBatch(
        this.db,
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
          changes: { warmup_status: { new: target } },
          accountChanges,
        },
        iso(this.now()),
      );
      return;
    }
    const interval = batch.pollIntervalMs
      ? Math.min(this.options.pollMaxMs, Math.round(batch.pollIntervalMs * this.options.pollFactor))
      : this.options.pollInitialMs;
    await recordBatchPoll(
      this.db,
      batch.id,
      {
        progress: job.progress,
        upstreamStatus: job.status,
        intervalMs: interval,
        nextPollAt: iso(this.now() + interval),
        pollFailures: 0,
      },
      iso(this.now()),
    );
  }

  private async patchWarmupStatus(
    workspaceId: string,
    emails: readonly string[],
    target: 0 | 1,
  ): Promise<void> {
    const accounts: Account[] = [];
    for (const email of emails) {
      const raw = await getIndexedRaw(this.db, workspaceId, email);
      if (raw) accounts.push({ ...raw, warmup_status: target });
    }
    if (accounts.length > 0)
      await upsertAccounts(this.db, workspaceId, accounts, { now: iso(this.now()), source: 'dashboard' });
  }

  /**
   * Re-reads what a finished job touched, from Instantly: one GET per account when few, a full sync
   * of the workspace when that costs fewer requests (a sync reads 100 accounts per request).
   */
  private async refreshIndex(
    workspaceId: string,
    client: InstantlyClient,
    emails: readonly string[],
  ): Promise<void> {
    if (!this.options.refreshIndex || emails.length === 0) return;
    const syncCost = Math.max(1, Math.ceil((await countIndexed(this.db, workspaceId)) / 100));
    try {
      if (emails.length > syncCost) {
        await (
          await startSync(this.db, workspaceId, client, () => new Date(this.now()))
        ).done;
        return;
      }
      await pool(emails, this.options.concurrency, async (email) => {
        try {
          const account = await getAccount(client, email);
          await upsertAccounts(this.db, workspaceId, [account], { now: iso(this.now()), source: 'read' });
        } catch (error) {
          if (error instanceof InstantlyError && error.kind === 'not-found')
            await removeAccount(this.db, workspaceId, email);
        }
      });
    } catch {
      // The index catches up on its next sync; the job's result is recorded either way.
    }
  }

  // ---- per-account actions ---------------------------------------------------------------------

  private async runPerAccount(action: BulkActionRecord, loop: Loop): Promise<void> {
    // Left `running` by a process that died mid-call: the outcome has to be found out, not re-sent.
    for (const item of await orphanedRunningItems(this.db, action.id)) {
      const client = loop.clients.get(item.workspaceId);
      if (client)
        await this.resolveUnknownItem(
          action,
          item,
          client,
          'the server restarted while the change was being sent',
        );
    }
    await Promise.all(action.workspaces.map((w) => this.runWorkspaceItems(action, w.workspaceId, loop)));
  }

  private async runWorkspaceItems(action: BulkActionRecord, workspaceId: string, loop: Loop): Promise<void> {
    const deferrals = new Map<string, number>();
    for (;;) {
      if (!loop.clients.has(workspaceId)) return;
      const pending = await pendingItems(this.db, action.id, workspaceId);
      if (pending.length === 0) return;
      let deferred = false;
      let blocked = false;
      await pool(pending, this.options.concurrency, async (item) => {
        const client = loop.clients.get(workspaceId);
        if (!client) return;
        const key = { workspaceId, email: item.email };
        // A reason from an earlier try ("rate limited, trying again") stays up while this one runs.
        // The lock check and the "running" mark are one step, so no warmup job can take it in between.
        const holder = await markItemRunningUnlessLocked(
          this.db,
          action.id,
          key,
          item.error,
          iso(this.now()),
        );
        if (holder) {
          // A warmup job holds the account (PATCH would answer 409): wait for it.
          blocked = true;
          await this.lend([holder], action.id, workspaceId, client);
          return;
        }
        try {
          const result = await this.runItem(action, key, client, loop);
          if (result !== 'finished') {
            const count = (deferrals.get(item.email) ?? 0) + 1;
            deferrals.set(item.email, count);
            if (count >= this.options.maxStartAttempts) {
              await finishItem(
                this.db,
                action,
                key,
                { ok: false, error: `${result.wait} Gave up after ${count} tries; retry later.` },
                iso(this.now()),
              );
            } else {
              // Say why the account is still waiting, so the job page never shows a silent "not yet".
              const why = `${result.wait} Trying again shortly (${count} of ${this.options.maxStartAttempts} tries).`;
              await setItemState(this.db, action.id, key, 'pending', why, iso(this.now()));
              deferred = true;
            }
          }
        } catch (error) {
          // A bug of ours, not Instantly's answer: record it on the account rather than lose the loop.
          await finishItem(
            this.db,
            action,
            key,
            { ok: false, error: reasonFor(error), outcome: 'unknown' },
            iso(this.now()),
          );
        }
      });
      if (deferred) await this.pause(loop, this.options.conflictRetryMs);
      else if (blocked) await this.pause(loop, this.options.lockRecheckMs);
    }
  }

  /** One account: 'finished' (done or failed, recorded), or wait (nothing applied, send again later). */
  private async runItem(
    action: BulkActionRecord,
    key: AccountKey,
    client: InstantlyClient,
    loop: Loop,
  ): Promise<'finished' | { wait: string }> {
    const before = await getIndexedRaw(this.db, key.workspaceId, key.email);
    const dailyLimit = action.params.dailyLimit;
    let account: Account;
    try {
      if (action.kind === 'set-daily-limit') {
        account = await patchAccount(client, key.email, { daily_limit: dailyLimit ?? null });
      } else if (action.kind === 'pause' || action.kind === 'resume' || action.kind === 'mark-fixed') {
        account = await runAccountAction(client, key.email, action.kind);
      } else {
        throw new Error(`${action.kind} is not a per-account action`);
      }
    } catch (error) {
      if (error instanceof InstantlyError && error.kind === 'unauthorized') {
        // The key stopped working: the account stays "not yet attempted" until a browser brings one.
        await setItemState(this.db, action.id, key, 'pending', null, iso(this.now()));
        this.dropClient(loop, key.workspaceId, client);
        return 'finished';
      }
      if (error instanceof InstantlyError && WAIT_KINDS.has(error.kind)) return { wait: reasonFor(error) };
      if (!(error instanceof InstantlyError) || UNKNOWN_KINDS.has(error.kind)) {
        await this.resolveUnknownItem(
          action,
          key,
          client,
          error instanceof Error ? error.message : String(error),
        );
        return 'finished';
      }
      await finishItem(this.db, action, key, { ok: false, error: reasonFor(error) }, iso(this.now()));
      return 'finished';
    }
    await upsertAccounts(this.db, key.workspaceId, [account], { now: iso(this.now()), source: 'dashboard' });
    const problem = confirmChange(action.kind, account, dailyLimit);
    await finishItem(
      this.db,
      action,
      key,
      problem
        ? { ok: false, error: problem, changes: changesFor(action.kind, before, account) }
        : { ok: true, changes: changesFor(action.kind, before, account) },
      iso(this.now()),
    );
    return 'finished';
  }

  /**
   * A per-account write without a clear answer is not sent again. Where the account itself shows
   * whether the change landed (paused, resumed, the new limit), one read settles it; otherwise the
   * account fails with a reason saying the outcome is unknown.
   */
  private async resolveUnknownItem(
    action: BulkActionRecord,
    key: AccountKey,
    client: InstantlyClient,
    cause: string,
  ) {
    const before = await getIndexedRaw(this.db, key.workspaceId, key.email);
    if (action.kind !== 'mark-fixed') {
      try {
        const account = await getAccount(client, key.email);
        await upsertAccounts(this.db, key.workspaceId, [account], { now: iso(this.now()), source: 'read' });
        if (confirmChange(action.kind, account, action.params.dailyLimit) === null) {
          await finishItem(
            this.db,
            action,
            key,
            { ok: true, changes: changesFor(action.kind, before, account) },
            iso(this.now()),
          );
          return;
        }
        await finishItem(
          this.db,
          action,
          key,
          {
            ok: false,
            outcome: 'unknown',
            error: `Instantly did not confirm the change (${cause}) and the account does not show it yet. Retry to be sure.`,
          },
          iso(this.now()),
        );
        return;
      } catch {
        // Fall through: we could not even read the account.
      }
    }
    await finishItem(
      this.db,
      action,
      key,
      { ok: false, outcome: 'unknown', error: unknownOutcome(cause) },
      iso(this.now()),
    );
  }
}

/** The process's runner (one per process, so one loop per action). */
export function getBulkRunner(): Promise<BulkRunner> {
  return processSingleton('bulk-runner', () =>
    getDb().then(
      (db) => new BulkRunner({ db }),
      (error: unknown) => {
        // Not kept: the next request tries to open the database again.
        resetProcessSingleton('bulk-runner');
        throw error;
      },
    ),
  );
}
