import 'server-only';
import { causeCatalog, type CauseId } from '@/lib/diagnostics/cause-catalog';
import { describeAccountStatus, describeWarmupStatus, providerLabel } from '@/lib/diagnostics/account-status';
import type {
  AccountFilters,
  AccountRow,
  AccountSortKey,
  FacetKey,
  FacetValue,
} from '@/lib/schemas/api-accounts';
import { type AccountRecord, toRow } from './account-record';
import type { Db } from './db';

/** The filters as the index applies them: the scope already resolved to workspace ids. */
export interface IndexFilters extends Omit<AccountFilters, 'scope' | 'ws'> {
  workspaceIds: readonly string[];
}

type Where = { sql: string; params: unknown[] };

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/**
 * WHERE clause for the filters. `except` leaves one facet's own filter out, which is how facet counts
 * are computed: each facet counts what you would get by changing only that facet.
 */
function whereOf(filters: IndexFilters, except?: FacetKey): Where {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const inList = (column: string, values: readonly unknown[] | undefined, facet: FacetKey) => {
    if (!values || values.length === 0 || except === facet) return;
    clauses.push(`${column} IN (${placeholders(values.length)})`);
    params.push(...values);
  };
  clauses.push(`a.workspace_id IN (${placeholders(filters.workspaceIds.length)})`);
  params.push(...filters.workspaceIds);
  if (filters.q) {
    clauses.push('instr(a.search_text, ?) > 0');
    params.push(filters.q.toLowerCase());
  }
  inList('a.status', filters.status, 'status');
  inList('a.warmup_status', filters.warmup, 'warmup');
  inList('a.provider_code', filters.provider, 'provider');
  inList(
    'a.domain',
    filters.domain?.map((d) => d.toLowerCase()),
    'domain',
  );
  if (filters.cause && filters.cause.length > 0 && except !== 'cause') {
    // "none" selects accounts without any status_message.
    const named = filters.cause.filter((c) => c !== 'none');
    const parts: string[] = [];
    if (named.length > 0) {
      parts.push(`a.error_cause IN (${placeholders(named.length)})`);
      params.push(...named);
    }
    if (filters.cause.includes('none')) parts.push('a.error_cause IS NULL');
    clauses.push(`(${parts.join(' OR ')})`);
  }
  if (filters.error && except !== 'error')
    clauses.push(filters.error === 'yes' ? 'a.has_error = 1' : 'a.has_error = 0');
  if (filters.tag && filters.tag.length > 0 && except !== 'tag') {
    const named = filters.tag.filter((t) => t !== 'none');
    const parts: string[] = [];
    if (named.length > 0) {
      parts.push(
        `EXISTS (SELECT 1 FROM account_tags t WHERE t.workspace_id = a.workspace_id AND t.email = a.email AND t.tag_id IN (${placeholders(named.length)}))`,
      );
      params.push(...named);
    }
    if (filters.tag.includes('none')) parts.push("a.tags_json = '[]'");
    clauses.push(`(${parts.join(' OR ')})`);
  }
  return { sql: clauses.join(' AND '), params };
}

/** Errors first when sorting by the error column: the most severe cause on top. */
const severityRank = `CASE a.error_severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END`;

const sortColumns: Record<AccountSortKey, string> = {
  email: 'a.email',
  name: "lower(a.first_name || ' ' || a.last_name)",
  workspace: 'a.workspace_id',
  provider: 'a.provider_code',
  status: 'a.status',
  warmupStatus: 'a.warmup_status',
  warmupScore: 'a.warmup_score',
  dailyLimit: 'a.daily_limit',
  sendingGap: 'a.sending_gap',
  tags: "nullif(a.tag_labels, '')",
  lastUsed: 'a.last_used_at',
  created: 'a.created_at',
  error: `${severityRank} %DIR%, a.error_stale, a.error_cause`,
  domain: 'a.domain',
};

function orderBy(sort: AccountSortKey, order: 'asc' | 'desc'): string {
  const dir = order === 'desc' ? 'DESC' : 'ASC';
  const column = sortColumns[sort];
  // Empty values sink to the bottom whichever way the column is sorted; email breaks ties stably.
  const primary = column.includes('%DIR%') ? column.replace('%DIR%', dir) : `${column} ${dir} NULLS LAST`;
  return `${primary}, a.email ASC, a.workspace_id ASC`;
}

export function queryAccountRows(
  db: Db,
  filters: IndexFilters,
  page: { sort: AccountSortKey; order: 'asc' | 'desc'; offset: number; limit: number },
): { rows: AccountRow[]; total: number } {
  if (filters.workspaceIds.length === 0) return { rows: [], total: 0 };
  const where = whereOf(filters);
  const total = db
    .prepare(`SELECT count(*) FROM accounts a WHERE ${where.sql}`)
    .pluck()
    .get(...where.params) as number;
  const records = db
    .prepare(
      `SELECT a.* FROM accounts a WHERE ${where.sql} ORDER BY ${orderBy(page.sort, page.order)} LIMIT ? OFFSET ?`,
    )
    .all(...where.params, page.limit, page.offset) as AccountRecord[];
  return { rows: records.map(toRow), total };
}

/** Every (workspace, email) matching the filters, in table order: "select all matching" and exports. */
export function matchingAccountKeys(
  db: Db,
  filters: IndexFilters,
  sort: AccountSortKey = 'email',
  order: 'asc' | 'desc' = 'asc',
): Array<{ workspaceId: string; email: string }> {
  if (filters.workspaceIds.length === 0) return [];
  const where = whereOf(filters);
  return db
    .prepare(
      `SELECT a.workspace_id AS workspaceId, a.email FROM accounts a WHERE ${where.sql} ORDER BY ${orderBy(sort, order)}`,
    )
    .all(...where.params) as Array<{ workspaceId: string; email: string }>;
}

/** Rows matching the filters, streamed in table order (CSV export of the whole filtered set). */
export function* iterateAccountRows(
  db: Db,
  filters: IndexFilters,
  sort: AccountSortKey,
  order: 'asc' | 'desc',
): Generator<AccountRow> {
  if (filters.workspaceIds.length === 0) return;
  const where = whereOf(filters);
  const statement = db.prepare(
    `SELECT a.* FROM accounts a WHERE ${where.sql} ORDER BY ${orderBy(sort, order)}`,
  );
  for (const record of statement.iterate(...where.params) as Iterable<AccountRecord>) yield toRow(record);
}

const facetSql: Record<Exclude<FacetKey, 'tag'>, string> = {
  workspace: 'a.workspace_id',
  status: 'a.status',
  warmup: 'a.warmup_status',
  provider: 'a.provider_code',
  domain: 'a.domain',
  cause: "coalesce(a.error_cause, 'none')",
  error: "CASE a.has_error WHEN 1 THEN 'yes' ELSE 'no' END",
};

const MAX_FACET_VALUES = 200;

function facetLabel(facet: FacetKey, value: string, workspaceLabels: ReadonlyMap<string, string>): string {
  const n = Number(value);
  switch (facet) {
    case 'workspace':
      return workspaceLabels.get(value) ?? value;
    case 'status':
      return describeAccountStatus(n).label;
    case 'warmup':
      return describeWarmupStatus(n).label;
    case 'provider':
      return providerLabel(n);
    case 'cause':
      return value === 'none' ? 'No error message' : (causeCatalog[value as CauseId]?.title ?? value);
    case 'error':
      return value === 'yes' ? 'Has an error' : 'No error';
    default:
      return value;
  }
}

/** Counts per value of every facet under the other filters, and the total under all of them. */
export function accountFacets(
  db: Db,
  filters: IndexFilters,
  workspaceLabels: ReadonlyMap<string, string>,
): { total: number; facets: Record<FacetKey, FacetValue[]> } {
  const empty = {
    workspace: [],
    status: [],
    warmup: [],
    provider: [],
    tag: [],
    domain: [],
    cause: [],
    error: [],
  };
  if (filters.workspaceIds.length === 0) return { total: 0, facets: empty };
  const all = whereOf(filters);
  const total = db
    .prepare(`SELECT count(*) FROM accounts a WHERE ${all.sql}`)
    .pluck()
    .get(...all.params) as number;
  const facets: Record<FacetKey, FacetValue[]> = { ...empty };
  for (const [facet, expression] of Object.entries(facetSql) as Array<[Exclude<FacetKey, 'tag'>, string]>) {
    const where = whereOf(filters, facet);
    const rows = db
      .prepare(
        `SELECT ${expression} AS value, count(*) AS count FROM accounts a WHERE ${where.sql}
         GROUP BY value ORDER BY count DESC, value LIMIT ${MAX_FACET_VALUES}`,
      )
      .all(...where.params) as Array<{ value: string | number | null; count: number }>;
    facets[facet] = rows
      .filter((r) => r.value !== null)
      .map((r) => ({
        value: String(r.value),
        label: facetLabel(facet, String(r.value), workspaceLabels),
        count: r.count,
      }));
  }
  const tagWhere = whereOf(filters, 'tag');
  const tagRows = db
    .prepare(
      `SELECT t.tag_id AS value, t.label AS label, count(*) AS count
         FROM account_tags t JOIN accounts a ON a.workspace_id = t.workspace_id AND a.email = t.email
        WHERE ${tagWhere.sql} GROUP BY t.tag_id, t.label ORDER BY count DESC, t.label LIMIT ${MAX_FACET_VALUES}`,
    )
    .all(...tagWhere.params) as FacetValue[];
  const untagged = db
    .prepare(`SELECT count(*) FROM accounts a WHERE ${tagWhere.sql} AND a.tags_json = '[]'`)
    .pluck()
    .get(...tagWhere.params) as number;
  facets.tag = [...tagRows, ...(untagged > 0 ? [{ value: 'none', label: 'No tag', count: untagged }] : [])];
  return { total, facets };
}
