import { queryOptions } from '@tanstack/react-query';
import type { SavedView, SavedViewsResponse } from '@/lib/schemas/api-saved-views';
import { apiFetch } from './api-fetch';

// Saved views of the accounts table: one list per person (their own and the shared ones), kept in
// the query cache and refreshed after every change.

export const savedViewKeys = { all: ['saved-views'] as const };

export const savedViewQueries = {
  list: () =>
    queryOptions({
      queryKey: savedViewKeys.all,
      queryFn: ({ signal }) => apiFetch<SavedViewsResponse>('/api/saved-views', { signal }),
      staleTime: 60_000,
    }),
};

export interface NewSavedView {
  name: string;
  search: string;
  columns: Record<string, boolean>;
  shared: boolean;
  makeDefault: boolean;
}

export const savedViewRequests = {
  create: (view: NewSavedView) =>
    apiFetch<{ view: SavedView }>('/api/saved-views', { method: 'POST', body: view }),
  update: (id: string, patch: Partial<Omit<NewSavedView, 'makeDefault'>>) =>
    apiFetch<{ view: SavedView }>(`/api/saved-views/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      body: patch,
    }),
  remove: (id: string) =>
    apiFetch<{ deleted: string }>(`/api/saved-views/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  setDefault: (viewId: string | null) =>
    apiFetch<{ defaultViewId: string | null }>('/api/saved-views/default', {
      method: 'PUT',
      body: { viewId },
    }),
};
