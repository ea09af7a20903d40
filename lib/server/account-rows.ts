import 'server-only';
import type { AccountRow } from '@/lib/schemas/api-accounts';
import type { Account } from '@/lib/schemas/instantly-account';

/** Upstream account → the flat row our API serves. Absent and null both become null. */
export function toAccountRow(account: Account, workspaceId: string): AccountRow {
  const at = account.email.lastIndexOf('@');
  return {
    email: account.email,
    workspaceId,
    firstName: account.first_name ?? '',
    lastName: account.last_name ?? '',
    domain: at >= 0 ? account.email.slice(at + 1).toLowerCase() : '',
    providerCode: account.provider_code ?? null,
    status: account.status ?? null,
    warmupStatus: account.warmup_status ?? null,
    warmupScore: account.stat_warmup_score ?? null,
    dailyLimit: account.daily_limit ?? null,
    sendingGap: account.sending_gap ?? null,
    warmupLimit: account.warmup?.limit ?? null,
    tags: (account.tags ?? []).map((t) => ({ id: t.id, label: t.label ?? t.id })),
    lastUsedAt: account.timestamp_last_used ?? null,
    createdAt: account.timestamp_created ?? null,
    statusMessage: account.status_message ?? null,
    autofixFailed: account.autofix_failed ?? null,
    isManaged: account.is_managed_account ?? false,
  };
}
