import 'server-only';
import { z } from 'zod';
import {
  type DailyAccountAnalyticsRow,
  type TestVitalsResponse,
  ctdStatusSchema,
  dailyAccountAnalyticsSchema,
  testVitalsResponseSchema,
} from '@/lib/schemas/instantly-analytics';
import { testVitalsRequestSchema } from '@/lib/schemas/instantly-requests';
import type { InstantlyClient } from './client';

const dailyQuerySchema = z.object({
  emails: z.array(z.string()).min(1).max(200),
  start_date: z.iso.date().optional(),
  end_date: z.iso.date().optional(),
});

/** Campaign sends per account per day. `emails` is required (≤200) and the window ≤31 days upstream. */
export async function getDailyAccountAnalytics(
  client: InstantlyClient,
  params: z.input<typeof dailyQuerySchema>,
  signal?: AbortSignal,
): Promise<DailyAccountAnalyticsRow[]> {
  return client.request({
    method: 'GET',
    path: '/accounts/analytics/daily',
    query: dailyQuerySchema.parse(params),
    schema: dailyAccountAnalyticsSchema,
    signal,
  });
}

/** MX/SPF/DKIM/DMARC per sending domain. A check, not a change: safe to retry. */
export async function testVitals(
  client: InstantlyClient,
  accounts: string[],
  signal?: AbortSignal,
): Promise<TestVitalsResponse> {
  return client.request({
    method: 'POST',
    path: '/accounts/test/vitals',
    body: testVitalsRequestSchema.parse({ accounts }),
    schema: testVitalsResponseSchema,
    idempotent: true,
    signal,
  });
}

export function getCtdStatus(client: InstantlyClient, host: string, signal?: AbortSignal) {
  return client.request({
    method: 'GET',
    path: '/accounts/ctd/status',
    query: { host },
    schema: ctdStatusSchema,
    signal,
  });
}
