import { z } from 'zod';
import { listEnvelope, optionalBoolean, optionalNumber, optionalString } from './instantly-common';

/** Account `status` values documented in REFERENCE §2; others are tolerated and shown as unknown. */
export const ACCOUNT_STATUS = {
  active: 1,
  paused: 2,
  maintenance: 3,
  connectionError: -1,
  softBounceError: -2,
  sendingError: -3,
} as const;

export const WARMUP_STATUS = {
  paused: 0,
  active: 1,
  banned: -1,
  spamFolderUnknown: -2,
  permanentSuspension: -3,
} as const;

export const PROVIDER_CODE = {
  customImap: 1,
  google: 2,
  microsoft: 3,
  aws: 4,
  airmail: 8,
  airmailInstant: 11,
} as const;

// The increments the account page offers are Instantly's; kept with the page's plain rules.
export { WARMUP_INCREMENTS } from './account-settings-rules';

export const ACCOUNT_FILTERS = [
  'ACC_FILTER_PAUSED',
  'ACC_FILTER_ERROR',
  'ACC_FILTER_NO_CTD',
  'ACC_FILTER_PW_ACCOUNTS',
  'ACC_FILTER_DFY',
  'ACC_FILTER_DFY_SETUP_PENDING',
  'ACC_FILTER_W_ACTIVE',
  'ACC_FILTER_W_PAUSED',
  'ACC_FILTER_W_ERROR',
] as const;
export type AccountFilter = (typeof ACCOUNT_FILTERS)[number];

export const ACCOUNT_SORT_FIELDS = ['timestamp_created', 'email', 'stat_warmup_score', 'status'] as const;

/**
 * nodemailer-style error object; any key may be missing and responseCode has been seen as text
 * in third-party data. Unknown keys are kept (the spec says additionalProperties: true).
 */
export const statusMessageObjectSchema = z.looseObject({
  code: z.string().nullable().optional(),
  command: z.string().nullable().optional(),
  response: z.string().nullable().optional(),
  e_message: z.string().nullable().optional(),
  responseCode: z.union([z.number(), z.string()]).nullable().optional(),
});
export type StatusMessageObject = z.infer<typeof statusMessageObjectSchema>;

/** Some clients have seen `status_message` as a bare string or null: accept both. */
export const statusMessageSchema = z.union([statusMessageObjectSchema, z.string()]).nullable();
export type StatusMessage = z.infer<typeof statusMessageSchema>;

export const warmupAdvancedSchema = z.looseObject({
  warm_ctd: optionalBoolean,
  open_rate: optionalNumber,
  important_rate: optionalNumber,
  read_emulation: optionalBoolean,
  spam_save_rate: optionalNumber,
  weekday_only: optionalBoolean,
});

export const warmupSettingsSchema = z.looseObject({
  limit: optionalNumber,
  advanced: warmupAdvancedSchema.nullable().optional(),
  warmup_custom_ftag: optionalString,
  // A string enum upstream ("disabled", "0".."4"); kept as any string so a new value never fails.
  increment: optionalString,
  reply_rate: optionalNumber,
});

export const accountTagSchema = z.looseObject({
  id: z.string(),
  label: z.string().optional(),
  description: optionalString,
});

export const accountSchema = z.looseObject({
  email: z.string().min(1),
  timestamp_created: z.string().optional(),
  timestamp_updated: z.string().optional(),
  first_name: optionalString,
  last_name: optionalString,
  organization: optionalString,
  warmup_status: optionalNumber,
  provider_code: optionalNumber,
  setup_pending: optionalBoolean,
  is_managed_account: optionalBoolean,
  warmup: warmupSettingsSchema.nullable().optional(),
  added_by: optionalString,
  modified_by: optionalString,
  daily_limit: optionalNumber,
  daily_limit_max: optionalNumber,
  warmup_limit_max: optionalNumber,
  tracking_domain_name: optionalString,
  tracking_domain_status: optionalString,
  status: optionalNumber,
  enable_slow_ramp: optionalBoolean,
  // A boolean in clients generated from the 2025-06 spec, which typed it so (REFERENCE §8a).
  inbox_placement_test_limit: z.union([z.number(), z.boolean()]).nullable().optional(),
  status_message: statusMessageSchema.optional(),
  timestamp_warmup_start: optionalString,
  timestamp_last_used: optionalString,
  stat_warmup_score: optionalNumber,
  sending_gap: optionalNumber,
  signature: optionalString,
  reply_to: optionalString,
  autofix_failed: optionalBoolean,
  warmup_pool_id: optionalString,
  tags: z.array(accountTagSchema).nullable().optional(),
});
export type Account = z.infer<typeof accountSchema>;

/** A list row that did not parse: kept with its email (when it has one) and a short reason. */
export interface UnreadableAccountRow {
  email: string | null;
  reason: string;
}

/** The first issue of a rejected row, short enough for a table cell ("daily_limit: expected number, received string"). */
function shortReason(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unexpected shape';
  const message = issue.message.replace(/^Invalid input: /, '');
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${message}` : message;
}

function emailOfRow(row: unknown): string | null {
  if (row === null || typeof row !== 'object' || !('email' in row)) return null;
  const email = (row as { email: unknown }).email;
  return typeof email === 'string' && email !== '' ? email : null;
}

/**
 * A page of GET /accounts, read row by row: one odd account must never fail the whole page (and with
 * it the sync of a fleet). Rows that parse land in `items`; the others in `unreadable`, with their email.
 */
export const accountListSchema = listEnvelope(z.unknown()).transform((page) => {
  const items: Account[] = [];
  const unreadable: UnreadableAccountRow[] = [];
  for (const row of page.items) {
    const parsed = accountSchema.safeParse(row);
    if (parsed.success) items.push(parsed.data);
    else unreadable.push({ email: emailOfRow(row), reason: shortReason(parsed.error) });
  }
  return { ...page, items, unreadable };
});
export type AccountList = z.output<typeof accountListSchema>;

export const bulkPauseResponseSchema = z.looseObject({
  paused_emails: z.array(z.string()).default([]),
  failed_emails: z.array(z.string()).default([]),
});
export type BulkPauseResponse = z.infer<typeof bulkPauseResponseSchema>;

export const accountCampaignMappingSchema = z.looseObject({
  campaign_id: z.string(),
  campaign_name: optionalString,
  timestamp_created: z.string().optional(),
  status: optionalNumber,
});
export const accountCampaignMappingListSchema = listEnvelope(accountCampaignMappingSchema);
