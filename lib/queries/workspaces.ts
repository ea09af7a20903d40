import type { z } from 'zod';
import { type QueryClient, mutationOptions, queryOptions } from '@tanstack/react-query';
import type {
  AddWorkspaceInput,
  WorkspacesResponse,
  addKeyResponseSchema,
  workspacesResponseSchema,
} from '@/lib/schemas/api-workspaces';
import { apiFetch } from './api-fetch';

export const workspaceKeys = {
  all: ['workspaces'] as const,
  list: () => [...workspaceKeys.all, 'list'] as const,
};

export const workspaceQueries = {
  list: () =>
    queryOptions({
      queryKey: workspaceKeys.list(),
      queryFn: ({ signal }) =>
        apiFetch<z.infer<typeof workspacesResponseSchema>>('/api/workspaces', { signal }),
      staleTime: 60_000,
    }),
};

export const workspaceMutations = {
  add: () =>
    mutationOptions({
      // A plain key answers with the new list; an admin key without `clients` with its group to choose from.
      mutationFn: (input: AddWorkspaceInput) =>
        apiFetch<z.infer<typeof addKeyResponseSchema>>('/api/workspaces', { method: 'POST', body: input }),
    }),
  setAutoAdd: () =>
    mutationOptions({
      mutationFn: ({ id, autoAdd }: { id: string; autoAdd: boolean }) =>
        apiFetch<z.infer<typeof workspacesResponseSchema>>(`/api/workspaces/${encodeURIComponent(id)}`, {
          method: 'PATCH',
          body: { autoAdd },
        }),
    }),
  remove: () =>
    mutationOptions({
      mutationFn: (id: string) =>
        apiFetch<z.infer<typeof workspacesResponseSchema>>(`/api/workspaces/${encodeURIComponent(id)}`, {
          method: 'DELETE',
        }),
    }),
  forgetAll: () =>
    mutationOptions({
      mutationFn: () =>
        apiFetch<z.infer<typeof workspacesResponseSchema>>('/api/workspaces', { method: 'DELETE' }),
    }),
  setActive: () =>
    mutationOptions({
      mutationFn: (id: string) =>
        apiFetch<z.infer<typeof workspacesResponseSchema>>('/api/workspaces/active', {
          method: 'PUT',
          body: { id },
        }),
    }),
};

/**
 * After the set of workspaces or the active one changed: store the new list, and drop every other
 * cached answer, since each belonged to the previous workspace view (mounted views refetch at once).
 */
export function applyWorkspaceChange(queryClient: QueryClient, next: WorkspacesResponse): void {
  queryClient.setQueryData(workspaceKeys.list(), next);
  void queryClient.resetQueries({ predicate: (query) => query.queryKey[0] !== workspaceKeys.all[0] });
}
