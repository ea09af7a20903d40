import 'server-only';
import type { AccountFilter } from '@/lib/schemas/instantly-account';
import type { AccountRecord } from './workspace-state';

// The account predicates shared by GET /accounts, warmup jobs with include_all_emails and
// toggle-resource with selected_all, so every bulk selection agrees with what the list shows.

export interface AccountSelector {
  search?: string;
  status?: number;
  providerCode?: number;
  /** Any of these tags. */
  tagIds?: string[];
  /** All of these tags. */
  tagIdsAll?: string[];
  /** One tag, or "no-tag" for accounts without tags (bulk filters). */
  tagId?: string;
  filter?: AccountFilter | null;
}

export function matchesFilter(record: AccountRecord, filter: AccountFilter): boolean {
  const a = record.json;
  switch (filter) {
    case 'ACC_FILTER_PAUSED':
      return a.status === 2;
    case 'ACC_FILTER_ERROR':
      return a.status < 0;
    case 'ACC_FILTER_NO_CTD':
      return !a.tracking_domain_name;
    case 'ACC_FILTER_PW_ACCOUNTS':
      return record.preWarmed;
    case 'ACC_FILTER_DFY':
      return a.is_managed_account;
    case 'ACC_FILTER_DFY_SETUP_PENDING':
      return a.is_managed_account && a.setup_pending;
    case 'ACC_FILTER_W_ACTIVE':
      return a.warmup_status === 1;
    case 'ACC_FILTER_W_PAUSED':
      return a.warmup_status === 0;
    case 'ACC_FILTER_W_ERROR':
      return a.warmup_status < 0;
  }
}

/** Compiles a selector once so scanning 10,000 accounts does no per-item setup. */
export function compileSelector(selector: AccountSelector): (record: AccountRecord) => boolean {
  const search = selector.search?.trim().toLowerCase() ?? '';
  const { status, providerCode, tagIds, tagIdsAll, tagId, filter } = selector;
  return (record) => {
    if (search !== '' && !record.searchText.includes(search)) return false;
    if (status !== undefined && record.json.status !== status) return false;
    if (providerCode !== undefined && record.json.provider_code !== providerCode) return false;
    if (tagIds && tagIds.length > 0 && !tagIds.some((id) => record.tagIds.includes(id))) return false;
    if (tagIdsAll && tagIdsAll.length > 0 && !tagIdsAll.every((id) => record.tagIds.includes(id)))
      return false;
    if (tagId !== undefined && tagId !== '') {
      if (tagId === 'no-tag' ? record.tagIds.length > 0 : !record.tagIds.includes(tagId)) return false;
    }
    if (filter && !matchesFilter(record, filter)) return false;
    return true;
  };
}
