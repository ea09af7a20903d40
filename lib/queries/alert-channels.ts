import { mutationOptions, queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import {
  type AlertChannelResponse,
  type CreateAlertChannelInput,
  type UpdateAlertChannelInput,
  alertChannelResponseSchema,
  alertChannelsResponseSchema,
  testAlertResponseSchema,
} from '@/lib/schemas/api-alert-channels';
import { apiFetch } from './api-fetch';

export const alertChannelKeys = {
  all: ['alert-channels'] as const,
  list: () => [...alertChannelKeys.all, 'list'] as const,
  detail: (id: string) => [...alertChannelKeys.all, 'detail', id] as const,
};

const path = (id: string) => `/api/alert-channels/${encodeURIComponent(id)}`;
const idSchema = z.object({ id: z.string() });

/** Polls while something is on its way (sending, or queued for a retry), then stops. */
const inFlight = (data: AlertChannelResponse | undefined) =>
  data?.deliveries.some((d) => d.status === 'sending' || (d.status === 'queued' && d.kind === 'event')) ? 2000 : false;

export const alertChannelQueries = {
  list: () =>
    queryOptions({
      queryKey: alertChannelKeys.list(),
      queryFn: ({ signal }) => apiFetch('/api/alert-channels', alertChannelsResponseSchema, { signal }),
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: alertChannelKeys.detail(id),
      queryFn: ({ signal }) => apiFetch(path(id), alertChannelResponseSchema, { signal }),
      refetchInterval: (query) => inFlight(query.state.data),
    }),
};

export const alertChannelMutations = {
  /** Adds a channel (id null) or changes one; answers its id. */
  save: (id: string | null) =>
    mutationOptions({
      mutationFn: (input: CreateAlertChannelInput | UpdateAlertChannelInput) =>
        id === null
          ? apiFetch('/api/alert-channels', idSchema, { method: 'POST', body: input })
          : apiFetch(path(id), idSchema, { method: 'PATCH', body: input }),
    }),
  remove: (id: string) =>
    mutationOptions({
      mutationFn: () => apiFetch(path(id), z.object({ removed: z.boolean() }), { method: 'DELETE' }),
    }),
  test: (id: string) =>
    mutationOptions({
      mutationFn: () => apiFetch(`${path(id)}/test`, testAlertResponseSchema, { method: 'POST' }),
    }),
};
