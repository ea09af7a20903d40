import { mutationOptions, queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import type { AlertSettingsPatch } from '@/lib/schemas/alert-settings';
import {
  type AlertAction,
  alertListResponseSchema,
  alertResponseSchema,
  alertSettingsResponseSchema,
  alertUnreadResponseSchema,
} from '@/lib/schemas/api-alerts';
import { apiFetch } from './api-fetch';

export const alertKeys = {
  all: ['alerts'] as const,
  inbox: () => [...alertKeys.all, 'inbox'] as const,
  unread: () => [...alertKeys.all, 'unread'] as const,
  detail: (id: string) => [...alertKeys.all, 'detail', id] as const,
  settings: () => [...alertKeys.all, 'settings'] as const,
};

/** The worker may open an alert at any sync: the bell and the inbox look again every half minute. */
const POLL_MS = 30_000;

export const alertQueries = {
  inbox: () =>
    queryOptions({
      queryKey: alertKeys.inbox(),
      queryFn: ({ signal }) => apiFetch('/api/alerts', alertListResponseSchema, { signal }),
      refetchInterval: POLL_MS,
    }),
  unread: () =>
    queryOptions({
      queryKey: alertKeys.unread(),
      queryFn: ({ signal }) => apiFetch('/api/alerts/unread', alertUnreadResponseSchema, { signal }),
      refetchInterval: POLL_MS,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: alertKeys.detail(id),
      queryFn: ({ signal }) =>
        apiFetch(`/api/alerts/${encodeURIComponent(id)}`, alertResponseSchema, { signal }),
    }),
  settings: () =>
    queryOptions({
      queryKey: alertKeys.settings(),
      queryFn: ({ signal }) => apiFetch('/api/alerts/settings', alertSettingsResponseSchema, { signal }),
    }),
};

export const alertMutations = {
  act: () =>
    mutationOptions({
      mutationFn: ({ id, action }: { id: string; action: AlertAction }) =>
        apiFetch(`/api/alerts/${encodeURIComponent(id)}`, alertResponseSchema, {
          method: 'POST',
          body: action,
        }),
    }),
  markSeen: () =>
    mutationOptions({
      mutationFn: () =>
        apiFetch('/api/alerts', z.object({ seen: z.literal(true) }), {
          method: 'POST',
          body: { seen: true },
        }),
    }),
  saveSettings: () =>
    mutationOptions({
      mutationFn: (patch: AlertSettingsPatch) =>
        apiFetch('/api/alerts/settings', alertSettingsResponseSchema, { method: 'PATCH', body: patch }),
    }),
};
