import { z } from 'zod';

// Every counter may be missing on a day with nothing to count (the spec example omits landed_spam).
const counter = z.number().optional();

export const warmupDayStatsSchema = z.looseObject({
  sent: counter,
  landed_inbox: counter,
  landed_spam: counter,
  received: counter,
});
export type WarmupDayStats = z.infer<typeof warmupDayStatsSchema>;

export const warmupAggregateSchema = z.looseObject({
  sent: counter,
  landed_inbox: counter,
  landed_spam: counter,
  received: counter,
  health_score: z.number().nullable().optional(),
  health_score_label: z.string().nullable().optional(),
});
export type WarmupAggregate = z.infer<typeof warmupAggregateSchema>;

export const warmupAnalyticsSchema = z.looseObject({
  email_date_data: z.record(z.string(), z.record(z.string(), warmupDayStatsSchema)).default({}),
  aggregate_data: z.record(z.string(), warmupAggregateSchema).default({}),
});
export type WarmupAnalytics = z.infer<typeof warmupAnalyticsSchema>;

export const dailyAccountAnalyticsRowSchema = z.looseObject({
  // "YYYY-MM-DD" on the wire; the spec example shows a full timestamp, so accept any string.
  date: z.string(),
  email_account: z.string(),
  sent: z.number().default(0),
  bounced: z.number().default(0),
  contacted: z.number().default(0),
  new_leads_contacted: z.number().default(0),
  opened: z.number().default(0),
  unique_opened: z.number().default(0),
  replies: z.number().default(0),
  unique_replies: z.number().default(0),
  replies_automatic: z.number().default(0),
  unique_replies_automatic: z.number().default(0),
  clicks: z.number().default(0),
  unique_clicks: z.number().default(0),
});
export const dailyAccountAnalyticsSchema = z.array(dailyAccountAnalyticsRowSchema);
export type DailyAccountAnalyticsRow = z.infer<typeof dailyAccountAnalyticsRowSchema>;

export const domainVitalsSchema = z.looseObject({
  domain: z.string(),
  allPass: z.boolean().optional(),
  mx: z.boolean().optional(),
  spf: z.boolean().optional(),
  dkim: z.boolean().optional(),
  dmarc: z.boolean().optional(),
});
export type DomainVitals = z.infer<typeof domainVitalsSchema>;

export const testVitalsResponseSchema = z.looseObject({
  status: z.string().optional(),
  success_list: z.array(domainVitalsSchema).default([]),
  failure_list: z.array(domainVitalsSchema).default([]),
});
export type TestVitalsResponse = z.infer<typeof testVitalsResponseSchema>;

export const ctdStatusSchema = z.looseObject({
  success: z.boolean().optional(),
  ssl: z.boolean().optional(),
  cname: z.boolean().optional(),
  host: z.string().optional(),
});
