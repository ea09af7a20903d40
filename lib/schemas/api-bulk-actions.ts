import { z } from 'zod';
import { accountFiltersBodySchema } from './api-accounts';
import { BULK_ACTION_KINDS } from './bulk-action-kinds';
import { dailyLimitSchema } from './daily-limit-schema';

// The job centre's contract: a bulk action over many accounts, recorded account by account.

export { BULK_ACTION_KINDS, type BulkActionKind } from './bulk-action-kinds';

export const accountKeySchema = z.object({
  workspaceId: z.string().min(1).max(80),
  email: z.email(),
});
export { type AccountKey, accountKey } from './account-key';

/** What to act on: explicit accounts, or "all matching this filter" minus some (never all N in the browser). */
export const bulkTargetSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('keys'), keys: z.array(accountKeySchema).min(1).max(20_000) }),
  z.strictObject({
    type: z.literal('filter'),
    filters: accountFiltersBodySchema,
    excluded: z.array(accountKeySchema).max(20_000).default([]),
  }),
]);
export type BulkTarget = z.infer<typeof bulkTargetSchema>;
/** What the browser sends (`excluded` may be left out). */
export type BulkTargetInput = z.input<typeof bulkTargetSchema>;

export const createBulkActionSchema = z
  .strictObject({
    kind: z.enum(BULK_ACTION_KINDS),
    target: bulkTargetSchema,
    /** For set-daily-limit: the new campaign daily limit (the settings form's rule: 1 to 10,000). */
    dailyLimit: dailyLimitSchema.optional(),
  })
  .refine((b) => b.kind !== 'set-daily-limit' || b.dailyLimit !== undefined, {
    message: 'a daily limit is required',
    path: ['dailyLimit'],
  });
export type CreateBulkAction = z.infer<typeof createBulkActionSchema>;
export type CreateBulkActionInput = z.input<typeof createBulkActionSchema>;

/** Preview of a bulk action before it runs: how many accounts in which workspaces. */
export const bulkPreviewSchema = z.object({
  total: z.number(),
  workspaces: z.array(z.object({ workspaceId: z.string(), label: z.string(), count: z.number() })),
});
export type BulkPreview = z.infer<typeof bulkPreviewSchema>;

export const ITEM_STATES = ['pending', 'running', 'done', 'failed'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

/** running: work left; done: every account succeeded; partial: some failed; failed: none succeeded. */
export const ACTION_STATUSES = ['running', 'done', 'partial', 'failed'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const bulkActionCountsSchema = z.object({
  total: z.number(),
  pending: z.number(),
  running: z.number(),
  done: z.number(),
  failed: z.number(),
});

export const bulkActionSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(BULK_ACTION_KINDS),
  status: z.enum(ACTION_STATUSES),
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
  retryOf: z.string().nullable(),
  /** Who started it, by name ("Demo visitor" in the open demo). */
  startedBy: z.string(),
  counts: bulkActionCountsSchema,
  /** 0–100, from items finished and the progress Instantly reports for running jobs. */
  progress: z.number(),
  workspaces: z.array(z.object({ workspaceId: z.string(), label: z.string(), count: z.number() })),
  /** Upstream background jobs (warmup kinds). */
  jobs: z.array(
    z.object({
      id: z.string().nullable(),
      workspaceId: z.string(),
      state: z.string(),
      progress: z.number(),
      size: z.number(),
    }),
  ),
  /** Set when the work cannot go on now: no worker runs, or the server holds no key for a workspace. */
  waitingFor: z.string().nullable(),
});
export type BulkActionSummary = z.infer<typeof bulkActionSummarySchema>;

/**
 * A later write of the same setting to an account this action changed: Instantly now has that
 * write's value. Either another bulk action, or a save on the account's own page.
 */
export const laterChangeSchema = z.object({
  /** The bulk action that wrote it; null for a save on the account page. */
  actionId: z.string().nullable(),
  kind: z.enum(BULK_ACTION_KINDS).nullable(),
  /** "Disable warmup", "Set daily limit to 30", "A save on the account page". */
  label: z.string(),
  /** When that bulk action started; for a save on the account page, when it was saved. */
  startedAt: z.string(),
});
export type LaterChange = z.infer<typeof laterChangeSchema>;

export const bulkActionItemSchema = z.object({
  workspaceId: z.string(),
  email: z.string(),
  state: z.enum(ITEM_STATES),
  error: z.string().nullable(),
  updatedAt: z.string(),
  /** The latest later write of this action's setting to the account, if any. */
  changedAgainBy: laterChangeSchema.nullable(),
});
export type BulkActionItem = z.infer<typeof bulkActionItemSchema>;

export const bulkActionListSchema = z.object({ actions: z.array(bulkActionSummarySchema) });

export const bulkActionDetailSchema = z.object({
  action: bulkActionSummarySchema,
  items: z.array(bulkActionItemSchema),
  itemsTotal: z.number(),
  /**
   * Of all this action's accounts the browser may see (not just this page of them): how many each
   * later writer changed again, the latest writer per account counted once. Newest writer first.
   */
  changedAgain: z.array(laterChangeSchema.extend({ count: z.number() })),
});
export type BulkActionDetail = z.infer<typeof bulkActionDetailSchema>;

export const bulkActionItemsQuerySchema = z.object({
  state: z.enum(ITEM_STATES).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
