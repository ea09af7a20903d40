import { z } from 'zod';
import { syncStatusSchema } from './api-accounts';

// The triage board: every account in trouble, grouped by cause (or by warmup trouble when it has no
// message), most urgent first. Group ids are cause ids plus `warmup-banned`,
// `warmup-spam-folder-unknown`, `warmup-suspended` and `status-error-no-message`
// (lib/diagnostics/triage-groups.ts).

export const diagnosticsScopeSchema = z.enum(['active', 'all']);
export type DiagnosticsScope = z.infer<typeof diagnosticsScopeSchema>;

export const diagnosticsQuerySchema = z.object({
  /** Unlike the table, the board looks across every connected workspace unless told otherwise. */
  scope: diagnosticsScopeSchema.default('all'),
});

/** At most this many accounts travel with each group on the board; the rest are paged. */
export const BOARD_ACCOUNTS_PER_GROUP = 20;

export const groupAccountsQuerySchema = z.object({
  scope: diagnosticsScopeSchema.default('all'),
  group: z.string().min(1).max(80),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type GroupAccountsQuery = z.infer<typeof groupAccountsQuerySchema>;

const severitySchema = z.enum(['critical', 'high', 'medium', 'low']);

/** A value with how many of the group's accounts have it (providers, domains, workspaces). */
export const triageCountSchema = z.object({ value: z.string(), label: z.string(), count: z.number() });
export type TriageCount = z.infer<typeof triageCountSchema>;

export const triageAccountSchema = z.object({
  workspaceId: z.string(),
  workspaceLabel: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  providerCode: z.number().nullable(),
  status: z.number().nullable(),
  warmupStatus: z.number().nullable(),
  dailyLimit: z.number().nullable(),
  /** The one-line diagnosis of its status_message (null without one). */
  summary: z.string().nullable(),
  severity: z.string().nullable(),
  stale: z.boolean(),
  autofixFailed: z.boolean().nullable(),
});
export type TriageAccount = z.infer<typeof triageAccountSchema>;

/** The fix steps for one provider family present in the group (a group can mix Google and Microsoft). */
export const triageFixSchema = z.object({
  provider: z.enum(['google', 'microsoft', 'custom', 'other']),
  label: z.string(),
  count: z.number(),
  steps: z.array(z.string()),
});
export type TriageFix = z.infer<typeof triageFixSchema>;

/**
 * The bulk target that means exactly this group: the table filter (as in a bulk target's JSON) minus the
 * accounts it also matches that are not in the group.
 */
export const triageTargetSchema = z.object({
  filters: z.object({
    scope: diagnosticsScopeSchema,
    cause: z.array(z.string()).optional(),
    warmup: z.array(z.number()).optional(),
    status: z.array(z.number()).optional(),
  }),
  excluded: z.array(z.object({ workspaceId: z.string(), email: z.string() })),
});
export type TriageTarget = z.infer<typeof triageTargetSchema>;

export const triageGroupSchema = z.object({
  id: z.string(),
  kind: z.enum(['cause', 'warmup', 'status']),
  title: z.string(),
  severity: severitySchema,
  urgency: z.number(),
  fault: z.enum(['account', 'recipient', 'provider']),
  explanation: z.string(),
  fixes: z.array(triageFixSchema),
  /** Bulk-action kinds that help, most useful first. */
  actions: z.array(z.enum(['mark-fixed', 'pause', 'set-daily-limit', 'disable-warmup', 'enable-warmup'])),
  count: z.number(),
  autofixFailed: z.number(),
  stale: z.number(),
  providers: z.array(triageCountSchema),
  /** The domains with most accounts in the group (at most 10); `domainCount` says how many in all. */
  domains: z.array(triageCountSchema),
  domainCount: z.number(),
  workspaces: z.array(triageCountSchema),
  dailyLimit: z.object({ min: z.number(), max: z.number(), suggested: z.number() }).nullable(),
  /** Accounts without a limit in `dailyLimit`: not set (Instantly's default), or not read yet. */
  dailyLimitUnknown: z.object({ notSet: z.number(), notRead: z.number() }),
  target: triageTargetSchema,
  accounts: z.array(triageAccountSchema),
});
export type TriageGroup = z.infer<typeof triageGroupSchema>;

/** Every inbox (at least two) of a domain failing the same way: one DNS, tenant or reputation fix. */
export const domainProblemSchema = z.object({
  domain: z.string(),
  groupId: z.string(),
  title: z.string(),
  severity: severitySchema,
  count: z.number(),
  workspaces: z.array(triageCountSchema),
});
export type DomainProblem = z.infer<typeof domainProblemSchema>;

export const diagnosticsResponseSchema = z.object({
  scope: diagnosticsScopeSchema,
  /** Accounts on the board (each in exactly one group). */
  total: z.number(),
  /** Accounts indexed in the scope, for "n of N". */
  fleetTotal: z.number(),
  groups: z.array(triageGroupSchema),
  domainProblems: z.array(domainProblemSchema),
  sync: z.array(syncStatusSchema),
});
export type DiagnosticsResponse = z.infer<typeof diagnosticsResponseSchema>;

export const groupAccountsResponseSchema = z.object({
  groupId: z.string(),
  total: z.number(),
  offset: z.number(),
  accounts: z.array(triageAccountSchema),
});
export type GroupAccountsResponse = z.infer<typeof groupAccountsResponseSchema>;
