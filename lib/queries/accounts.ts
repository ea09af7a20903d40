import type { z } from 'zod';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
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

/** Rows are fetched in fixed blocks by offset, so a 10,000-row table only ever loads what is on screen. */
export const ROW_BLOCK_SIZE = 100;

export type RowsView = Omit<AccountRowsQuery, 'offset' | 'limit'>;

export const accountKeys = {
  all: ['accounts'] as const,
  rows: () => [...accountKeys.all, 'rows'] as const,
  block: (view: RowsView, block: number) => [...accountKeys.rows(), view, block] as const,
  facets: (filters: AccountFilters) => [...accountKeys.all, 'facets', filters] as const,
  sync: (scope: AccountFilters['scope']) => [...accountKeys.all, 'sync', scope] as const,
  detail: (workspaceId: string, email: string) => [...accountKeys.all, 'detail', workspaceId, email] as const,
};

export const accountQueries = {
  block: (view: RowsView, block: number) =>
    queryOptions({
      queryKey: accountKeys.block(view, block),
      queryFn: ({ signal }) =>
        apiFetch<z.infer<typeof accountRowsResponseSchema>>(
          `/api/accounts?${fleetSearch({ ...view, offset: block * ROW_BLOCK_SIZE, limit: ROW_BLOCK_SIZE })}`,
          { signal },
        ),
      staleTime: 15_000,
    }),
  facets: (filters: AccountFilters) =>
    queryOptions({
      queryKey: accountKeys.facets(filters),
      queryFn: ({ signal }) =>
        apiFetch<z.infer<typeof accountFacetsResponseSchema>>(
          `/api/accounts/facets?${fleetSearch(filters)}`,
          { signal },
        ),
      placeholderData: keepPreviousData,
      staleTime: 15_000,
    }),
  sync: (scope: AccountFilters['scope']) =>
    queryOptions({
      queryKey: accountKeys.sync(scope),
      queryFn: ({ signal }) =>
        apiFetch<z.infer<typeof syncResponseSchema>>(`/api/accounts/sync?scope=${scope}`, { signal }),
      // While a sync runs, follow it; after a failure, look again when its retry is due (the status
      // request starts it); otherwise check the age now and then.
      refetchInterval: (query) => syncPollMs(query.state.data?.sync ?? []),
    }),
};

export const accountMutations = {
  refresh: () => ({
    mutationFn: (scope: AccountFilters['scope']) =>
      apiFetch<z.infer<typeof syncResponseSchema>>('/api/accounts/sync', { method: 'POST', body: { scope } }),
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
