import { infiniteQueryOptions } from '@tanstack/react-query';
import { accountPageSchema } from '@/lib/schemas/api-accounts';
import { apiFetch } from './api-fetch';

export const accountKeys = {
  all: ['accounts'] as const,
  workspace: (workspaceId: string) => [...accountKeys.all, workspaceId] as const,
  pages: (workspaceId: string) => [...accountKeys.workspace(workspaceId), 'pages'] as const,
};

function fetchPage(workspaceId: string, cursor: string | null, signal: AbortSignal) {
  const params = new URLSearchParams({ workspace: workspaceId, limit: '50' });
  if (cursor) params.set('cursor', cursor);
  return apiFetch(`/api/accounts?${params}`, accountPageSchema, { signal });
}

export const accountQueries = {
  pages: (workspaceId: string) =>
    infiniteQueryOptions({
      queryKey: accountKeys.pages(workspaceId),
      queryFn: ({ pageParam, signal }) => fetchPage(workspaceId, pageParam, signal),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
    }),
};
