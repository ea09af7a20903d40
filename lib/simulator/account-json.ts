import 'server-only';
import type { AccountJson, CustomTagRecord } from './types';
import type { AccountRecord, WorkspaceState } from './workspace-state';

// Keeps account objects in the key order of the real payloads after a create or PATCH adds keys,
// and builds the `tags` view of GET /accounts?include_tags=true.

const KEY_ORDER: ReadonlyArray<keyof AccountJson> = [
  'email',
  'timestamp_created',
  'timestamp_updated',
  'first_name',
  'last_name',
  'organization',
  'warmup_status',
  'provider_code',
  'setup_pending',
  'is_managed_account',
  'warmup',
  'added_by',
  'daily_limit',
  'modified_by',
  'tracking_domain_name',
  'tracking_domain_status',
  'status',
  'enable_slow_ramp',
  'inbox_placement_test_limit',
  'status_message',
  'timestamp_warmup_start',
  'timestamp_last_used',
  'warmup_pool_id',
  'stat_warmup_score',
  'sending_gap',
  'signature',
  'reply_to',
  'autofix_failed',
];

export function canonicalAccount(json: AccountJson): AccountJson {
  const out: Record<string, unknown> = {};
  for (const key of KEY_ORDER) if (json[key] !== undefined) out[key] = json[key];
  return out as unknown as AccountJson;
}

export interface AccountTagJson {
  id: string;
  label: string;
  description: string | null;
}

export function accountTags(state: WorkspaceState, record: AccountRecord): AccountTagJson[] {
  return record.tagIds
    .map((id) => state.tags.get(id))
    .filter((tag): tag is CustomTagRecord => tag !== undefined)
    .map((tag) => ({ id: tag.id, label: tag.label, description: tag.description }));
}

/**
 * An account as a GET /accounts row: real list rows carry no warmup settings but `advanced` (the
 * recorded pages have `warmup` absent, `{}` or `{advanced}`: absent stays absent, any other becomes
 * `{}` or `{advanced}`), so the full settings come only from
 * GET /accounts/{email}. daily_limit and sending_gap stay: list rows have them where they are set.
 */
export function listRowOf(json: AccountJson): AccountJson {
  if (json.warmup === undefined) return json;
  const { warmup, ...rest } = json;
  const row: AccountJson = { ...rest } as AccountJson;
  row.warmup = warmup.advanced === undefined ? {} : { advanced: warmup.advanced };
  return canonicalAccount(row);
}

/** A list row, with `tags` when the list asked for them. */
export function accountView(
  state: WorkspaceState,
  record: AccountRecord,
  includeTags: boolean,
): AccountJson | (AccountJson & { tags: AccountTagJson[] }) {
  const row = listRowOf(record.json);
  return includeTags ? { ...row, tags: accountTags(state, record) } : row;
}
