import { bulkActionLabel } from './catalog';
import { type AccountKey, type BulkActionKind, accountKey } from '@/lib/schemas/api-bulk-actions';
import type { AccountFilter } from '@/lib/schemas/instantly-account';
import type { WarmupToggleRequest } from '@/lib/schemas/instantly-requests';

// Pure planning of a bulk action: which accounts, in which Instantly jobs. No I/O: the store writes
// what this decides, the engine sends it.

/** Instantly's limit for an explicit warmup job. */
export const MAX_BATCH_SIZE = 100;

export interface BulkActionParams {
  dailyLimit?: number;
}

export interface NewBatch {
  workspaceId: string;
  request: WarmupToggleRequest;
  /** The items this job covers (for include_all_emails jobs: what the index expects it to select). */
  emails: readonly string[];
  allEmails: boolean;
}

/** Instantly's own selection for include_all_emails: `null` selects every account. */
export type UpstreamFilter = { tag_id?: string; filter?: AccountFilter } | null;

export interface UpstreamSelection {
  workspaceId: string;
  filter: UpstreamFilter;
  excluded: readonly string[];
}

/** Each account once, in the order first given. */
export function dedupeKeys(keys: readonly AccountKey[]): AccountKey[] {
  const seen = new Set<string>();
  return keys.filter((key) => {
    const id = accountKey(key);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** "Enable warmup · 312 accounts", "Retry: set daily limit to 40 · 4 accounts". */
export function titleFor(
  kind: BulkActionKind,
  params: BulkActionParams,
  count: number,
  retry = false,
): string {
  const label = bulkActionLabel(kind, params.dailyLimit);
  return `${retry ? `Retry: ${label.charAt(0).toLowerCase()}${label.slice(1)}` : label} · ${plural(count, 'account')}`;
}

/** Explicit jobs of at most 100 emails per workspace, in the order given. */
export function explicitBatches(keys: readonly AccountKey[], batchSize = MAX_BATCH_SIZE): NewBatch[] {
  const byWorkspace = new Map<string, string[]>();
  for (const key of keys) {
    const list = byWorkspace.get(key.workspaceId) ?? [];
    list.push(key.email);
    byWorkspace.set(key.workspaceId, list);
  }
  const batches: NewBatch[] = [];
  for (const [workspaceId, emails] of byWorkspace) {
    for (let i = 0; i < emails.length; i += batchSize) {
      const chunk = emails.slice(i, i + batchSize);
      batches.push({ workspaceId, request: { emails: chunk }, emails: chunk, allEmails: false });
    }
  }
  return batches;
}

/**
 * The Instantly jobs for a warmup change: one include_all_emails job when Instantly can select the
 * accounts itself, else explicit jobs of at most 100 emails per workspace.
 */
export function planWarmupBatches(
  keys: readonly AccountKey[],
  upstream: UpstreamSelection | null,
): NewBatch[] {
  if (!upstream) return explicitBatches(keys);
  return [
    {
      workspaceId: upstream.workspaceId,
      request: {
        include_all_emails: true,
        ...(upstream.filter ? { filter: upstream.filter } : {}),
        ...(upstream.excluded.length > 0 ? { excluded_emails: [...upstream.excluded] } : {}),
      },
      emails: keys.map((k) => k.email),
      allEmails: true,
    },
  ];
}

/**
 * Which batch (by index) each account belongs to, checking the plan: every account of a warmup
 * action in exactly one job, and every job's accounts in the action. Throws on a bad plan, so an
 * action is never stored with an account in two jobs (or in none).
 */
export function batchIndexOf(keys: readonly AccountKey[], batches: readonly NewBatch[]): Map<string, number> {
  const of = new Map<string, number>();
  batches.forEach((batch, index) => {
    if (!batch.allEmails && batch.emails.length > MAX_BATCH_SIZE)
      throw new Error(`a job holds at most ${MAX_BATCH_SIZE} accounts`);
    for (const email of batch.emails) {
      const id = accountKey({ workspaceId: batch.workspaceId, email });
      if (of.has(id)) throw new Error(`${email} is in two batches of one action`);
      of.set(id, index);
    }
  });
  for (const key of keys) if (!of.has(accountKey(key))) throw new Error(`${key.email} is in no batch`);
  return of;
}
