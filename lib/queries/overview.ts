import type { z } from 'zod';
import { queryOptions } from '@tanstack/react-query';
import type { overviewResponseSchema } from '@/lib/schemas/api-account-detail';
import type { AccountFilters } from '@/lib/schemas/api-accounts';
import { apiFetch } from './api-fetch';
import {
  type ActiveWorkspace,
  keepPreviousInWorkspace,
  scopeReady,
  withWorkspaceParam,
  workspaceSegment,
} from './workspace-scope';

export const overviewKeys = {
  all: ['overview'] as const,
  fleet: (active: ActiveWorkspace, scope: AccountFilters['scope']) =>
    [...overviewKeys.all, 'fleet', workspaceSegment(scope, active), scope] as const,
};

export const overviewQueries = {
  fleet: (active: ActiveWorkspace, scope: AccountFilters['scope']) =>
    queryOptions({
      queryKey: overviewKeys.fleet(active, scope),
      queryFn: ({ signal }) =>
        apiFetch<z.infer<typeof overviewResponseSchema>>(
          `/api/overview?${withWorkspaceParam(`scope=${scope}`, scope, active)}`,
          { signal },
        ),
      enabled: scopeReady(scope, active),
      placeholderData: keepPreviousInWorkspace(workspaceSegment(scope, active)),
      staleTime: 15_000,
      // While a first sync fills the index, follow it; then the totals are as fresh as the index.
      refetchInterval: (query) => (query.state.data?.sync.some((s) => s.state === 'running') ? 1500 : false),
    }),
};
