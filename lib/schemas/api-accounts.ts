import { z } from 'zod';
import { problemSchema } from './api-problem';
import { ACCOUNT_SORT_KEYS } from './account-sort-keys';
import { statusMessageSchema } from './instantly-account';

/** One account as our API serves it to the table: flat, camelCase, every value present (null if unknown). */
export const accountRowSchema = z.object({
  email: z.string(),
  workspaceId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  domain: z.string(),
  providerCode: z.number().nullable(),
  status: z.number().nullable(),
  warmupStatus: z.number().nullable(),
  warmupScore: z.number().nullable(),
  dailyLimit: z.number().nullable(),
  sendingGap: z.number().nullable(),
  warmupLimit: z.number().nullable(),
  tags: z.array(z.object({ id: z.string(), label: z.string() })),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string().nullable(),
  statusMessage: statusMessageSchema,
  autofixFailed: z.boolean().nullable(),
  isManaged: z.boolean(),
  /** From lib/diagnostics at index time, so the table can sort and filter by cause. */
  errorCause: z.string().nullable(),
  errorSeverity: z.string().nullable(),
  errorSummary: z.string().nullable(),
  errorStale: z.boolean(),
  /** Why Instantly's last list row of this account could not be read (its values are then older); null when it could. */
  unreadable: z.string().nullable(),
  /**
   * When the settings were last read from the account itself. List rows carry no warmup settings, so
   * a null warmupLimit means "not set" only once they were read (see lib/schemas/setting-knowledge.ts).
   */
  settingsReadAt: z.string().nullable(),
});
export type AccountRow = z.infer<typeof accountRowSchema>;

export { ACCOUNT_SORT_KEYS } from './account-sort-keys';
export type AccountSortKey = (typeof ACCOUNT_SORT_KEYS)[number];

export const FACET_KEYS = [
  'workspace',
  'status',
  'warmup',
  'provider',
  'tag',
  'domain',
  'cause',
  'error',
] as const;
export type FacetKey = (typeof FACET_KEYS)[number];

const csv = (s: string) =>
  s
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
const csvStrings = z
  .string()
  .max(4000)
  .transform(csv)
  .pipe(z.array(z.string().max(200)).max(100));
const csvInts = z
  .string()
  .max(400)
  .transform(csv)
  .pipe(
    z
      .array(
        z
          .string()
          .regex(/^-?\d{1,4}$/, 'must be whole numbers')
          .transform(Number),
      )
      .max(20),
  );

/**
 * The filters of the fleet table, exactly as they travel in our URLs and API query strings (one
 * vocabulary: the page URL, the API call and the CSV export all use these names).
 */
export const accountFiltersSchema = z.object({
  /** `active`: the active workspace; `all`: every connected workspace in one table. */
  scope: z.enum(['active', 'all']).default('active'),
  ws: csvStrings.optional(),
  q: z.string().trim().max(200).optional(),
  status: csvInts.optional(),
  warmup: csvInts.optional(),
  provider: csvInts.optional(),
  tag: csvStrings.optional(),
  domain: csvStrings.optional(),
  cause: csvStrings.optional(),
  error: z.enum(['yes', 'no']).optional(),
});
export type AccountFilters = z.infer<typeof accountFiltersSchema>;

const strings = z.array(z.string().trim().min(1).max(200)).max(100);
const ints = z.array(z.number().int().min(-9999).max(9999)).max(20);

/**
 * The same filters in a JSON body (a bulk target, a triage group's target): arrays, not the comma
 * lists of a query string; the same limits and the same parsed result as accountFiltersSchema.
 */
export const accountFiltersBodySchema = z.object({
  scope: z.enum(['active', 'all']).default('active'),
  ws: strings.optional(),
  q: z.string().trim().max(200).optional(),
  status: ints.optional(),
  warmup: ints.optional(),
  provider: ints.optional(),
  tag: strings.optional(),
  domain: strings.optional(),
  cause: strings.optional(),
  error: z.enum(['yes', 'no']).optional(),
}) satisfies z.ZodType<AccountFilters, unknown>;

export const accountRowsQuerySchema = accountFiltersSchema.extend({
  sort: z.enum(ACCOUNT_SORT_KEYS).default('email'),
  order: z.enum(['asc', 'desc']).default('asc'),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AccountRowsQuery = z.infer<typeof accountRowsQuerySchema>;

export const SYNC_STATES = ['never', 'running', 'done', 'failed'] as const;

export const syncStatusSchema = z.object({
  workspaceId: z.string(),
  label: z.string(),
  state: z.enum(SYNC_STATES),
  startedAt: z.string().nullable(),
  syncedAt: z.string().nullable(),
  pages: z.number(),
  accountsSeen: z.number(),
  error: z.string().nullable(),
  /** Why the last refresh failed, as a problem the UI can show. */
  problem: problemSchema.nullable(),
  /** After a failure: when the next automatic sync runs (failed syncs back off). */
  retryAt: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const accountRowsResponseSchema = z.object({
  rows: z.array(accountRowSchema),
  total: z.number(),
  offset: z.number(),
  sync: z.array(syncStatusSchema),
});
export type AccountRowsResponse = z.infer<typeof accountRowsResponseSchema>;

export const facetValueSchema = z.object({ value: z.string(), label: z.string(), count: z.number() });
export type FacetValue = z.infer<typeof facetValueSchema>;

export const accountFacetsResponseSchema = z.object({
  total: z.number(),
  facets: z.record(z.enum(FACET_KEYS), z.array(facetValueSchema)),
});
export type AccountFacetsResponse = z.infer<typeof accountFacetsResponseSchema>;

export const syncResponseSchema = z.object({ sync: z.array(syncStatusSchema) });
