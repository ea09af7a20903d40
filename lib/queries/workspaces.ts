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
 * After a switch of the active workspace (the server wrote its cookie): the new list is all there is
 * to store. Every read that depends on the active workspace names it in its key, so the mounted views
 * move to the new workspace's keys and fetch them, and what is cached for the previous workspace
 * stays true for it (back to it, it shows at once and refreshes when stale).
 */
export function applyActiveWorkspace(queryClient: QueryClient, next: WorkspacesResponse): void {
  queryClient.setQueryData(workspaceKeys.list(), next);
}

/**
 * After the set of workspaces changed (one added, removed, its auto-add changed, old keys forgotten):
 * the new list, and every other answer marked stale, since the reads over every workspace (the agency
 * view, the job centre, the alerts inbox) cover another set now. Mounted views refetch while they
 * keep showing what they have; the active workspace, if it changed, changes the keys as a switch does.
 */
export function applyWorkspaceChange(queryClient: QueryClient, next: WorkspacesResponse): void {
  applyActiveWorkspace(queryClient, next);
  void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== workspaceKeys.all[0] });
}
