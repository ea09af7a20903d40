import type { z } from 'zod';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type {
  DiagnosticsScope,
  diagnosticsResponseSchema,
  groupAccountsResponseSchema,
} from '@/lib/schemas/api-diagnostics';
import { apiFetch } from './api-fetch';
import {
  type ActiveWorkspace,
  keepPreviousInWorkspace,
  scopeReady,
  withWorkspaceParam,
  workspaceSegment,
} from './workspace-scope';

export const GROUP_ACCOUNTS_PAGE_SIZE = 50;

export const diagnosticsKeys = {
  all: ['diagnostics'] as const,
  boards: () => [...diagnosticsKeys.all, 'board'] as const,
  board: (active: ActiveWorkspace, scope: DiagnosticsScope) =>
    [...diagnosticsKeys.boards(), workspaceSegment(scope, active), scope] as const,
  groupAccounts: (active: ActiveWorkspace, scope: DiagnosticsScope, groupId: string, start: number) =>
    [
      ...diagnosticsKeys.all,
      'group-accounts',
      workspaceSegment(scope, active),
      scope,
      groupId,
      start,
    ] as const,
};

export const diagnosticsQueries = {
  board: (active: ActiveWorkspace, scope: DiagnosticsScope) =>
    queryOptions({
      queryKey: diagnosticsKeys.board(active, scope),
      queryFn: ({ signal }) =>
        apiFetch<z.infer<typeof diagnosticsResponseSchema>>(
          `/api/diagnostics?${withWorkspaceParam(`scope=${scope}`, scope, active)}`,
          { signal },
        ),
      enabled: scopeReady(scope, active),
      placeholderData: keepPreviousInWorkspace(workspaceSegment(scope, active)),
      staleTime: 15_000,
      // While the index fills, the groups grow: follow it, then stop.
      refetchInterval: (query) => (query.state.data?.sync.some((s) => s.state === 'running') ? 2000 : false),
    }),
  /**
   * A group's accounts after the first `start` that came with the board, a page at a time. Part of
   * the key so a board with more accounts per group starts the list where it should.
   */
  groupAccounts: (active: ActiveWorkspace, scope: DiagnosticsScope, groupId: string, start: number) =>
    infiniteQueryOptions({
      queryKey: diagnosticsKeys.groupAccounts(active, scope, groupId, start),
      initialPageParam: start,
      queryFn: ({ pageParam, signal }) => {
        const params = new URLSearchParams({
          scope,
          group: groupId,
          offset: String(pageParam),
          limit: String(GROUP_ACCOUNTS_PAGE_SIZE),
        });
        return apiFetch<z.infer<typeof groupAccountsResponseSchema>>(
          `/api/diagnostics/accounts?${withWorkspaceParam(params.toString(), scope, active)}`,
          {
            signal,
          },
        );
      },
      getNextPageParam: (last) => {
        const next = last.offset + last.accounts.length;
        return last.accounts.length > 0 && next < last.total ? next : undefined;
      },
      enabled: scopeReady(scope, active),
      staleTime: 15_000,
    }),
};
