import 'server-only';
import {
  type Expression,
  type ExpressionBuilder,
  type ExpressionWrapper,
  type SelectQueryBuilder,
  type SqlBool,
  sql,
} from 'kysely';
import type { AccountFilters, AccountSortKey, FacetKey } from '@/lib/schemas/api-accounts';
import type { Dialect } from './migrations';
import type { Tables } from './schema';

// What each filter and each sort of the fleet table means, as SQL over the `accounts` table: the one
// place the row query, the ordered keys and the export take it from. The facet counts read the same
// filters over columns kept in memory (account-facets.ts); account-facets.test.ts holds every count
// to the rows these clauses select.

/** The filters as the index applies them: the scope already resolved to workspace ids. */
export interface IndexFilters extends Omit<AccountFilters, 'scope' | 'ws'> {
  /** Every workspace in scope: the facet counts of the Workspace filter are taken over all of them. */
  workspaceIds: readonly string[];
  /** The Workspace filter (ticked in the facet or `ws=` in the URL), within `workspaceIds`. */
  ws?: readonly string[];
}

type Eb = ExpressionBuilder<Tables, 'accounts'>;

/** One filter; `facet` null for the ones that always apply (the workspaces, the search). */
export interface Clause {
  facet: FacetKey | null;
  where: (eb: Eb) => ExpressionWrapper<Tables, 'accounts', SqlBool>;
}

/** `needle` occurs in `haystack` (both already lower case): the one spelling each database has. */
function contains(eb: Eb, dialect: Dialect, haystack: 'accounts.search_text', needle: string) {
  return eb(
    eb.fn<number>(dialect === 'postgres' ? 'strpos' : 'instr', [eb.ref(haystack), eb.val(needle)]),
    '>',
    0,
  );
}

type FilterColumn =
  | 'accounts.workspace_id'
  | 'accounts.status'
  | 'accounts.warmup_status'
  | 'accounts.provider_code'
  | 'accounts.domain'
  | 'accounts.error_cause'
  | 'accounts.has_error';

export interface ClauseOptions {
  /** The statement reads in a sort's index order (a window): no filter may choose the index. */
  scanInOrder?: boolean;
}

/** The filters as clauses, one per facet: the single place that says what each filter means. */
export function clausesOf(filters: IndexFilters, dialect: Dialect, options: ClauseOptions = {}): Clause[] {
  const { workspaceIds, q } = filters;
  // `+column` keeps SQLite from picking an index by that column, so a window's statement is planned on
  // its ORDER BY alone: one range of a sort index, whose entries carry the common filter columns. An
  // index by a filter (the scope names every workspace of the all-workspaces table) would instead
  // make it sort every row that passes.
  const unindexed = options.scanInOrder === true && dialect === 'sqlite';
  const col = (eb: Eb, column: FilterColumn): Expression<unknown> =>
    unindexed ? sql`+${eb.ref(column)}` : eb.ref(column);
  const scope = (eb: Eb) => eb(col(eb, 'accounts.workspace_id'), 'in', workspaceIds);
  const clauses: Clause[] = [{ facet: null, where: scope }];
  if (q)
    clauses.push({
      facet: null,
      where: (eb) => contains(eb, dialect, 'accounts.search_text', q.toLowerCase()),
    });
  const inList = (
    facet: FacetKey,
    column: 'accounts.status' | 'accounts.warmup_status' | 'accounts.provider_code' | 'accounts.domain',
    values: ReadonlyArray<string | number> | undefined,
  ) => {
    if (values && values.length > 0)
      clauses.push({ facet, where: (eb) => eb(col(eb, column), 'in', values) });
  };
  // A filter like the others (not a narrower scope), so its facet still counts every workspace and a
  // second one can be ticked beside the first.
  if (filters.ws && filters.ws.length > 0) {
    const ws = filters.ws;
    clauses.push({ facet: 'workspace', where: (eb) => eb(col(eb, 'accounts.workspace_id'), 'in', ws) });
  }
  inList('status', 'accounts.status', filters.status);
  inList('warmup', 'accounts.warmup_status', filters.warmup);
  inList('provider', 'accounts.provider_code', filters.provider);
  inList(
    'domain',
    'accounts.domain',
    filters.domain?.map((d) => d.toLowerCase()),
  );
  const cause = filters.cause;
  if (cause && cause.length > 0) {
    // "none" selects accounts without any status_message.
    const named = cause.filter((c) => c !== 'none');
    clauses.push({
      facet: 'cause',
      where: (eb) =>
        eb.or([
          ...(named.length > 0 ? [eb(col(eb, 'accounts.error_cause'), 'in', named)] : []),
          ...(cause.includes('none') ? [eb(col(eb, 'accounts.error_cause'), 'is', null)] : []),
        ]),
    });
  }
  const error = filters.error;
  if (error) {
    clauses.push({
      facet: 'error',
      where: (eb) => eb(col(eb, 'accounts.has_error'), '=', error === 'yes' ? 1 : 0),
    });
  }
  const tag = filters.tag;
  if (tag && tag.length > 0) {
    const named = tag.filter((t) => t !== 'none');
    clauses.push({
      facet: 'tag',
      where: (eb) =>
        eb.or([
          ...(named.length > 0
            ? [
                eb.exists(
                  eb
                    .selectFrom('account_tags as t')
                    .select(eb.lit(1).as('one'))
                    .whereRef('t.workspace_id', '=', 'accounts.workspace_id')
                    .whereRef('t.email', '=', 'accounts.email')
                    .where('t.tag_id', 'in', named),
                ),
              ]
            : []),
          ...(tag.includes('none') ? [eb('accounts.tags_json', '=', '[]')] : []),
        ]),
    });
  }
  return clauses;
}

/**
 * The filters as one condition. `except` leaves one facet's own filter out, which is how facet counts
 * are defined: each facet counts what you would get by changing only that facet.
 */
export function whereOf(filters: IndexFilters, dialect: Dialect, except?: FacetKey, options?: ClauseOptions) {
  const clauses = clausesOf(filters, dialect, options).filter((c) => c.facet === null || c.facet !== except);
  return (eb: Eb) => eb.and(clauses.map((c) => c.where(eb)));
}

/** Text as people read it: "bob@" next to "Bob@", not after every capital letter. */
function caseless(eb: Eb, dialect: Dialect, column: 'accounts.email'): Expression<string> {
  return dialect === 'sqlite'
    ? sql<string>`${eb.ref(column)} COLLATE NOCASE`
    : eb.fn<string>('lower', [eb.ref(column)]);
}

// Every sort expression below is written with literals, never bound values: a database uses an index
// on an expression only for that very expression, and the indexes of migration 26 are built on them.

/** Errors first when sorting by the error column: the most severe cause on top. */
const severityRank = (eb: Eb) =>
  sql<number>`case ${eb.ref('accounts.error_severity')} when 'critical' then 0 when 'high' then 1 when 'medium' then 2 when 'low' then 3 else 4 end`;

const sortColumns: Record<
  Exclude<AccountSortKey, 'error'>,
  (eb: Eb, dialect: Dialect) => Expression<unknown>
> = {
  email: (eb, dialect) => caseless(eb, dialect, 'accounts.email'),
  name: (eb) => sql`lower(${eb.ref('accounts.first_name')} || ' ' || ${eb.ref('accounts.last_name')})`,
  workspace: (eb) => eb.ref('accounts.workspace_id'),
  provider: (eb) => eb.ref('accounts.provider_code'),
  status: (eb) => eb.ref('accounts.status'),
  warmupStatus: (eb) => eb.ref('accounts.warmup_status'),
  warmupScore: (eb) => eb.ref('accounts.warmup_score'),
  dailyLimit: (eb) => eb.ref('accounts.daily_limit'),
  sendingGap: (eb) => eb.ref('accounts.sending_gap'),
  tags: (eb) => sql`nullif(${eb.ref('accounts.tag_labels')}, '')`,
  lastUsed: (eb) => eb.ref('accounts.last_used_at'),
  created: (eb) => eb.ref('accounts.created_at'),
  domain: (eb) => eb.ref('accounts.domain'),
};

/** Sorts whose column can be empty: their windows read the filled values, then the empty ones. */
export const NULLABLE_SORTS: ReadonlySet<AccountSortKey> = new Set([
  'provider',
  'status',
  'warmupStatus',
  'warmupScore',
  'dailyLimit',
  'sendingGap',
  'tags',
  'lastUsed',
  'created',
]);

/** The sorted column's value, for the sorts that have one (every sort but `error`). */
export function sortValue(sort: Exclude<AccountSortKey, 'error'>, dialect: Dialect) {
  return (eb: Eb) => sortColumns[sort](eb, dialect);
}

/** Ties broken by email (as people read it, then exactly) and workspace, in the sort's direction. */
function byTiebreak<O>(
  qb: SelectQueryBuilder<Tables, 'accounts', O>,
  dialect: Dialect,
  order: 'asc' | 'desc',
): SelectQueryBuilder<Tables, 'accounts', O> {
  return qb
    .orderBy((e) => caseless(e, dialect, 'accounts.email'), order)
    .orderBy('accounts.email', order)
    .orderBy('accounts.workspace_id', order);
}

/**
 * The table's order: the sorted column (empty values last either way), then the tie-breaks in the same
 * direction, so that descending is ascending reversed (but for the empty values) and one index per
 * column serves both directions. `part` reads only the filled (or only the empty) values of a sort
 * that can have empty ones: each part is then one range of that index.
 */
export function inTableOrder<O>(
  qb: SelectQueryBuilder<Tables, 'accounts', O>,
  dialect: Dialect,
  sort: AccountSortKey,
  order: 'asc' | 'desc',
  part?: 'filled' | 'empty',
): SelectQueryBuilder<Tables, 'accounts', O> {
  if (sort === 'error')
    return byTiebreak(
      qb
        .orderBy((e) => severityRank(e), order)
        .orderBy('accounts.error_stale', order)
        // NULLs first ascending (last descending), as SQLite orders them; PostgreSQL is told so.
        .orderBy('accounts.error_cause', (ob) =>
          order === 'asc' ? ob.asc().nullsFirst() : ob.desc().nullsLast(),
        ),
      dialect,
      order,
    );
  // The email is the first tie-break already: named twice, it would not match its index.
  if (sort === 'email') return byTiebreak(qb, dialect, order);
  const value = sortValue(sort, dialect);
  if (part === 'empty')
    return byTiebreak(
      qb.where((e) => e(value(e), 'is', null)),
      dialect,
      order,
    );
  // The filled part has no empty value to place: a plain direction, which an index scan gives.
  if (part === 'filled')
    return byTiebreak(qb.where((e) => e(value(e), 'is not', null)).orderBy(value, order), dialect, order);
  return byTiebreak(
    qb.orderBy(value, (ob) => (order === 'desc' ? ob.desc() : ob.asc()).nullsLast()),
    dialect,
    order,
  );
}
