import 'server-only';
import { type WarmupAnalytics, warmupAnalyticsSchema } from '@/lib/schemas/instantly-analytics';
import { type BackgroundJob, backgroundJobSchema } from '@/lib/schemas/instantly-job';
import {
  type WarmupToggleRequest,
  emailsRequestSchema,
  warmupToggleRequestSchema,
} from '@/lib/schemas/instantly-requests';
import type { InstantlyClient } from './client';

/** Starts an `update-warmup-accounts` background job; a write, so it is sent exactly once. */
export async function setWarmup(
  client: InstantlyClient,
  enabled: boolean,
  body: WarmupToggleRequest,
  signal?: AbortSignal,
): Promise<BackgroundJob> {
  return client.request({
    method: 'POST',
    path: enabled ? '/accounts/warmup/enable' : '/accounts/warmup/disable',
    body: warmupToggleRequestSchema.parse(body),
    schema: backgroundJobSchema,
    signal,
  });
}

/** A read despite being a POST (REFERENCE §4.9), so it may be retried. 1–100 emails per call. */
export async function getWarmupAnalytics(
  client: InstantlyClient,
  emails: string[],
  signal?: AbortSignal,
): Promise<WarmupAnalytics> {
  return client.request({
    method: 'POST',
    path: '/accounts/warmup-analytics',
    body: emailsRequestSchema.parse({ emails }),
    schema: warmupAnalyticsSchema,
    idempotent: true,
    signal,
  });
}
