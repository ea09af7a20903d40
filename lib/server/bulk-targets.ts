import 'server-only';
import type { AccountFilters } from '@/lib/schemas/api-accounts';
import {
  type AccountKey,
  type BulkPreview,
  type BulkTarget,
  type CreateBulkAction,
  accountKey,
} from '@/lib/schemas/api-bulk-actions';
import { matchingAccountKeys } from '@/lib/store/account-query';
import { isWarmupKind } from '@/lib/bulk/catalog';
import {
  MAX_BATCH_SIZE,
  type NewBatch,
  type UpstreamFilter,
  dedupeKeys,
  planWarmupBatches as planBatches,
} from '@/lib/bulk/plan';
import { createBulkAction } from '@/lib/store/bulk/create';
import type { Actor } from './auth/actor';
import type { Db } from '@/lib/store/db';
import { indexFilters, scopeWorkspaces } from './fleet';
import { ProblemError } from './problem';
import {
  type ResolvedWorkspace,
  type WorkspaceAccess,
  availableWorkspaces,
  resolveWorkspace,
} from './workspaces';

export type { UpstreamFilter } from '@/lib/bulk/plan';

export interface ResolvedTarget {
  /** The workspaces with at least one account in the target, in the session's order. */
  workspaces: ResolvedWorkspace[];
  keys: AccountKey[];
  /**
   * Set when the target is "all matching" over one workspace with a filter Instantly can apply
   * itself (and at most 100 exclusions): one include_all_emails job then does the whole change.
   */
  upstream: { workspaceId: string; filter: UpstreamFilter; excluded: string[] } | null;
}

const has = (values: readonly unknown[] | undefined) => values !== undefined && values.length > 0;

/**
 * Maps the table's filters onto Instantly's `filter` for include_all_emails, or `undefined` when they
 * do not map exactly (then the accounts are sent explicitly, 100 per job). Only exact equivalents:
 * a selection Instantly would draw differently from the table's must never be sent.
 */
export function upstreamFilterFor(filters: Omit<AccountFilters, 'scope' | 'ws'>): UpstreamFilter | undefined {
  const { q, status, warmup, provider, tag, domain, cause, error } = filters;
  const others = [has(provider), has(domain), has(cause), error !== undefined, q !== undefined && q !== ''];
  if (others.some(Boolean)) return undefined;
  const used = [has(status), has(warmup), has(tag)].filter(Boolean).length;
  if (used === 0) return null;
  if (used > 1) return undefined;
  if (tag && tag.length === 1 && tag[0] !== 'none') return { tag_id: tag[0] };
  if (warmup && warmup.length === 1) {
    if (warmup[0] === 1) return { filter: 'ACC_FILTER_W_ACTIVE' };
    if (warmup[0] === 0) return { filter: 'ACC_FILTER_W_PAUSED' };
  }
  if (status && status.length === 1 && status[0] === 2) return { filter: 'ACC_FILTER_PAUSED' };
  return undefined;
}

/**
 * A bulk target → the accounts it means, for this session only. Explicit keys may only name
 * workspaces this person may use (an unknown one is refused as resolveWorkspace refuses it); a filter
 * is applied to the fleet index within the session's scope, minus the exclusions. `named` is the
 * workspace the page showed for an "active" scope (`?workspace=`, as the table reads it), so a switch
 * in another tab never turns "all matching" into another workspace's accounts.
 */
export async function resolveBulkTarget(
  db: Db,
  access: WorkspaceAccess,
  target: BulkTarget,
  named: string | null = null,
): Promise<ResolvedTarget> {
  if (target.type === 'keys') {
    const workspaces = new Map<string, ResolvedWorkspace>();
    for (const key of target.keys) {
      if (!workspaces.has(key.workspaceId))
        workspaces.set(key.workspaceId, await resolveWorkspace(access, key.workspaceId));
    }
    const order = (await availableWorkspaces(access)).map((w) => w.id);
    return {
      workspaces: [...workspaces.values()].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id)),
      keys: dedupeKeys(target.keys),
      upstream: null,
    };
  }
  const inScope = await scopeWorkspaces(access, target.filters, named);
  const filters = indexFilters(inScope, target.filters);
  const excluded = new Set(target.excluded.map(accountKey));
  const keys = (await matchingAccountKeys(db, filters)).filter((k) => !excluded.has(accountKey(k)));
  const used = new Set(keys.map((k) => k.workspaceId));
  const workspaces = inScope.filter((w) => used.has(w.id));
  let upstream: ResolvedTarget['upstream'] = null;
  const only = workspaces[0];
  if (workspaces.length === 1 && only && (filters.ws ?? filters.workspaceIds).length === 1) {
    const { workspaceIds: _ids, ws: _ws, ...rest } = filters;
    const filter = upstreamFilterFor(rest);
    const excludedHere = [
      ...new Set(target.excluded.filter((k) => k.workspaceId === only.id).map((k) => k.email)),
    ];
    if (filter !== undefined && excludedHere.length <= MAX_BATCH_SIZE) {
      upstream = { workspaceId: only.id, filter, excluded: excludedHere };
    }
  }
  return { workspaces, keys, upstream };
}

/** How many accounts in which workspaces: what the confirm dialog says before anything runs. */
export async function previewBulkTarget(
  db: Db,
  access: WorkspaceAccess,
  target: BulkTarget,
  named: string | null = null,
): Promise<BulkPreview> {
  const resolved = await resolveBulkTarget(db, access, target, named);
  const counts = new Map<string, number>();
  for (const key of resolved.keys) counts.set(key.workspaceId, (counts.get(key.workspaceId) ?? 0) + 1);
  return {
    total: resolved.keys.length,
    workspaces: resolved.workspaces.map((w) => ({
      workspaceId: w.id,
      label: w.label,
      count: counts.get(w.id) ?? 0,
    })),
  };
}

/**
 * The Instantly jobs for a warmup change: one include_all_emails job when Instantly can select the
 * accounts itself, else explicit jobs of at most 100 emails per workspace.
 */
export const planWarmupBatches = (resolved: ResolvedTarget): NewBatch[] =>
  planBatches(resolved.keys, resolved.upstream);

/** Resolves, plans and stores a new bulk action (every account pending). Refuses an empty target. */
export async function createBulkActionForSession(
  db: Db,
  access: WorkspaceAccess,
  input: CreateBulkAction,
  actor: Actor,
  named: string | null = null,
  now?: string,
): Promise<string> {
  const resolved = await resolveBulkTarget(db, access, input.target, named);
  if (resolved.keys.length === 0) {
    throw new ProblemError({
      type: 'empty-target',
      title: 'No accounts to change',
      detail: 'Nothing matches this selection any more. Refresh the table and select again.',
      status: 400,
      field: 'target',
    });
  }
  return createBulkAction(db, {
    kind: input.kind,
    params: input.kind === 'set-daily-limit' ? { dailyLimit: input.dailyLimit } : {},
    workspaces: resolved.workspaces.map((w) => ({ workspaceId: w.id, label: w.label })),
    keys: resolved.keys,
    batches: isWarmupKind(input.kind) ? planWarmupBatches(resolved) : undefined,
    actor,
    now,
  });
}

export const sessionWorkspaceIds = async (access: WorkspaceAccess): Promise<string[]> =>
  (await availableWorkspaces(access)).map((w) => w.id);
