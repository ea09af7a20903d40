import { mutationOptions, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AlertSettingsPatch } from '@/lib/schemas/alert-settings';
import type {
  AlertAction,
  alertListResponseSchema,
  alertResponseSchema,
  alertSettingsResponseSchema,
  alertUnreadResponseSchema,
} from '@/lib/schemas/api-alerts';
import { apiFetch } from './api-fetch';
import type { ActiveWorkspace } from './workspace-scope';

export const alertKeys = {
  all: ['alerts'] as const,
  inbox: () => [...alertKeys.all, 'inbox'] as const,
  unread: () => [...alertKeys.all, 'unread'] as const,
  detail: (id: string) => [...alertKeys.all, 'detail', id] as const,
  /** The rules and thresholds of one workspace (the active one's, which the rules page edits). */
  settings: (workspaceId: string | null) => [...alertKeys.all, 'settings', workspaceId] as const,
};

const settingsPath = (workspaceId: ActiveWorkspace) =>
  workspaceId ? `/api/alerts/settings?workspace=${encodeURIComponent(workspaceId)}` : '/api/alerts/settings';

/** The worker may open an alert at any sync: the bell and the inbox look again every half minute. */
const POLL_MS = 30_000;

export const alertQueries = {
  inbox: () =>
    queryOptions({
      queryKey: alertKeys.inbox(),
      queryFn: ({ signal }) => apiFetch<z.infer<typeof alertListResponseSchema>>('/api/alerts', { signal }),
      refetchInterval: POLL_MS,
    }),
  unread: () =>
    queryOptions({
      queryKey: alertKeys.unread(),
      queryFn: ({ signal }) =>
        apiFetch<z.infer<typeof alertUnreadResponseSchema>>('/api/alerts/unread', { signal }),
      refetchInterval: POLL_MS,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: alertKeys.detail(id),
      queryFn: ({ signal }) =>
        apiFetch<z.infer<typeof alertResponseSchema>>(`/api/alerts/${encodeURIComponent(id)}`, { signal }),
    }),
  settings: (active: ActiveWorkspace) =>
    queryOptions({
      queryKey: alertKeys.settings(active ?? null),
      queryFn: ({ signal }) =>
        apiFetch<z.infer<typeof alertSettingsResponseSchema>>(settingsPath(active), { signal }),
      enabled: active !== undefined,
    }),
};

export const alertMutations = {
  act: () =>
    mutationOptions({
      mutationFn: ({ id, action }: { id: string; action: AlertAction }) =>
        apiFetch<z.infer<typeof alertResponseSchema>>(`/api/alerts/${encodeURIComponent(id)}`, {
          method: 'POST',
          body: action,
        }),
    }),
  markSeen: () =>
    mutationOptions({
      mutationFn: () =>
        apiFetch<{ seen: true }>('/api/alerts', {
          method: 'POST',
          body: { seen: true },
        }),
    }),
  saveSettings: (workspaceId: string) =>
    mutationOptions({
      mutationFn: (patch: AlertSettingsPatch) =>
        apiFetch<z.infer<typeof alertSettingsResponseSchema>>(settingsPath(workspaceId), {
          method: 'PATCH',
          body: patch,
        }),
    }),
};
