import 'server-only';
import { type CompiledQuery, type Expression, type SqlBool, sql } from 'kysely';
import { causeCatalog, type CauseId } from '@/lib/diagnostics/cause-catalog';
import { describeAccountStatus, describeWarmupStatus, providerLabel } from '@/lib/diagnostics/account-status';
import { FACET_KEYS, type FacetKey, type FacetValue } from '@/lib/schemas/api-accounts';
import { clausesOf, type IndexFilters } from './account-clauses';
import { type Db, dialectOf } from './connect';
import { cachedQuery } from './query-cache';

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
  return cachedQuery(
    db,
    filters.workspaceIds,
    `facets:${JSON.stringify([filters, [...workspaceLabels]])}`,
    () => computeFacets(db, filters, workspaceLabels),
  );
}

/** The column of the materialised table below that each facet counts. */
const facetColumns = [
  ['workspace', 'base.workspace_id'],
  ['status', 'base.status'],
  ['warmup', 'base.warmup_status'],
  ['provider', 'base.provider_code'],
  ['domain', 'base.domain'],
  ['cause', 'base.cause'],
  ['error', 'base.error'],
] as const satisfies ReadonlyArray<readonly [Exclude<FacetKey, 'tag'>, string]>;

const isFacetKey = (value: string): value is FacetKey => (FACET_KEYS as readonly string[]).includes(value);

interface FacetRow {
  facet: string;
  value: string | null;
  label: string | null;
  count: number;
}

// A new filter's facets are counted once and cached, but every new search term or tick is a new
// filter: building and compiling the statement (eight grouped selects over a materialised table) cost
// as much as running it at 500 accounts. So it is compiled once per shape, the SQL of the filter
// clauses, and run again with the new values.
const facetStatements = new Map<string, { statement: CompiledQuery<FacetRow>; suffix: readonly unknown[] }>();

/** The facet statement for these filters, from the cache when their clauses have the same SQL. */
function facetStatement(db: Db, filters: IndexFilters): CompiledQuery<FacetRow> {
  const clauses = clausesOf(filters, dialectOf(db));
  // The clauses alone, in the order the statement below holds them: their SQL is the shape, their
  // parameters the statement's first ones.
  const probe = db
    .selectFrom('accounts')
    .select((eb) => clauses.filter((c) => c.facet !== null).map((c, i) => c.where(eb).as(`f${i}`)))
    .where((eb) => eb.and(clauses.filter((c) => c.facet === null).map((c) => c.where(eb))))
    .compile();
  const shape = `${dialectOf(db)}:${probe.sql}`;
  const cached = facetStatements.get(shape);
  if (cached) return { ...cached.statement, parameters: [...probe.parameters, ...cached.suffix] };
  const statement = buildFacetStatement(db, clauses);
  // Kept only when the clauses' parameters do come first, in the same order.
  const prefix = statement.parameters.slice(0, probe.parameters.length);
  if (prefix.every((value, i) => value === probe.parameters[i]) && facetStatements.size < 64)
    facetStatements.set(shape, { statement, suffix: statement.parameters.slice(probe.parameters.length) });
  return statement;
}

function buildFacetStatement(db: Db, clauses: ReturnType<typeof clausesOf>): CompiledQuery<FacetRow> {
  const always = clauses.filter((c) => c.facet === null);
  const flagged = clauses.filter((c) => c.facet !== null);
  // The flags are columns named f0, f1, … of the materialised table: names Kysely cannot know.
  const passesAllBut = (facet: FacetKey | null): Array<Expression<SqlBool>> =>
    flagged.flatMap((c, i) => (c.facet === facet ? [] : [sql<SqlBool>`${sql.ref(`base.f${i}`)}`]));
  const noLabel = sql<string | null>`cast(null as text)`;

  return db
    .with(
      (cte) => cte('base').materialized(),
      (qb) =>
        qb
          .selectFrom('accounts')
          .select((eb) => [
            'accounts.workspace_id',
            'accounts.email',
            'accounts.status',
            'accounts.warmup_status',
            'accounts.provider_code',
            'accounts.domain',
            eb.fn.coalesce('accounts.error_cause', sql.lit('none')).as('cause'),
            eb
              .case()
              .when('accounts.has_error', '=', sql.lit(1))
              .then(sql.lit('yes'))
              .else(sql.lit('no'))
              .end()
              .as('error'),
            eb('accounts.tags_json', '=', sql.lit('[]')).as('untagged'),
            // Constants above are literals, so the clauses' values are the statement's first parameters.
            ...flagged.map((c, i) => c.where(eb).as(`f${i}`)),
          ])
          .where((eb) => eb.and(always.map((c) => c.where(eb)))),
    )
    .selectFrom('base')
    .select((eb) => [
      sql.lit<string>('total').as('facet'),
      sql<string | null>`cast(null as text)`.as('value'),
      noLabel.as('label'),
      eb.fn.countAll<number>().as('count'),
    ])
    .where((eb) => eb.and(passesAllBut(null)))
    .unionAll((eb) => [
      ...facetColumns.map(([facet, column]) =>
        eb
          .selectFrom('base')
          .select((eb) => [
            sql.lit<string>(facet).as('facet'),
            eb.cast<string | null>(column, 'text').as('value'),
            noLabel.as('label'),
            eb.fn.countAll<number>().as('count'),
          ])
          .where((eb) => eb.and([...passesAllBut(facet), eb(column, 'is not', null)]))
          .groupBy(column),
      ),
      eb
        .selectFrom('base')
        .innerJoin('account_tags as t', (join) =>
          join.onRef('t.workspace_id', '=', 'base.workspace_id').onRef('t.email', '=', 'base.email'),
        )
        .select((eb) => [
          sql.lit<string>('tag').as('facet'),
          eb.cast<string | null>('t.tag_id', 'text').as('value'),
          eb.fn.max<string | null>('t.label').as('label'),
          eb.fn.countAll<number>().as('count'),
        ])
        .where((eb) => eb.and(passesAllBut('tag')))
        .groupBy('t.tag_id'),
      eb
        .selectFrom('base')
        .select((eb) => [
          sql.lit<string>('tag').as('facet'),
          sql<string | null>`cast('none' as text)`.as('value'),
          sql<string | null>`cast('No tag' as text)`.as('label'),
          eb.fn.countAll<number>().as('count'),
        ])
        .where((eb) => eb.and([...passesAllBut('tag'), sql<SqlBool>`${sql.ref('base.untagged')}`]))
        .having((eb) => eb(eb.fn.countAll(), '>', 0)),
    ])
    .compile();
}

/**
 * Every facet from one statement: the accounts in scope are read once into a small materialised table
 * that carries, per filter, whether the row passes it (the same clauses the row query uses); each facet
 * then groups that table by its column over the rows that pass every filter but its own.
 */
async function computeFacets(
  db: Db,
  filters: IndexFilters,
  workspaceLabels: ReadonlyMap<string, string>,
): Promise<{ total: number; facets: Record<FacetKey, FacetValue[]> }> {
  const facets = Object.fromEntries(FACET_KEYS.map((f) => [f, [] as FacetValue[]])) as Record<
    FacetKey,
    FacetValue[]
  >;
  if (filters.workspaceIds.length === 0) return { total: 0, facets };
  const { rows } = await db.executeQuery(facetStatement(db, filters));

  let total = 0;
  for (const row of rows) {
    const facet = row.facet;
    if (facet === 'total') total = Number(row.count);
    else if (isFacetKey(facet)) {
      const value = String(row.value);
      facets[facet].push({
        value,
        label: row.label ?? facetLabel(facet, value, workspaceLabels),
        count: Number(row.count),
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
