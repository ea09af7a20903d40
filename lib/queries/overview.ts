import type { z } from 'zod';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { overviewResponseSchema } from '@/lib/schemas/api-account-detail';
import type { AccountFilters } from '@/lib/schemas/api-accounts';
import { apiFetch } from './api-fetch';

export const overviewKeys = {
  all: ['overview'] as const,
  fleet: (scope: AccountFilters['scope']) => [...overviewKeys.all, 'fleet', scope] as const,
};

export const overviewQueries = {
  fleet: (scope: AccountFilters['scope']) =>
    queryOptions({
      queryKey: overviewKeys.fleet(scope),
      queryFn: ({ signal }) =>
        apiFetch<z.infer<typeof overviewResponseSchema>>(`/api/overview?scope=${scope}`, { signal }),
      placeholderData: keepPreviousData,
      staleTime: 15_000,
      // While a first sync fills the index, follow it; then the totals are as fresh as the index.
      refetchInterval: (query) => (query.state.data?.sync.some((s) => s.state === 'running') ? 1500 : false),
    }),
};
