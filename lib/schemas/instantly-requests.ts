import { z } from 'zod';
import { ACCOUNT_FILTERS, WARMUP_INCREMENTS } from './instantly-account';

// What we send to Instantly: strict, so a typo or a stray field is caught before it leaves the server.
// The simulator validates incoming bodies with the same schemas, which keeps both sides honest.

export const emailSchema = z.email({ message: 'must be a valid email address' });

export const emailBatchSchema = z.array(emailSchema).min(1).max(100);

export const accountFilterSchema = z.enum(ACCOUNT_FILTERS);

/** The fields of a warmup enable/disable body (the simulator accepts them with extra fields too). */
export const warmupToggleFields = {
  emails: z.array(emailSchema).max(100).optional(),
  include_all_emails: z.boolean().optional(),
  excluded_emails: z.array(emailSchema).max(100).optional(),
  filter: z
    .strictObject({
      tag_id: z.string().optional(),
      filter: accountFilterSchema.nullable().optional(),
    })
    .nullable()
    .optional(),
  search: z.string().max(200).optional(),
};

/**
 * A toggle that names no accounts, in the words Fastify answers for a body schema of
 * `anyOf: [{required: ['emails']}, {required: ['include_all_emails']}]`: Ajv reports every failed
 * branch and then the anyOf itself, and Fastify's default formatter joins them with ", ". No recording
 * of this answer exists; this is what the framework's defaults produce (lib/simulator/RECORDED-BEHAVIOURS.md).
 */
export const WARMUP_TOGGLE_NO_TARGET =
  "body must have required property 'emails', body must have required property 'include_all_emails', body must match a schema in anyOf";

/** Neither emails nor include_all_emails: the check both our client and the simulator make. */
export const togglesSomething = (b: { emails?: unknown[]; include_all_emails?: boolean }) =>
  b.include_all_emails === true || (b.emails?.length ?? 0) > 0;

export const warmupToggleRequestSchema = z.strictObject(warmupToggleFields).refine(togglesSomething, {
  message: WARMUP_TOGGLE_NO_TARGET,
  params: { fastify: WARMUP_TOGGLE_NO_TARGET },
});
export type WarmupToggleRequest = z.infer<typeof warmupToggleRequestSchema>;

export const emailsRequestSchema = z.strictObject({ emails: emailBatchSchema });
export type EmailsRequest = z.infer<typeof emailsRequestSchema>;

export const testVitalsRequestSchema = z.strictObject({ accounts: z.array(emailSchema).min(1).max(100) });
export type TestVitalsRequest = z.infer<typeof testVitalsRequestSchema>;

export const warmupSettingsPatchSchema = z.strictObject({
  limit: z.number().int().min(1).max(100).optional(),
  advanced: z
    .strictObject({
      warm_ctd: z.boolean().optional(),
      open_rate: z.number().min(0).max(100).optional(),
      important_rate: z.number().min(0).max(100).optional(),
      read_emulation: z.boolean().optional(),
      spam_save_rate: z.number().min(0).max(100).optional(),
      weekday_only: z.boolean().optional(),
    })
    .optional(),
  warmup_custom_ftag: z.string().optional(),
  increment: z.enum(WARMUP_INCREMENTS).optional(),
  reply_rate: z.number().min(0).max(100).optional(),
});

export const accountPatchRequestSchema = z.strictObject({
  first_name: z.string().max(100).optional(),
  last_name: z.string().max(100).optional(),
  warmup: warmupSettingsPatchSchema.optional(),
  daily_limit: z.number().int().min(0).max(10_000).nullable().optional(),
  tracking_domain_name: z.string().max(253).nullable().optional(),
  tracking_domain_status: z.string().nullable().optional(),
  enable_slow_ramp: z.boolean().nullable().optional(),
  inbox_placement_test_limit: z.number().int().min(0).nullable().optional(),
  sending_gap: z.number().int().min(0).max(1440).optional(),
  signature: z.string().max(10_000).nullable().optional(),
  reply_to: emailSchema.nullable().optional(),
  skip_cname_check: z.boolean().optional(),
  remove_tracking_domain: z.boolean().optional(),
});
export type AccountPatchRequest = z.infer<typeof accountPatchRequestSchema>;

export const toggleTagRequestSchema = z.strictObject({
  tag_ids: z.array(z.string().min(1)).min(1),
  resource_type: z.union([z.literal(1), z.literal(2)]),
  assign: z.boolean(),
  resource_ids: z.array(z.string().min(1)).min(1).optional(),
  selected_all: z.boolean().optional(),
  excluded_resource_ids: z.array(z.string().min(1)).min(1).optional(),
  filter: z
    .union([
      accountFilterSchema,
      z.strictObject({
        tag_id: z.string().optional(),
        tag_ids: z.array(z.string()).optional(),
        tag_ids_all: z.array(z.string()).optional(),
        filter: accountFilterSchema.optional(),
        search: z.string().optional(),
      }),
    ])
    .nullable()
    .optional(),
  search: z.string().optional(),
});
export type ToggleTagRequest = z.infer<typeof toggleTagRequestSchema>;

export const customTagCreateRequestSchema = z.strictObject({
  label: z.string().trim().min(1).max(100),
  description: z.string().max(500).nullable().optional(),
});

const port = z.number().int().min(1).max(65_535);

/** `POST /accounts` (IMAP/SMTP connect). The dashboard does not create accounts; the simulator does. */
export const accountCreateRequestSchema = z.strictObject({
  ...accountPatchRequestSchema.omit({ remove_tracking_domain: true }).shape,
  email: emailSchema,
  first_name: z.string().max(100),
  last_name: z.string().max(100),
  provider_code: z.number().int(),
  imap_username: z.string().min(1),
  imap_password: z.string().min(1),
  imap_host: z.string().min(1),
  imap_port: port,
  smtp_username: z.string().min(1),
  smtp_password: z.string().min(1),
  smtp_host: z.string().min(1),
  smtp_port: port,
  warmup_custom_ftag: z.string().optional(),
});

export const moveAccountsRequestSchema = z.strictObject({
  emails: z.array(emailSchema).min(1),
  source_workspace_id: z.string().min(1),
  destination_workspace_id: z.string().min(1),
});

export const customTagPatchRequestSchema = z.strictObject({
  label: z.string().trim().min(1).max(100).optional(),
  description: z.string().max(500).nullable().optional(),
});
