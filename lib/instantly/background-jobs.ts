import 'server-only';
import {
  type BackgroundJob,
  backgroundJobListSchema,
  backgroundJobSchema,
} from '@/lib/schemas/instantly-job';
import type { InstantlyClient } from './client';

export function getBackgroundJob(
  client: InstantlyClient,
  id: string,
  signal?: AbortSignal,
  dataFields?: string[],
): Promise<BackgroundJob> {
  return client.request({
    method: 'GET',
    path: `/background-jobs/${encodeURIComponent(id)}`,
    query: { data_fields: dataFields?.join(',') },
    schema: backgroundJobSchema,
    signal,
  });
}

export interface ListBackgroundJobsParams {
  limit?: number;
  starting_after?: string;
  ids?: string[];
  type?: string;
  status?: string[];
  sort_column?: 'created_at' | 'updated_at';
  sort_order?: 'asc' | 'desc';
}

export function listBackgroundJobs(
  client: InstantlyClient,
  params: ListBackgroundJobsParams = {},
  signal?: AbortSignal,
) {
  const { ids, status, ...rest } = params;
  return client.request({
    method: 'GET',
    path: '/background-jobs',
    query: { ...rest, ids: ids?.join(','), status: status?.join(',') },
    schema: backgroundJobListSchema,
    signal,
  });
}
