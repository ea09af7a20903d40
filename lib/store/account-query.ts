import 'server-only';
import { causeCatalog, type CauseId } from '@/lib/diagnostics/cause-catalog';
import { describeAccountStatus, describeWarmupStatus, providerLabel } from '@/lib/diagnostics/account-status';
import {
  type AccountFilters,
  type AccountRow,
  type AccountSortKey,
  FACET_KEYS,
  type FacetKey,
  type FacetValue,
} from '@/lib/schemas/api-accounts';
import { type AccountRecord, toRow } from './account-record';
import type { Db } from './db';
import { cachedQuery } from './query-cache';
import { cachedStatements } from './statements';
import { rawSqlite } from './connect';

/** The filters as the index applies them: the scope already resolved to workspace ids. */
export interface IndexFilters extends Omit<AccountFilters, 'scope' | 'ws'> {
  workspaceIds: readonly string[];
}

type Where = { sql: string; params: unknown[] };

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** One filter as SQL; `facet` null for the ones that always apply (the workspaces, the search). */
interface Clause {
  facet: FacetKey | null;
  sql: string;
  params: unknown[];
}

/** The filters as SQL clauses, one per facet: the single place that says what each filter means. */
function clausesOf(filters: IndexFilters): Clause[] {
  const clauses: Clause[] = [
    {
      facet: null,
      sql: `a.workspace_id IN (${placeholders(filters.workspaceIds.length)})`,
      params: [...filters.workspaceIds],
    },
  ];
  if (filters.q)
    clauses.push({ facet: null, sql: 'instr(a.search_text, ?) > 0', params: [filters.q.toLowerCase()] });
  const inList = (facet: FacetKey, column: string, values: readonly unknown[] | undefined) => {
    if (values && values.length > 0) {
      clauses.push({ facet, sql: `${column} IN (${placeholders(values.length)})`, params: [...values] });
    }
  };
  inList('status', 'a.status', filters.status);
  inList('warmup', 'a.warmup_status', filters.warmup);
  inList('provider', 'a.provider_code', filters.provider);
  inList(
    'domain',
    'a.domain',
    filters.domain?.map((d) => d.toLowerCase()),
  );
  if (filters.cause && filters.cause.length > 0) {
    // "none" selects accounts without any status_message.
    const named = filters.cause.filter((c) => c !== 'none');
    const parts = named.length > 0 ? [`a.error_cause IN (${placeholders(named.length)})`] : [];
    if (filters.cause.includes('none')) parts.push('a.error_cause IS NULL');
    clauses.push({ facet: 'cause', sql: `(${parts.join(' OR ')})`, params: named });
  }
  if (filters.error) {
    clauses.push({
      facet: 'error',
      sql: filters.error === 'yes' ? 'a.has_error = 1' : 'a.has_error = 0',
      params: [],
    });
  }
  if (filters.tag && filters.tag.length > 0) {
    const named = filters.tag.filter((t) => t !== 'none');
    const parts =
      named.length > 0
        ? [
            `EXISTS (SELECT 1 FROM account_tags t WHERE t.workspace_id = a.workspace_id AND t.email = a.email AND t.tag_id IN (${placeholders(named.length)}))`,
          ]
        : [];
    if (filters.tag.includes('none')) parts.push("a.tags_json = '[]'");
    clauses.push({ facet: 'tag', sql: `(${parts.join(' OR ')})`, params: named });
  }
  return clauses;
}

/**
 * WHERE clause for the filters. `except` leaves one facet's own filter out, which is how facet counts
 * are defined: each facet counts what you would get by changing only that facet.
 */
function whereOf(filters: IndexFilters, except?: FacetKey): Where {
  const clauses = clausesOf(filters).filter((c) => c.facet === null || c.facet !== except);
  return { sql: clauses.map((c) => c.sql).join(' AND '), params: clauses.flatMap((c) => c.params) };
}

/** Errors first when sorting by the error column: the most severe cause on top. */
const severityRank = `CASE a.error_severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END`;

// Text columns sort as people read them: "bob@" next to "Bob@", not after every capital letter.
const sortColumns: Record<AccountSortKey, string> = {
  email: 'a.email COLLATE NOCASE',
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
  return `${primary}, a.email COLLATE NOCASE ASC, a.email ASC, a.workspace_id ASC`;
}

type Key = readonly [workspaceId: string, email: string];

const statements = cachedStatements({
  byKey: 'SELECT * FROM accounts WHERE workspace_id = ? AND email = ?',
});

/**
 * Every matching account's key in table order, cached until the index changes: scrolling a view asks
 * for many windows of the same order, and each then costs a slice and a few primary-key reads.
 */
function orderedKeys(
  db: Db,
  filters: IndexFilters,
  sort: AccountSortKey,
  order: 'asc' | 'desc',
): Promise<readonly Key[]> {
  return cachedQuery(db, `keys:${JSON.stringify([filters, sort, order])}`, async () => {
    const where = whereOf(filters);
    return rawSqlite(db)
      .prepare(
        `SELECT a.workspace_id, a.email FROM accounts a WHERE ${where.sql} ORDER BY ${orderBy(sort, order)}`,
      )
      .raw()
      .all(...where.params) as Key[];
  });
}

export async function queryAccountRows(
  db: Db,
  filters: IndexFilters,
  page: { sort: AccountSortKey; order: 'asc' | 'desc'; offset: number; limit: number },
): Promise<{ rows: AccountRow[]; total: number }> {
  if (filters.workspaceIds.length === 0) return { rows: [], total: 0 };
  const keys = await orderedKeys(db, filters, page.sort, page.order);
  const byKey = statements(db).byKey;
  const rows = keys
    .slice(page.offset, page.offset + page.limit)
    .map((key) => byKey.get(...key) as AccountRecord | undefined)
    .filter((record): record is AccountRecord => record !== undefined)
    .map(toRow);
  return { rows, total: keys.length };
}

/** Every (workspace, email) matching the filters, in table order: "select all matching" and exports. */
export async function matchingAccountKeys(
  db: Db,
  filters: IndexFilters,
  sort: AccountSortKey = 'email',
  order: 'asc' | 'desc' = 'asc',
): Promise<Array<{ workspaceId: string; email: string }>> {
  if (filters.workspaceIds.length === 0) return [];
  return (await orderedKeys(db, filters, sort, order)).map(([workspaceId, email]) => ({
    workspaceId,
    email,
  }));
}

/** Rows matching the filters, streamed in table order (CSV export of the whole filtered set). */
export async function* iterateAccountRows(
  db: Db,
  filters: IndexFilters,
  sort: AccountSortKey,
  order: 'asc' | 'desc',
): AsyncGenerator<AccountRow> {
  if (filters.workspaceIds.length === 0) return;
  const where = whereOf(filters);
  const statement = rawSqlite(db).prepare(
    `SELECT a.* FROM accounts a WHERE ${where.sql} ORDER BY ${orderBy(sort, order)}`,
  );
  for (const record of statement.iterate(...where.params) as Iterable<AccountRecord>) yield toRow(record);
}

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
export async function accountFacets(
  db: Db,
  filters: IndexFilters,
  workspaceLabels: ReadonlyMap<string, string>,
): Promise<{ total: number; facets: Record<FacetKey, FacetValue[]> }> {
  return cachedQuery(db, `facets:${JSON.stringify([filters, [...workspaceLabels]])}`, async () =>
    computeFacets(db, filters, workspaceLabels),
  );
}

/** The column each facet counts, in the one-pass facet query below. */
const facetColumns: Record<Exclude<FacetKey, 'tag'>, string> = {
  workspace: 'workspace_id',
  status: 'status',
  warmup: 'warmup_status',
  provider: 'provider_code',
  domain: 'domain',
  cause: 'cause',
  error: 'error',
};

/**
 * Every facet from one statement: the accounts in scope are read once into a small materialised table
 * that carries, per filter, whether the row passes it (the same clauses the row query uses); each facet
 * then groups that table by its column over the rows that pass every filter but its own.
 */
function computeFacets(
  db: Db,
  filters: IndexFilters,
  workspaceLabels: ReadonlyMap<string, string>,
): { total: number; facets: Record<FacetKey, FacetValue[]> } {
  const facets = Object.fromEntries(FACET_KEYS.map((f) => [f, [] as FacetValue[]])) as Record<
    FacetKey,
    FacetValue[]
  >;
  if (filters.workspaceIds.length === 0) return { total: 0, facets };
  const clauses = clausesOf(filters);
  const always = clauses.filter((c) => c.facet === null);
  const flagged = clauses.filter((c) => c.facet !== null);
  const passesAllBut = (facet: FacetKey | null) =>
    flagged
      .map((c, i) => (c.facet === facet ? null : `f${i}`))
      .filter((f) => f !== null)
      .join(' AND ') || '1';
  const groups = (Object.entries(facetColumns) as Array<[Exclude<FacetKey, 'tag'>, string]>).map(
    ([facet, column]) =>
      `SELECT '${facet}' AS facet, ${column} AS value, NULL AS label, count(*) AS count FROM base
        WHERE ${passesAllBut(facet)} AND ${column} IS NOT NULL GROUP BY ${column}`,
  );
  const rows = rawSqlite(db)
    .prepare(
      `WITH base AS MATERIALIZED (
         SELECT a.workspace_id, a.email, a.status, a.warmup_status, a.provider_code, a.domain,
                coalesce(a.error_cause, 'none') AS cause, CASE a.has_error WHEN 1 THEN 'yes' ELSE 'no' END AS error,
                a.tags_json = '[]' AS untagged${flagged.map((c, i) => `, (${c.sql}) AS f${i}`).join('')}
           FROM accounts a WHERE ${always.map((c) => c.sql).join(' AND ')}
       )
       ${groups.join(' UNION ALL ')}
       UNION ALL SELECT 'tag', t.tag_id, max(t.label), count(*) FROM base b
         JOIN account_tags t ON t.workspace_id = b.workspace_id AND t.email = b.email
        WHERE ${passesAllBut('tag')} GROUP BY t.tag_id
       UNION ALL SELECT 'tag', 'none', 'No tag', count(*) FROM base WHERE ${passesAllBut('tag')} AND untagged HAVING count(*) > 0
       UNION ALL SELECT 'total', NULL, NULL, count(*) FROM base WHERE ${passesAllBut(null)}`,
    )
    .all(...flagged.flatMap((c) => c.params), ...always.flatMap((c) => c.params)) as Array<{
    facet: FacetKey | 'total';
    value: string | number | null;
    label: string | null;
    count: number;
  }>;
  let total = 0;
  for (const row of rows) {
    if (row.facet === 'total') total = row.count;
    else {
      const value = String(row.value);
      facets[row.facet].push({
        value,
        label: row.label ?? facetLabel(row.facet, value, workspaceLabels),
        count: row.count,
      });
    }
  }
  for (const facet of FACET_KEYS) {
    // Most common first, then by name; "No tag" last.
    facets[facet] = facets[facet]
      .sort(
        (a, b) =>
          Number(a.value === 'none' && facet === 'tag') - Number(b.value === 'none' && facet === 'tag') ||
          b.count - a.count ||
          a.label.localeCompare(b.label),
      )
      .slice(0, MAX_FACET_VALUES);
  }
  return { total, facets };
}
