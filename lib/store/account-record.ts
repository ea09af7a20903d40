import 'server-only';
import type { Selectable } from 'kysely';
import { inErrorState } from '@/lib/diagnostics/account-status';
import { diagnose } from '@/lib/diagnostics/diagnose';
import type { AccountRow } from '@/lib/schemas/api-accounts';
import { type Account, statusMessageSchema } from '@/lib/schemas/instantly-account';
import type { Tables } from './schema';

/** One row of the `accounts` table, as the schema describes it. */
export type AccountRecord = Selectable<Tables['accounts']>;

const bool = (value: boolean | null | undefined) =>
  value === null || value === undefined ? null : value ? 1 : 0;

export function domainOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at >= 0 ? email.slice(at + 1).toLowerCase() : '';
}

/**
 * Upstream account → index record. The diagnosis is computed here, once per change, so the table can
 * filter, sort and count by cause without re-reading every status_message.
 */
export function toRecord(account: Account, workspaceId: string, indexedAt: string): AccountRecord {
  const status = account.status ?? null;
  const warmupStatus = account.warmup_status ?? null;
  const diagnosis = diagnose(account.status_message, {
    provider_code: account.provider_code,
    status,
    warmup_status: warmupStatus,
    autofix_failed: account.autofix_failed,
  });
  const tags = (account.tags ?? []).map((t) => ({ id: t.id, label: t.label ?? t.id }));
  const firstName = account.first_name ?? '';
  const lastName = account.last_name ?? '';
  return {
    workspace_id: workspaceId,
    email: account.email,
    first_name: firstName,
    last_name: lastName,
    domain: domainOf(account.email),
    provider_code: account.provider_code ?? null,
    status,
    warmup_status: warmupStatus,
    warmup_score: account.stat_warmup_score ?? null,
    daily_limit: account.daily_limit ?? null,
    sending_gap: account.sending_gap ?? null,
    warmup_limit: account.warmup?.limit ?? null,
    last_used_at: account.timestamp_last_used ?? null,
    created_at: account.timestamp_created ?? null,
    has_error: inErrorState(status, warmupStatus) ? 1 : 0,
    error_cause: diagnosis?.cause ?? null,
    error_severity: diagnosis?.severity ?? null,
    error_summary: diagnosis?.summary ?? null,
    error_stale: diagnosis?.stale ? 1 : 0,
    autofix_failed: bool(account.autofix_failed),
    is_managed: account.is_managed_account ? 1 : 0,
    status_message_json:
      account.status_message === undefined || account.status_message === null
        ? null
        : JSON.stringify(account.status_message),
    tags_json: JSON.stringify(tags),
    tag_labels: tags
      .map((t) => t.label.toLowerCase())
      .sort()
      .join(', '),
    search_text: `${account.email} ${firstName} ${lastName}`.toLowerCase(),
    indexed_at: indexedAt,
    unreadable_reason: null,
    settings_read_at: null,
  };
}

const tagsSchemaSafe = (json: string): AccountRow['tags'] => {
  try {
    const parsed = JSON.parse(json) as AccountRow['tags'];
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
};

/** Index record → the row our API serves. */
export function toRow(record: AccountRecord): AccountRow {
  const message = record.status_message_json
    ? statusMessageSchema.safeParse(JSON.parse(record.status_message_json))
    : null;
  return {
    email: record.email,
    workspaceId: record.workspace_id,
    firstName: record.first_name,
    lastName: record.last_name,
    domain: record.domain,
    providerCode: record.provider_code,
    status: record.status,
    warmupStatus: record.warmup_status,
    warmupScore: record.warmup_score,
    dailyLimit: record.daily_limit,
    sendingGap: record.sending_gap,
    warmupLimit: record.warmup_limit,
    tags: tagsSchemaSafe(record.tags_json),
    lastUsedAt: record.last_used_at,
    createdAt: record.created_at,
    statusMessage: message?.success ? message.data : null,
    autofixFailed: record.autofix_failed === null ? null : record.autofix_failed === 1,
    isManaged: record.is_managed === 1,
    errorCause: record.error_cause,
    errorSeverity: record.error_severity,
    errorSummary: record.error_summary,
    errorStale: record.error_stale === 1,
    unreadable: record.unreadable_reason,
    settingsReadAt: record.settings_read_at,
  };
}
