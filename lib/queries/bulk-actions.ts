import type { z } from 'zod';
import { mutationOptions, queryOptions } from '@tanstack/react-query';
import type {
  BulkActionKind,
  BulkActionSummary,
  BulkTarget,
  BulkTargetInput,
  ItemState,
  bulkActionDetailSchema,
  bulkActionListSchema,
  bulkActionSummarySchema,
  bulkPreviewSchema,
} from '@/lib/schemas/api-bulk-actions';
import { apiFetch } from './api-fetch';
import { type ActiveWorkspace, withWorkspaceParam } from './workspace-scope';

/**
 * A filter target's "active" scope names the workspace the page shows (`?workspace=`, as the table
 * reads it), so a switch in another tab never makes "all matching" mean another workspace.
 */
function targetPath(path: string, target: BulkTarget | BulkTargetInput, active: ActiveWorkspace): string {
  const search =
    target.type === 'filter' ? withWorkspaceParam('', target.filters.scope ?? 'active', active) : '';
  return search ? `${path}?${search}` : path;
}

export interface BulkActionItemsView {
  state?: ItemState;
  offset?: number;
  limit?: number;
}

export const bulkActionKeys = {
  all: ['bulk-actions'] as const,
  lists: () => [...bulkActionKeys.all, 'list'] as const,
  list: (filter: { active: boolean }) => [...bulkActionKeys.lists(), filter] as const,
  details: () => [...bulkActionKeys.all, 'detail'] as const,
  detail: (id: string, view: BulkActionItemsView = {}) => [...bulkActionKeys.details(), id, view] as const,
  previews: () => [...bulkActionKeys.all, 'preview'] as const,
  /** The count behind a confirm dialog: per active workspace (a scope of `active` means it) and target. */
  preview: (workspaceId: string | null, target: BulkTarget | BulkTargetInput) =>
    [...bulkActionKeys.previews(), workspaceId, target] as const,
};

const isRunning = (action: Pick<BulkActionSummary, 'status'>) => action.status === 'running';

/**
 * How often to look again while an action runs: every second at first, then backing off to two
 * seconds as it ages (a long job needs no 1 s updates). False once nothing runs: polling stops.
 */
export function pollInterval(
  actions: ReadonlyArray<Pick<BulkActionSummary, 'status' | 'createdAt'>>,
  now = Date.now(),
): number | false {
  const running = actions.filter(isRunning);
  if (running.length === 0) return false;
  const youngest = Math.min(...running.map((a) => Math.max(0, now - Date.parse(a.createdAt))));
  if (youngest < 15_000) return 1000;
  if (youngest < 60_000) return 1500;
  return 2000;
}

/** How often an open page of a finished action looks for later actions that changed its accounts. */
export const FINISHED_DETAIL_POLL_MS = 10_000;

export const bulkActionQueries = {
  /** Recent actions, newest first (the Jobs page and the tray). */
  list: () =>
    queryOptions({
      queryKey: bulkActionKeys.list({ active: false }),
      queryFn: ({ signal }) =>
        apiFetch<z.infer<typeof bulkActionListSchema>>('/api/bulk-actions', { signal }),
      refetchInterval: (query) => pollInterval(query.state.data?.actions ?? []),
      staleTime: 5_000,
    }),
  /** Only the unfinished ones. */
  active: () =>
    queryOptions({
      queryKey: bulkActionKeys.list({ active: true }),
      queryFn: ({ signal }) =>
        apiFetch<z.infer<typeof bulkActionListSchema>>('/api/bulk-actions?active=1', { signal }),
      refetchInterval: (query) => pollInterval(query.state.data?.actions ?? []),
      staleTime: 5_000,
    }),
  detail: (id: string, view: BulkActionItemsView = {}) =>
    queryOptions({
      queryKey: bulkActionKeys.detail(id, view),
      queryFn: ({ signal }) => {
        const params = new URLSearchParams();
        if (view.state) params.set('state', view.state);
        if (view.offset) params.set('offset', String(view.offset));
        if (view.limit) params.set('limit', String(view.limit));
        const search = params.toString();
        return apiFetch<z.infer<typeof bulkActionDetailSchema>>(
          `/api/bulk-actions/${encodeURIComponent(id)}${search ? `?${search}` : ''}`,
          { signal },
        );
      },
      // A finished action's page still looks now and then (only while visible, and on focus): an
      // action started later, maybe in another browser, may change its accounts again.
      refetchInterval: (query) => {
        const action = query.state.data?.action;
        if (!action) return false;
        return pollInterval([action]) || FINISHED_DETAIL_POLL_MS;
      },
      refetchOnWindowFocus: true,
      staleTime: 2_000,
    }),
  /**
   * How many accounts in which workspaces a target means (the confirm dialog). A read, though it is
   * a POST: the target can be thousands of keys, too many for a query string.
   */
  preview: (workspaceId: string | null, target: BulkTarget | BulkTargetInput) =>
    queryOptions({
      queryKey: bulkActionKeys.preview(workspaceId, target),
      queryFn: ({ signal }) =>
        apiFetch<z.infer<typeof bulkPreviewSchema>>(
          targetPath('/api/bulk-actions/preview', target, workspaceId),
          {
            method: 'POST',
            body: { target },
            signal,
          },
        ),
      // Counted afresh each time a dialog opens; the cached count shows meanwhile.
      staleTime: 0,
    }),
};

export interface CreateBulkActionVariables {
  kind: BulkActionKind;
  target: BulkTarget | BulkTargetInput;
  dailyLimit?: number;
  /** The workspace the page shows: what a filter target's "active" scope means. Not in the body. */
  workspaceId?: ActiveWorkspace;
}

/**
 * What a caller does after a mutation succeeded. Passed to the factory rather than spread over its
 * options, so the factory's own invalidation (in onSuccess, never inside mutationFn) is kept.
 */
export interface AfterSuccess<TData, TVariables> {
  onSuccess?: (data: TData, variables: TVariables) => unknown;
}

export const bulkActionMutations = {
  create: (then: AfterSuccess<BulkActionSummary, CreateBulkActionVariables> = {}) =>
    mutationOptions({
      mutationFn: ({ workspaceId, ...body }: CreateBulkActionVariables) =>
        apiFetch<z.infer<typeof bulkActionSummarySchema>>(
          targetPath('/api/bulk-actions', body.target, workspaceId),
          {
            method: 'POST',
            body,
          },
        ),
      // The tray and the Jobs page see the new action first; then the caller's own follow-up.
      onSuccess: async (summary, variables, _result, context) => {
        await context.client.invalidateQueries({ queryKey: bulkActionKeys.lists() });
        await then.onSuccess?.(summary, variables);
      },
    }),
  retry: (then: AfterSuccess<BulkActionSummary, string> = {}) =>
    mutationOptions({
      mutationFn: (id: string) =>
        apiFetch<z.infer<typeof bulkActionSummarySchema>>(
          `/api/bulk-actions/${encodeURIComponent(id)}/retry`,
          {
            method: 'POST',
          },
        ),
      onSuccess: async (summary, id, _result, context) => {
        await context.client.invalidateQueries({ queryKey: bulkActionKeys.lists() });
        await then.onSuccess?.(summary, id);
      },
    }),
};
