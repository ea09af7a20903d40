import type { z } from 'zod';
import { queryOptions } from '@tanstack/react-query';
import type {
  SyncStatus,
  AccountFilters,
  AccountRowsQuery,
  accountFacetsResponseSchema,
  accountRowsResponseSchema,
  syncResponseSchema,
} from '@/lib/schemas/api-accounts';
import { apiFetch } from './api-fetch';
import { fleetSearch } from './fleet-url';
import {
  type ActiveWorkspace,
  keepPreviousInWorkspace,
  scopeReady,
  withWorkspaceParam,
  workspaceSegment,
} from './workspace-scope';

/** Rows are fetched in fixed blocks by offset, so a 10,000-row table only ever loads what is on screen. */
export const ROW_BLOCK_SIZE = 100;

export type RowsView = Omit<AccountRowsQuery, 'offset' | 'limit'>;

// Every fleet read names its workspace in its key (the third part): the active one's id, or
// ALL_WORKSPACES for the agency view over every workspace (lib/queries/workspace-scope.ts).
export const accountKeys = {
  all: ['accounts'] as const,
  rows: () => [...accountKeys.all, 'rows'] as const,
  block: (active: ActiveWorkspace, view: RowsView, block: number) =>
    [...accountKeys.rows(), workspaceSegment(view.scope, active), view, block] as const,
  allFacets: () => [...accountKeys.all, 'facets'] as const,
  facets: (active: ActiveWorkspace, filters: AccountFilters) =>
    [...accountKeys.allFacets(), workspaceSegment(filters.scope, active), filters] as const,
  sync: (active: ActiveWorkspace, scope: AccountFilters['scope']) =>
    [...accountKeys.all, 'sync', workspaceSegment(scope, active), scope] as const,
  detail: (workspaceId: string, email: string) => [...accountKeys.all, 'detail', workspaceId, email] as const,
};

export const accountQueries = {
  block: (active: ActiveWorkspace, view: RowsView, block: number) =>
    queryOptions({
      queryKey: accountKeys.block(active, view, block),
      queryFn: ({ signal }) =>
        apiFetch<z.infer<typeof accountRowsResponseSchema>>(
          `/api/accounts?${withWorkspaceParam(
            fleetSearch({ ...view, offset: block * ROW_BLOCK_SIZE, limit: ROW_BLOCK_SIZE }),
            view.scope,
            active,
          )}`,
          { signal },
        ),
      enabled: scopeReady(view.scope, active),
      staleTime: 15_000,
    }),
  facets: (active: ActiveWorkspace, filters: AccountFilters) =>
    queryOptions({
      queryKey: accountKeys.facets(active, filters),
      queryFn: ({ signal }) =>
        apiFetch<z.infer<typeof accountFacetsResponseSchema>>(
          `/api/accounts/facets?${withWorkspaceParam(fleetSearch(filters), filters.scope, active)}`,
          { signal },
        ),
      enabled: scopeReady(filters.scope, active),
      placeholderData: keepPreviousInWorkspace(workspaceSegment(filters.scope, active)),
      staleTime: 15_000,
    }),
  sync: (active: ActiveWorkspace, scope: AccountFilters['scope']) =>
    queryOptions({
      queryKey: accountKeys.sync(active, scope),
      queryFn: ({ signal }) =>
        apiFetch<z.infer<typeof syncResponseSchema>>(
          `/api/accounts/sync?${withWorkspaceParam(`scope=${scope}`, scope, active)}`,
          { signal },
        ),
      enabled: scopeReady(scope, active),
      // While a sync runs, follow it; after a failure, look again when its retry is due (the status
      // request starts it); otherwise check the age now and then.
      refetchInterval: (query) => syncPollMs(query.state.data?.sync ?? []),
    }),
};

export const accountMutations = {
  refresh: (active: ActiveWorkspace) => ({
    mutationFn: (scope: AccountFilters['scope']) => {
      const search = withWorkspaceParam('', scope, active);
      return apiFetch<z.infer<typeof syncResponseSchema>>(`/api/accounts/sync${search ? `?${search}` : ''}`, {
        method: 'POST',
        body: { scope },
      });
    },
  }),
};

/** How soon to ask for the sync status again. */
export function syncPollMs(statuses: readonly SyncStatus[], now = Date.now()): number {
  if (statuses.some((s) => s.state === 'running')) return 1000;
  const retries = statuses
    .filter((s) => s.state === 'failed' && s.retryAt !== null)
    .map((s) => Date.parse(s.retryAt ?? '') - now);
  if (retries.length === 0) return 30_000;
  return Math.min(30_000, Math.max(1000, Math.min(...retries) + 500));
}
