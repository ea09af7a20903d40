import 'server-only';
import type { AccountFilters, SyncStatus } from '@/lib/schemas/api-accounts';
import type { IndexFilters } from '@/lib/store/account-query';
import { getDb } from '@/lib/store/db';
import { mayRefreshOnRequest, needsSync, startSync, syncStatus } from '@/lib/worker/sync';
import { getConfig } from './config';
import { mayAccessWorkspace } from './auth/person';
import { ProblemError, RATE_LIMIT_CONTEXT } from './problem';
import { seedDemoHistoryAfterSync } from './demo-history';
import {
  type ResolvedWorkspace,
  type WorkspaceAccess,
  activeIn,
  clientFor,
  listWorkspaces,
  resolveWorkspace,
  workspaceNotFound,
} from './workspaces';

/**
 * The workspaces a table request covers: the active one, or with scope=all every connected workspace
 * (the demo joins only when nothing else is connected), narrowed by the `ws` facet. A browser names
 * the workspace it means by "active" (`?workspace=`, the one in its query key), so an answer never
 * lands under another workspace's key after a switch in another tab; without it, the cookie's choice.
 */
export async function scopeWorkspaces(
  access: WorkspaceAccess,
  filters: Pick<AccountFilters, 'scope' | 'ws'>,
  named: string | null = null,
): Promise<ResolvedWorkspace[]> {
  // A workspace named in `ws` that the member may not see answers like an unknown id (404), never
  // an empty page or file that would tell it exists.
  const hidden = (filters.ws ?? []).find((id) => !mayAccessWorkspace(access.person, id));
  if (hidden !== undefined) throw workspaceNotFound();
  // One the person may not see, or that is gone, answers as resolveWorkspace answers (404, 409).
  if (filters.scope !== 'all' && named !== null) return [await resolveWorkspace(access, named)];
  const listing = await listWorkspaces(access);
  const available = listing.usable;
  let inScope: ResolvedWorkspace[];
  if (filters.scope === 'all') {
    const real = available.filter((w) => w.kind !== 'demo');
    inScope = real.length > 0 ? real : available;
  } else {
    const activeId = activeIn(listing, access.session.activeChoice);
    inScope = available.filter((w) => w.id === activeId);
  }
  return inScope;
}

/** Scope + filters → what the index query needs. `ws` narrows inside the scope, never widens it. */
export function indexFilters(
  workspaces: readonly ResolvedWorkspace[],
  filters: AccountFilters,
): IndexFilters {
  const { scope: _scope, ws, ...rest } = filters;
  const inScope = workspaces.map((w) => w.id);
  if (!ws || ws.length === 0) return { ...rest, workspaceIds: inScope };
  const picked = inScope.filter((id) => ws.includes(id));
  // Only workspaces outside the scope were named: nothing matches.
  return { ...rest, workspaceIds: picked.length > 0 ? inScope : [], ws: picked };
}

export function labelsOf(workspaces: readonly ResolvedWorkspace[]): Map<string, string> {
  return new Map(workspaces.map((w) => [w.id, w.label]));
}

/**
 * Starts a background sync for every workspace whose index is missing or stale (or for all when
 * forced by a person's Refresh, except one whose syncs are failing and that was tried moments ago;
 * a failed sync is otherwise retried only once its backoff is over). When a workspace has never been indexed, waits up to `waitMs` so a first visit to a small
 * workspace shows complete data at once; a large one shows rows as pages arrive.
 */
export async function ensureFresh(
  workspaces: readonly ResolvedWorkspace[],
  options: { force?: boolean; waitMs?: number; failedOnly?: boolean } = {},
): Promise<SyncStatus[]> {
  const db = await getDb();
  const maxAgeMs = getConfig().FLEET_SYNC_MAX_AGE_SECONDS * 1000;
  const firstSyncs: Array<Promise<unknown>> = [];
  const statuses: SyncStatus[] = [];
  let started = false;
  for (const workspace of workspaces) {
    const status = await syncStatus(db, workspace.id, workspace.label);
    statuses.push(status);
    const firstEver = status.syncedAt === null;
    // A workspace never indexed is waited for even when another request already started its sync,
    // so rows and filter counts asked for at the same moment agree.
    const due = options.force
      ? await mayRefreshOnRequest(db, workspace.id)
      : (!options.failedOnly || status.state === 'failed') && needsSync(status, maxAgeMs);
    if (status.state === 'running' ? firstEver : due) {
      started = true;
      const { done: walk } = await startSync(db, workspace.id, clientFor(workspace), undefined, {
        firstPageDeadlineMs: getConfig().REQUEST_DEADLINE_MS,
      });
      // The demo's settings history is seeded once its accounts are indexed (lib/server/demo-history.ts).
      const done =
        workspace.kind === 'demo' ? walk.then((result) => seedDemoHistoryAfterSync(db, result)) : walk;
      if (firstEver) firstSyncs.push(done);
    }
  }
  if (firstSyncs.length > 0 && options.waitMs) {
    await Promise.race([
      Promise.all(firstSyncs),
      new Promise((resolve) => setTimeout(resolve, options.waitMs)),
    ]);
  }
  // Read again only when this request started (or waited for) a sync: otherwise the rows read above
  // are the state this request saw, and a second read per workspace would only cost time.
  if (!started) return statuses;
  return Promise.all(workspaces.map((w) => syncStatus(db, w.id, w.label)));
}

/**
 * A workspace that was never indexed and whose first sync failed has nothing to show: answer with the
 * reason (rate limited, key revoked, Instantly down) instead of an empty table. One with an older index
 * keeps showing it, with the failed refresh beside it.
 */
export function assertIndexed(statuses: readonly SyncStatus[], now = Date.now()): void {
  const missing = statuses.find((s) => s.state === 'failed' && s.syncedAt === null);
  if (missing) {
    const problem = missing.problem ?? {
      type: 'sync-failed',
      title: `Could not load ${missing.label}`,
      detail: missing.error ?? undefined,
      status: 502,
    };
    const waitS = missing.retryAt ? Math.max(1, Math.ceil((Date.parse(missing.retryAt) - now) / 1000)) : null;
    if (waitS === null) throw new ProblemError(problem);
    // The failure is final for this request, but the sync itself backs off and runs again: say when.
    // A rate limit's own advice ("try again in …") would contradict that, so it gives way.
    const retry = `The dashboard syncs this workspace again by itself in ${waitS} s, or press Refresh.`;
    const keep = problem.type === 'upstream-rate-limited' ? RATE_LIMIT_CONTEXT : problem.detail;
    throw new ProblemError({
      ...problem,
      detail: keep ? `${keep} ${retry}` : retry,
      retryAfterSeconds: waitS,
    });
  }
}

/** The workspace a fleet request names for its "active" scope (`?workspace=`), or null for the cookie's. */
export function namedWorkspace(req: { nextUrl: URL }): string | null {
  const named = req.nextUrl.searchParams.get('workspace');
  return named === null || named === '' ? null : named;
}
