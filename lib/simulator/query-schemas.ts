import 'server-only';
import { z } from 'zod';
import { ACCOUNT_FILTERS, ACCOUNT_SORT_FIELDS } from '@/lib/schemas/instantly-account';
import { JOB_STATUSES } from '@/lib/schemas/instantly-job';
import { firstValidationMessage } from './validation-errors';

// Querystring schemas of the simulated endpoints, written the way Fastify's AJV (coerceTypes) sees
// them: strings coerced to integers and booleans, enums checked, unknown keys ignored.

const toNumber = (v: unknown) =>
  typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : v;
const toBoolean = (v: unknown) => (v === 'true' ? true : v === 'false' ? false : v);

/** AJV says "must be integer" for anything that is not a whole number, text included. */
const integer = (min: number, max?: number) => {
  let schema = z.int().min(min);
  if (max !== undefined) schema = schema.max(max);
  return z
    .unknown()
    .transform((value, ctx) => {
      const n = toNumber(value);
      if (typeof n === 'number' && Number.isInteger(n)) return n;
      ctx.addIssue({ code: 'invalid_type', expected: 'int', input: value });
      return z.NEVER;
    })
    .pipe(schema);
};
const numberEnum = <const T extends readonly [number, ...number[]]>(values: T) =>
  z.preprocess(toNumber, z.literal(values));
const booleanParam = z.preprocess(toBoolean, z.boolean());
const limit = integer(1, 100).optional();

export const accountsListQuerySchema = z.object({
  limit,
  starting_after: z.string().optional(),
  search: z.string().optional(),
  status: numberEnum([1, 2, 3, -1, -2, -3]).optional(),
  provider_code: numberEnum([1, 2, 3, 4, 8, 11]).optional(),
  tag_ids: z.string().optional(),
  tag_ids_all: z.string().optional(),
  include_tags: booleanParam.optional(),
  filter: z.enum(ACCOUNT_FILTERS).optional(),
  sort_by: z.enum(ACCOUNT_SORT_FIELDS).optional(),
  sort_order: z.enum(['asc', 'desc']).optional(),
  skip: integer(0).optional(),
});
export type AccountsListQuery = z.infer<typeof accountsListQuerySchema>;

export const JOB_TYPES = [
  'move-leads',
  'import-leads',
  'export-leads',
  'update-warmup-accounts',
  'rename-variable',
  'broadcast-ai-generate',
  'broadcast-website-scrape',
  'import-subscribers-from-crm',
  'resync-subscriber-crm-tags',
] as const;
export const JOB_ENTITY_TYPES = [
  'list',
  'campaign',
  'workspace',
  'broadcast',
  'subscriber-group-sync',
  'subscriber-group',
] as const;

export const jobsListQuerySchema = z.object({
  limit,
  starting_after: z.string().optional(),
  ids: z.string().optional(),
  included_ids: z.string().optional(),
  excluded_ids: z.string().optional(),
  type: z.enum(JOB_TYPES).optional(),
  entity_type: z.enum(JOB_ENTITY_TYPES).optional(),
  entity_id: z.string().optional(),
  status: z
    .string()
    .refine((s) => s.split(',').every((part) => (JOB_STATUSES as readonly string[]).includes(part.trim())), {
      message: 'must be equal to one of the allowed values',
    })
    .optional(),
  sort_column: z.enum(['created_at', 'updated_at']).optional(),
  sort_order: z.enum(['asc', 'desc']).optional(),
});

export const jobGetQuerySchema = z.object({ data_fields: z.string().optional() });

export const groupMembersListQuerySchema = z.object({
  limit,
  starting_after: z.string().optional(),
});

export const tagsListQuerySchema = z.object({
  limit,
  starting_after: z.string().optional(),
  search: z.string().optional(),
  resource_ids: z.string().optional(),
  tag_ids: z.string().optional(),
});

export const mappingsListQuerySchema = z.object({
  limit,
  starting_after: z.string().optional(),
  resource_ids: z.string().optional(),
});

export const campaignMappingsQuerySchema = z.object({
  limit,
  starting_after: z.string().optional(),
});

/** `emails` is read separately (repeated keys); the dates are free strings checked by the handler. */
export const dailyAnalyticsQuerySchema = z.object({
  start_date: z.string().optional(),
  end_date: z.string().optional(),
});

/** The query as Fastify's parser hands it to validation: one value per key, the first one. */
export function queryObject(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of url.searchParams) if (!(key in out)) out[key] = value;
  return out;
}

export type QueryResult<T> = { ok: true; value: T } | { ok: false; message: string };

export function parseQuery<T>(schema: z.ZodType<T>, url: URL): QueryResult<T> {
  const input = queryObject(url);
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    message: firstValidationMessage(result.error.issues, 'querystring', input) ?? 'querystring is invalid',
  };
}

/** Comma-separated id lists (`tag_ids=a,b`) as arrays, blanks dropped. */
export function csv(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
