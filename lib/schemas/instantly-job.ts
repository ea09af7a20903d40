import { z } from 'zod';
import { listEnvelope, optionalString } from './instantly-common';

export const JOB_STATUSES = [
  'pending',
  'in-progress',
  'success',
  'failed',
  'draining',
  'paused',
  'cancelled',
] as const;
/** Terminal per REFERENCE §5.4: `paused` and `draining` are still running. */
export const TERMINAL_JOB_STATUSES: readonly string[] = ['success', 'failed', 'cancelled'];

export const processedEmailSchema = z.looseObject({
  email: z.string(),
  status: z.string(),
  error: z.string().nullable().optional(),
});
export type ProcessedEmail = z.infer<typeof processedEmailSchema>;

export const warmupJobFiltersSchema = z.looseObject({
  emails: z.array(z.string()).nullable().optional(),
  includeAllEmails: z.boolean().nullable().optional(),
  excludedEmails: z.array(z.string()).nullable().optional(),
  filter: z.unknown().optional(),
  search: z.string().nullable().optional(),
});

/** `data` is job-specific (additionalProperties: true); these are the warmup job's keys. */
export const jobDataSchema = z.looseObject({
  filters: z
    .union([warmupJobFiltersSchema, z.record(z.string(), z.unknown())])
    .nullable()
    .optional(),
  warmup_status: z.number().nullable().optional(),
  step: optionalString,
  pending_emails: z.array(z.unknown()).nullable().optional(),
  processed_emails: z.array(processedEmailSchema).nullable().optional(),
  total_to_process: z.number().nullable().optional(),
  success_count: z.number().nullable().optional(),
  failed_count: z.number().nullable().optional(),
});

export const backgroundJobSchema = z.looseObject({
  id: z.string().min(1),
  workspace_id: z.string().optional(),
  user_id: optionalString,
  type: z.string().optional(),
  entity_id: optionalString,
  entity_type: optionalString,
  data: jobDataSchema.nullable().optional(),
  progress: z.number().default(0),
  // Any string: the enum grew in 2026 and may grow again.
  status: z.string(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
});
export type BackgroundJob = z.infer<typeof backgroundJobSchema>;

export const backgroundJobListSchema = listEnvelope(backgroundJobSchema);
