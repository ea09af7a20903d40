import 'server-only';
import { listAllAccounts } from '@/lib/instantly/accounts';
import { InstantlyError } from '@/lib/instantly/errors';
import { type Problem, problemSchema } from '@/lib/schemas/api-problem';
import { upstreamProblem } from '@/lib/server/problem';
import type { InstantlyClient } from '@/lib/instantly/client';
import type { SyncStatus } from '@/lib/schemas/api-accounts';
import { processSingleton } from '@/lib/server/singleton';
import { removeAccountsNotSeen, upsertAccounts } from './accounts-index';
import type { Db } from './db';
import { cachedStatements } from './statements';
import { SyncBackoff } from './sync-backoff';

export interface SyncResult {
  ok: boolean;
  accounts: number;
  removed: number;
  pages: number;
  error: string | null;
}

interface SyncRow {
  state: 'running' | 'done' | 'failed';
  started_at: string | null;
  finished_at: string | null;
  synced_at: string | null;
  pages: number;
  accounts_seen: number;
  error: string | null;
  problem_json: string | null;
}

const statements = cachedStatements({
  get: 'SELECT * FROM workspace_sync WHERE workspace_id = ?',
  start: `INSERT INTO workspace_sync (workspace_id, state, started_at, pages, accounts_seen, error)
          VALUES (?, 'running', ?, 0, 0, NULL)
          ON CONFLICT (workspace_id) DO UPDATE SET state = 'running', started_at = excluded.started_at,
            pages = 0, accounts_seen = 0, error = NULL`,
  progress: 'UPDATE workspace_sync SET pages = ?, accounts_seen = ? WHERE workspace_id = ?',
  done: `UPDATE workspace_sync SET state = 'done', finished_at = ?, synced_at = ?, pages = ?, accounts_seen = ?
          WHERE workspace_id = ?`,
  failed:
    "UPDATE workspace_sync SET state = 'failed', finished_at = ?, error = ?, problem_json = ? WHERE workspace_id = ?",
});

/** Syncs in flight in this process, one per workspace (per database, so tests never share one). */
const inFlight = (db: Db) => {
  const all = processSingleton('fleet-syncs', () => new WeakMap<Db, Map<string, Promise<SyncResult>>>());
  let map = all.get(db);
  if (!map) {
    map = new Map();
    all.set(db, map);
  }
  return map;
};

/** When failed syncs may run again, per workspace (per database, like inFlight). */
const backoffFor = (db: Db): SyncBackoff => {
  const all = processSingleton('fleet-sync-backoff', () => new WeakMap<Db, SyncBackoff>());
  let backoff = all.get(db);
  if (!backoff) {
    backoff = new SyncBackoff();
    all.set(db, backoff);
  }
  return backoff;
};

export interface SyncOptions {
  /**
   * How long the first page may take, every retry included. A sync usually starts because a person
   * opened the table or pressed Refresh: when Instantly cannot give even one page, they learn it
   * within this time. Once a page arrived, the rest of the walk keeps the client's full retries.
   */
  firstPageDeadlineMs?: number;
}

/**
 * Walks every page of GET /accounts (inside the client's rate budget) into the index: each page is
 * upserted as it arrives, so rows appear while the sync runs; accounts that no longer exist are
 * removed only after a complete walk. At most one sync per workspace at a time: asking again while one
 * runs returns the running one (`started: false`).
 */
export async function startSync(
  db: Db,
  workspaceId: string,
  client: InstantlyClient,
  now: () => Date = () => new Date(),
  options: SyncOptions = {},
): Promise<{ started: boolean; done: Promise<SyncResult> }> {
  // No await before the map is set: two callers cannot both start a walk of one workspace.
  const running = inFlight(db).get(workspaceId);
  if (running) return { started: false, done: running };
  const done = runSync(db, workspaceId, client, now, options).finally(() => inFlight(db).delete(workspaceId));
  inFlight(db).set(workspaceId, done);
  return { started: true, done };
}

async function runSync(
  db: Db,
  workspaceId: string,
  client: InstantlyClient,
  now: () => Date,
  options: SyncOptions,
): Promise<SyncResult> {
  const s = statements(db);
  const backoff = backoffFor(db);
  s.start.run(workspaceId, now().toISOString());
  backoff.started(workspaceId);
  const seen = new Set<string>();
  let pages = 0;
  const firstPageDeadline =
    options.firstPageDeadlineMs === undefined ? undefined : Date.now() + options.firstPageDeadlineMs;
  try {
    for await (const page of listAllAccounts(client, { include_tags: true }, undefined, {
      firstPageDeadline,
    })) {
      pages += 1;
      await upsertAccounts(db, workspaceId, page, { now: now().toISOString(), source: 'sync' });
      for (const account of page) seen.add(account.email);
      s.progress.run(pages, seen.size, workspaceId);
    }
    const removed = await removeAccountsNotSeen(db, workspaceId, seen);
    const finished = now().toISOString();
    s.done.run(finished, finished, pages, seen.size, workspaceId);
    backoff.succeeded(workspaceId);
    return { ok: true, accounts: seen.size, removed, pages, error: null };
  } catch (error) {
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
    s.failed.run(now().toISOString(), message, JSON.stringify(problem), workspaceId);
    backoff.failed(workspaceId, error instanceof InstantlyError ? error.retryAfterMs : null);
    return { ok: false, accounts: seen.size, removed: 0, pages, error: message };
  }
}

export async function isSyncRunning(db: Db, workspaceId: string): Promise<boolean> {
  return inFlight(db).has(workspaceId);
}

/** The sync state for display. A "running" row with no sync in this process was cut off by a restart. */
export async function syncStatus(db: Db, workspaceId: string, label: string): Promise<SyncStatus> {
  const row = statements(db).get.get(workspaceId) as SyncRow | undefined;
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
  const interrupted = row.state === 'running' && !inFlight(db).has(workspaceId);
  return {
    workspaceId,
    label,
    state: interrupted ? 'failed' : row.state,
    startedAt: row.started_at,
    syncedAt: row.synced_at,
    pages: row.pages,
    accountsSeen: row.accounts_seen,
    error: interrupted ? 'The sync was interrupted (the server restarted).' : row.error,
    problem: interrupted || !row.problem_json ? null : parseProblem(row.problem_json),
    retryAt: row.state === 'failed' ? isoOrNull(backoffFor(db).retryAt(workspaceId)) : null,
  };
}

const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Whether a person's Refresh may start a sync now: always, unless syncs are failing and one started
 * moments ago (then the answer already on screen is as new as another try would give).
 */
export async function mayRefreshOnRequest(db: Db, workspaceId: string): Promise<boolean> {
  return backoffFor(db).mayStartOnRequest(workspaceId);
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
