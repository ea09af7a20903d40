import 'server-only';
import { listAllAccounts } from '@/lib/instantly/accounts';
import type { InstantlyClient } from '@/lib/instantly/client';
import { InstantlyError } from '@/lib/instantly/errors';
import type { SyncStatus } from '@/lib/schemas/api-accounts';
import { type Problem, problemSchema } from '@/lib/schemas/api-problem';
import { instanceId } from '@/lib/server/instance';
import { getLogger } from '@/lib/server/log';
import { upstreamProblem } from '@/lib/server/problem';
import { processSingleton } from '@/lib/server/singleton';
import { markUnreadable, removeAccountsNotSeen, upsertAccounts } from '@/lib/store/accounts-index';
import type { Db } from '@/lib/store/connect';
import { acquireLease, leaseHolder, releaseLease, renewLease } from '@/lib/store/leases';
import {
  type SyncRow,
  markSyncDone,
  markSyncFailed,
  markSyncStarted,
  readSyncRow,
  recordSyncProgress,
  syncLeaseName,
} from '@/lib/store/sync-state';
import { backoffRetryAt, mayStartOnRequest, retryAtAfterFailure } from './sync-backoff';

export interface SyncResult {
  ok: boolean;
  accounts: number;
  removed: number;
  pages: number;
  error: string | null;
}

export interface SyncOptions {
  /**
   * How long the first page may take, every retry included. A sync usually starts because a person
   * opened the table or pressed Refresh: when Instantly cannot give even one page, they learn it
   * within this time. Once a page arrived, the rest of the walk keeps the client's full retries.
   */
  firstPageDeadlineMs?: number;
  /** Who runs the walk (the lease owner); this process unless a test plays a second one. */
  owner?: string;
  /** How long the lease lasts unrenewed: a killed process's sync is taken over after this. */
  leaseTtlMs?: number;
}

const LEASE_TTL_MS = 30_000;
/** How often a process waiting on another's sync looks at its row again. */
const WAIT_POLL_MS = 250;
const INTERRUPTED = 'The sync was interrupted (the server restarted).';

/**
 * The syncs this process started or is waiting on, one per workspace and owner (per database, so
 * tests never share one). This is no coordination (the lease is): it only hands every caller in this
 * process the same promise, so `await done` works, and two callers in one tick start one walk.
 */
const inFlight = (db: Db) => {
  const all = processSingleton('fleet-syncs', () => new WeakMap<Db, Map<string, Promise<SyncResult>>>());
  let map = all.get(db);
  if (!map) {
    map = new Map();
    all.set(db, map);
  }
  return map;
};

/**
 * Walks every page of GET /accounts (inside the client's rate budget) into the index: each page is
 * upserted as it arrives, so rows appear while the sync runs; accounts that no longer exist are
 * removed only after a complete walk. At most one sync per workspace at a time across every process
 * (the lease `sync:<workspaceId>`): asking again while one runs returns `started: false` and a `done`
 * that settles when the running one ends, here or in another process.
 */
export async function startSync(
  db: Db,
  workspaceId: string,
  client: InstantlyClient,
  now: () => Date = () => new Date(),
  options: SyncOptions = {},
): Promise<{ started: boolean; done: Promise<SyncResult> }> {
  const owner = options.owner ?? instanceId();
  const key = `${owner}\u0000${workspaceId}`;
  const map = inFlight(db);
  // No await before the map is set: two callers in this process cannot both try to start a walk.
  const running = map.get(key);
  if (running) return { started: false, done: running };
  const claim = claimAndRun(db, workspaceId, owner, client, now, options);
  const done: Promise<SyncResult> = claim.then((c) => c.done);
  map.set(key, done);
  const forget = () => {
    if (map.get(key) === done) map.delete(key);
  };
  // Both branches handled here; the result (or the error) reaches the callers through `done`.
  done.then(forget, forget);
  const { started } = await claim;
  return { started, done };
}

async function claimAndRun(
  db: Db,
  workspaceId: string,
  owner: string,
  client: InstantlyClient,
  now: () => Date,
  options: SyncOptions,
): Promise<{ started: boolean; done: Promise<SyncResult> }> {
  const ttl = options.leaseTtlMs ?? LEASE_TTL_MS;
  const lease = syncLeaseName(workspaceId);
  if (!(await acquireLease(db, lease, owner, ttl)))
    return { started: false, done: waitForSync(db, workspaceId) };
  const done = runSync(db, workspaceId, client, now, options, { lease, owner, ttl }).finally(() =>
    releaseLease(db, lease, owner),
  );
  return { started: true, done };
}

class LeaseLostError extends Error {
  override name = 'LeaseLostError';
}

async function runSync(
  db: Db,
  workspaceId: string,
  client: InstantlyClient,
  now: () => Date,
  options: SyncOptions,
  lease: { lease: string; owner: string; ttl: number },
): Promise<SyncResult> {
  // Renewed well before it lapses; when it was lost anyway (this process stalled past the TTL and
  // another took over) the walk stops at the next page and leaves the row to the new holder.
  let lost = false;
  const heartbeat = setInterval(() => {
    renewLease(db, lease.lease, lease.owner, lease.ttl).then(
      (held) => {
        if (!held) lost = true;
      },
      (error: unknown) =>
        getLogger()
          .child({ component: 'sync' })
          .error({ err: error, lease: lease.lease }, 'could not renew the lease'),
    );
  }, lease.ttl / 3);
  heartbeat.unref();
  const seen = new Set<string>();
  let pages = 0;
  try {
    await markSyncStarted(db, workspaceId, now().toISOString(), Date.now());
    const firstPageDeadline =
      options.firstPageDeadlineMs === undefined ? undefined : Date.now() + options.firstPageDeadlineMs;
    for await (const page of listAllAccounts(client, { include_tags: true }, undefined, {
      firstPageDeadline,
    })) {
      if (lost) throw new LeaseLostError(`Another process took over the sync of ${workspaceId}`);
      pages += 1;
      const at = now().toISOString();
      await upsertAccounts(db, workspaceId, page.items, { now: at, source: 'sync' });
      for (const account of page.items) seen.add(account.email);
      // A row that could not be read is kept with its email and shown as such, never dropped (nor
      // removed after the walk); a row without even an email can only be logged.
      const keep = page.unreadable.flatMap((u) =>
        u.email === null ? [] : [{ email: u.email, reason: u.reason }],
      );
      await markUnreadable(db, workspaceId, keep, at);
      for (const row of keep) seen.add(row.email);
      const nameless = page.unreadable.length - keep.length;
      if (nameless > 0)
        getLogger()
          .child({ component: 'sync' })
          .warn({ workspaceId, rows: nameless }, 'list rows without an email could not be read');
      await recordSyncProgress(db, workspaceId, pages, seen.size);
    }
    if (lost) throw new LeaseLostError(`Another process took over the sync of ${workspaceId}`);
    const removed = await removeAccountsNotSeen(db, workspaceId, seen);
    await markSyncDone(db, workspaceId, now().toISOString(), pages, seen.size);
    return { ok: true, accounts: seen.size, removed, pages, error: null };
  } catch (error) {
    if (error instanceof LeaseLostError)
      return { ok: false, accounts: seen.size, removed: 0, pages, error: error.message };
    // Kept as the problem a person would see, so the table can say why its data is old (or missing).
    const problem: Problem =
      error instanceof InstantlyError
        ? upstreamProblem(error)
        : {
            type: 'sync-failed',
            title: 'The refresh failed',
            detail: error instanceof Error ? error.message : String(error),
            status: 500,
          };
    const message = problem.detail ? `${problem.title}. ${problem.detail}` : problem.title;
    const failures = ((await readSyncRow(db, workspaceId))?.failures ?? 0) + 1;
    const retryAfterMs = error instanceof InstantlyError ? error.retryAfterMs : null;
    await markSyncFailed(db, workspaceId, {
      finishedAt: now().toISOString(),
      error: message,
      problemJson: JSON.stringify(problem),
      failures,
      retryAt: retryAtAfterFailure(failures, Date.now(), retryAfterMs),
    });
    return { ok: false, accounts: seen.size, removed: 0, pages, error: message };
  } finally {
    clearInterval(heartbeat);
  }
}

/** Another process runs the sync: its result, read from the row once its lease is gone. */
async function waitForSync(db: Db, workspaceId: string): Promise<SyncResult> {
  while (await leaseHolder(db, syncLeaseName(workspaceId))) {
    await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
  }
  const row = await readSyncRow(db, workspaceId);
  const state = row?.state ?? 'never';
  const error = state === 'done' ? null : state === 'running' ? INTERRUPTED : (row?.error ?? INTERRUPTED);
  return {
    ok: state === 'done',
    accounts: row?.accounts_seen ?? 0,
    removed: 0,
    pages: row?.pages ?? 0,
    error,
  };
}

/** Whether some process (this one or another) is syncing the workspace now. */
export async function isSyncRunning(db: Db, workspaceId: string): Promise<boolean> {
  return (await leaseHolder(db, syncLeaseName(workspaceId))) !== null;
}

const backoffOf = (row: SyncRow) => ({
  failures: row.failures,
  retryAt: row.retry_at,
  lastStartedAt: row.last_started_at,
});

/**
 * The sync state for display. A "running" row whose lease lapsed was cut off (a killed or restarted
 * process) and shows as such.
 */
export async function syncStatus(db: Db, workspaceId: string, label: string): Promise<SyncStatus> {
  const row = await readSyncRow(db, workspaceId);
  if (!row) {
    return {
      workspaceId,
      label,
      state: 'never',
      startedAt: null,
      syncedAt: null,
      pages: 0,
      accountsSeen: 0,
      error: null,
      problem: null,
      retryAt: null,
    };
  }
  const interrupted = row.state === 'running' && !(await isSyncRunning(db, workspaceId));
  const state = interrupted ? 'failed' : parseState(row.state);
  const retryAt = state === 'failed' && !interrupted ? backoffRetryAt(backoffOf(row)) : null;
  return {
    workspaceId,
    label,
    state,
    startedAt: row.started_at,
    syncedAt: row.synced_at,
    pages: row.pages,
    accountsSeen: row.accounts_seen,
    error: interrupted ? INTERRUPTED : row.error,
    problem: interrupted || !row.problem_json ? null : parseProblem(row.problem_json),
    retryAt: retryAt === null ? null : new Date(retryAt).toISOString(),
  };
}

function parseState(state: string): 'running' | 'done' | 'failed' {
  return state === 'running' || state === 'done' ? state : 'failed';
}

/**
 * Whether a person's Refresh may start a sync now: always, unless syncs are failing and one started
 * moments ago (then the answer already on screen is as new as another try would give).
 */
export async function mayRefreshOnRequest(db: Db, workspaceId: string): Promise<boolean> {
  const row = await readSyncRow(db, workspaceId);
  return !row || mayStartOnRequest(backoffOf(row), Date.now());
}

/**
 * Whether the index of a workspace should be refreshed: never synced, failed (once its backoff is
 * over), or older than maxAge.
 */
export function needsSync(status: SyncStatus, maxAgeMs: number, now = Date.now()): boolean {
  if (status.state === 'running') return false;
  if (status.state === 'failed' && status.retryAt !== null && now < Date.parse(status.retryAt)) return false;
  if (status.state !== 'done' || !status.syncedAt) return true;
  return now - Date.parse(status.syncedAt) > maxAgeMs;
}

function parseProblem(json: string): Problem | null {
  try {
    const parsed = problemSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
