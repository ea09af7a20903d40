import 'server-only';
import { z } from 'zod';
import { describeAccountStatus } from '@/lib/diagnostics/account-status';
import { InstantlyError } from '@/lib/instantly/errors';
import type { Account } from '@/lib/schemas/instantly-account';
import type { SettingsField } from '@/lib/schemas/api-account-detail';
import { type BulkActionSetting, kindsWriting, settingOf } from '@/lib/bulk/catalog';
import { type BackgroundJob, warmupJobFiltersSchema } from '@/lib/schemas/instantly-job';
import type { AuditChanges } from '@/lib/store/audit-log';
import type { SettingWriters } from '@/lib/store/bulk/changed-again';
import type { BatchRecord, BulkActionRecord } from '@/lib/store/bulk/records';
import { SETTINGS_AUDIT_ACTION } from './account-detail';

// How the bulk runner reads what Instantly answered: which failures leave the outcome unknown, which
// mean "wait and try again", the reason a person reads for a refusal, whether an answer shows the
// change, and whether a job Instantly lists is one a batch started.

// Which failures leave a write's outcome open is decided once, for bulk and single saves alike.
export { UNKNOWN_KINDS } from './write-outcome';
export const WAIT_KINDS: ReadonlySet<InstantlyError['kind']> = new Set([
  'conflict',
  'rate-limited',
  'aborted',
]);

/** A reason a person can act on, for a write Instantly refused (so nothing was applied). */
export function reasonFor(error: unknown): string {
  if (!(error instanceof InstantlyError)) return error instanceof Error ? error.message : String(error);
  switch (error.kind) {
    case 'not-found':
      return 'Instantly does not know this account (it may have been deleted or moved to another workspace).';
    case 'bad-request':
      return `Instantly refused the change: ${error.upstreamMessage ?? error.message}`;
    case 'forbidden':
      return 'The key is missing the scope for this change (accounts:update). Create a key with it in Instantly.';
    case 'not-in-group':
      return 'This client workspace is no longer an accepted member of the admin key’s workspace group in Instantly.';
    case 'payment-required':
      return 'This workspace has no active paid plan in Instantly, so it refuses API changes.';
    case 'unauthorized':
      return 'Instantly rejected the key. Add it again in Settings.';
    case 'too-large':
      return 'Instantly said the request was too large.';
    case 'conflict':
      return 'Another warmup job in Instantly kept holding this account.';
    case 'rate-limited':
      return 'Instantly kept rate limiting this workspace.';
    default:
      return error.message;
  }
}

export const unknownOutcome = (cause: string) =>
  `Instantly did not confirm the change (${cause}), so it may or may not have been applied. Retry to be sure.`;

const statusLabel = (status: number | null | undefined) => describeAccountStatus(status).label;

/** Whether the account Instantly answered with shows the change; a reason when it does not. */
export function confirmChange(
  kind: BulkActionRecord['kind'],
  account: Account,
  dailyLimit?: number,
): string | null {
  const status = account.status ?? null;
  switch (kind) {
    case 'pause':
      return status === 2
        ? null
        : `Instantly answered, but the account is not paused (it is ${statusLabel(status)}).`;
    case 'resume':
      if (status === 1) return null;
      return status !== null && status < 0
        ? `Not resumed: the account is in ${statusLabel(status)}. Fix the cause, then use Mark fixed.`
        : `Instantly answered, but the account is still ${statusLabel(status)}.`;
    case 'mark-fixed':
      if (status === null || status >= 0) return null;
      return account.autofix_failed
        ? `Instantly re-checked the account and the problem is still there (${statusLabel(status)}).`
        : `Instantly re-checked the account and it is still in ${statusLabel(status)}.`;
    case 'set-daily-limit':
      return (account.daily_limit ?? null) === (dailyLimit ?? null)
        ? null
        : `Instantly answered, but the daily limit is ${account.daily_limit ?? 'unset'}.`;
    default:
      return null;
  }
}

export function changesFor(
  kind: BulkActionRecord['kind'],
  before: Account | null,
  after: Account,
): AuditChanges {
  const [read, field] =
    kind === 'set-daily-limit' ? (['daily_limit', 'dailyLimit'] as const) : (['status', 'status'] as const);
  const oldValue = before ? (before[read] ?? null) : undefined;
  const change: { old?: unknown; new: unknown } = { new: after[read] ?? null };
  if (oldValue !== undefined) change.old = oldValue;
  return { [field]: change };
}

const sameSet = (a: readonly string[] | null | undefined, b: readonly string[] | null | undefined) => {
  const left = new Set((a ?? []).map((e) => e.toLowerCase()));
  const right = new Set((b ?? []).map((e) => e.toLowerCase()));
  return left.size === right.size && [...left].every((e) => right.has(e));
};

const filterSchema = z.looseObject({ tag_id: z.string().nullish(), filter: z.string().nullish() }).nullish();

/** Whether a job listed by Instantly is the one a batch asked for (same target and selection). */
export function jobMatchesBatch(
  job: BackgroundJob,
  batch: Pick<BatchRecord, 'request'>,
  target: 0 | 1,
): boolean {
  if (job.type !== undefined && job.type !== 'update-warmup-accounts') return false;
  if ((job.data?.warmup_status ?? null) !== target) return false;
  const filters = warmupJobFiltersSchema.safeParse(job.data?.filters ?? {});
  if (!filters.success) return false;
  const f = filters.data;
  const request = batch.request;
  if (request.include_all_emails) {
    const upstream = filterSchema.safeParse(f.filter);
    const theirs = upstream.success ? upstream.data : undefined;
    return (
      f.includeAllEmails === true &&
      sameSet(f.excludedEmails, request.excluded_emails) &&
      (theirs?.tag_id ?? undefined) === request.filter?.tag_id &&
      (theirs?.filter ?? undefined) === (request.filter?.filter ?? undefined)
    );
  }
  return f.includeAllEmails !== true && sameSet(f.emails, request.emails);
}

/** The account page's settings form fields that write the same setting as a bulk action. */
const FORM_FIELDS: Record<BulkActionSetting, readonly SettingsField[]> = {
  warmup: [],
  sending: [],
  'daily-limit': ['dailyLimit'],
};

/** Which audit entries write the setting this kind writes; null when it writes none (mark fixed). */
export function settingWriters(kind: BulkActionRecord['kind']): SettingWriters | null {
  const setting = settingOf(kind);
  if (setting === null) return null;
  const fields = FORM_FIELDS[setting];
  return {
    actions: kindsWriting(setting),
    byFields: fields.length > 0 ? { action: SETTINGS_AUDIT_ACTION, fields } : undefined,
  };
}
