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

export function accountView(
  state: WorkspaceState,
  record: AccountRecord,
  includeTags: boolean,
): AccountJson | (AccountJson & { tags: AccountTagJson[] }) {
  return includeTags ? { ...record.json, tags: accountTags(state, record) } : record.json;
}
