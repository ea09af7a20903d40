import type { z } from 'zod';
import { queryOptions } from '@tanstack/react-query';
import type { statusResponseSchema } from '@/lib/schemas/api-status';
import { apiFetch } from './api-fetch';

export const statusKeys = { all: ['status'] as const };

export const statusQueries = {
  /** The status page and the header warning share it; polled while either is on screen. */
  status: () =>
    queryOptions({
      queryKey: statusKeys.all,
      queryFn: ({ signal }) => apiFetch<z.infer<typeof statusResponseSchema>>('/api/status', { signal }),
      refetchInterval: 5000,
      staleTime: 2000,
    }),
};
