import 'server-only';
import type { CompiledQuery } from 'kysely';
import type { AccountRow, AccountSortKey } from '@/lib/schemas/api-accounts';
import { inTableOrder, type IndexFilters, NULLABLE_SORTS, sortValue, whereOf } from './account-clauses';
import { type AccountRecord, toRow } from './account-record';
import { type Db, dialectOf } from './connect';
import { cachedQuery } from './query-cache';

export type { IndexFilters } from './account-clauses';
export { accountFacets } from './account-facets';

interface Key {
  workspaceId: string;
  email: string;
}

type Page = { sort: AccountSortKey; order: 'asc' | 'desc'; offset: number; limit: number };

/**
 * The keys of one window, straight from the database in a sort index's order (migration 26): the
 * statement reads only the index (it carries the keys and the common filter columns), stepping over
 * `offset` entries, so no order of the whole view is built or kept in this process. `part` is the
 * filled or the empty range of a sort column that can be empty.
 */
async function windowKeys(
  db: Db,
  filters: IndexFilters,
  page: Page,
  part?: 'filled' | 'empty',
): Promise<Key[]> {
  if (page.limit <= 0) return [];
  const dialect = dialectOf(db);
  const rows = await inTableOrder(
    db
      .selectFrom('accounts')
      .select(['accounts.workspace_id', 'accounts.email'])
      .where(whereOf(filters, dialect, undefined, { scanInOrder: true })),
    dialect,
    page.sort,
    page.order,
    part,
  )
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => ({ workspaceId: r.workspace_id, email: r.email }));
}

/** How many matching accounts have the sort column filled, cached like every other answer. */
function countFilled(db: Db, filters: IndexFilters, sort: Exclude<AccountSortKey, 'error'>): Promise<number> {
  return cachedQuery(db, filters.workspaceIds, `filled:${sort}:${JSON.stringify(filters)}`, async () => {
    const dialect = dialectOf(db);
    const value = sortValue(sort, dialect);
    const row = await db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where(whereOf(filters, dialect))
      .where((eb) => eb(value(eb), 'is not', null))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  });
}

/**
 * A window's keys in table order. A sort column that can be empty has its empty values last in both
 * directions, which no single index scan gives: the window is read from the filled range, and what it
 * lacks from the empty range (how many are filled is counted only when a window starts past them).
 */
async function keysOfWindow(db: Db, filters: IndexFilters, page: Page): Promise<Key[]> {
  const { sort } = page;
  if (sort === 'error' || !NULLABLE_SORTS.has(sort)) return windowKeys(db, filters, page);
  const filled = await windowKeys(db, filters, page, 'filled');
  if (filled.length === page.limit) return filled;
  const skipped = filled.length > 0 ? 0 : Math.max(0, page.offset - (await countFilled(db, filters, sort)));
  const empty = await windowKeys(
    db,
    filters,
    { ...page, offset: skipped, limit: page.limit - filled.length },
    'empty',
  );
  return [...filled, ...empty];
}

// A window is read by key many times a second while a person scrolls; building and compiling that
// statement (a hundred values) cost more than running it, so it is compiled once per shape (how many
// emails per workspace) and run again with new values.
const byKeyStatements = new Map<string, CompiledQuery<AccountRecord>>();

/** The rows of `keys`, in the keys' order, from one statement (a key removed meanwhile is skipped). */
async function rowsByKey(db: Db, keys: readonly Key[]): Promise<AccountRecord[]> {
  if (keys.length === 0) return [];
  const byWorkspace = new Map<string, string[]>();
  for (const { workspaceId, email } of keys) {
    const emails = byWorkspace.get(workspaceId);
    if (emails) emails.push(email);
    else byWorkspace.set(workspaceId, [email]);
  }
  const groups = [...byWorkspace];
  const shape = `${dialectOf(db)}:${groups.map(([, emails]) => emails.length).join(',')}`;
  const parameters = groups.flatMap(([workspaceId, emails]) => [workspaceId, ...emails]);
  let statement = byKeyStatements.get(shape);
  if (statement) statement = { ...statement, parameters };
  else {
    statement = db
      .selectFrom('accounts')
      .selectAll()
      .where((eb) =>
        eb.or(
          groups.map(([workspaceId, emails]) =>
            eb.and([eb('workspace_id', '=', workspaceId), eb('email', 'in', emails)]),
          ),
        ),
      )
      .compile();
    // Kept only when its parameters are exactly the values in the order assumed above.
    const same =
      statement.parameters.length === parameters.length &&
      statement.parameters.every((value, i) => value === parameters[i]);
    if (same && byKeyStatements.size < 64) byKeyStatements.set(shape, statement);
  }
  const { rows } = await db.executeQuery(statement);
  const found = new Map(rows.map((r) => [`${r.workspace_id}\n${r.email}`, r]));
  return keys.flatMap((k) => found.get(`${k.workspaceId}\n${k.email}`) ?? []);
}

/** How many accounts match the filters, cached with the same versions as every other answer. */
function countMatching(db: Db, filters: IndexFilters): Promise<number> {
  return cachedQuery(db, filters.workspaceIds, `count:${JSON.stringify(filters)}`, async () => {
    const row = await db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where(whereOf(filters, dialectOf(db)))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  });
}

export async function queryAccountRows(
  db: Db,
  filters: IndexFilters,
  page: Page,
): Promise<{ rows: AccountRow[]; total: number }> {
  if (filters.workspaceIds.length === 0) return { rows: [], total: 0 };
  const total = await countMatching(db, filters);
  const records = page.offset < total ? await rowsByKey(db, await keysOfWindow(db, filters, page)) : [];
  return { rows: records.map(toRow), total };
}

/**
 * Every matching key in table order, read for this one call (select all, an export) and not kept:
 * no order of a whole view stays in memory between requests.
 */
async function orderedKeys(
  db: Db,
  filters: IndexFilters,
  sort: AccountSortKey,
  order: 'asc' | 'desc',
): Promise<Key[]> {
  const dialect = dialectOf(db);
  const rows = await inTableOrder(
    db
      .selectFrom('accounts')
      .select(['accounts.workspace_id', 'accounts.email'])
      .where(whereOf(filters, dialect)),
    dialect,
    sort,
    order,
  ).execute();
  return rows.map((r) => ({ workspaceId: r.workspace_id, email: r.email }));
}

/** Every (workspace, email) matching the filters, in table order: "select all matching" and exports. */
export async function matchingAccountKeys(
  db: Db,
  filters: IndexFilters,
  sort: AccountSortKey = 'email',
  order: 'asc' | 'desc' = 'asc',
): Promise<Array<{ workspaceId: string; email: string }>> {
  if (filters.workspaceIds.length === 0) return [];
  return (await orderedKeys(db, filters, sort, order)).map(({ workspaceId, email }) => ({
    workspaceId,
    email,
  }));
}

/** Rows per page of an export: each page is one short statement by key. */
export const EXPORT_PAGE = 500;

/**
 * Rows matching the filters in table order, for the CSV export of the whole filtered set. The view is
 * fixed when this resolves (the keys, in the order the table shows them); the rows are then read a
 * page at a time as the caller iterates, each page its own short statement, so nothing is held open
 * while a slow download waits and every write meanwhile goes through. A row changed meanwhile is
 * exported as it is when its page is read; one removed meanwhile is left out.
 */
export async function iterateAccountRows(
  db: Db,
  filters: IndexFilters,
  sort: AccountSortKey,
  order: 'asc' | 'desc',
  pageSize = EXPORT_PAGE,
): Promise<AsyncGenerator<AccountRow>> {
  const keys = filters.workspaceIds.length === 0 ? [] : await orderedKeys(db, filters, sort, order);
  return (async function* pages() {
    for (let i = 0; i < keys.length; i += pageSize) {
      const records = await rowsByKey(db, keys.slice(i, i + pageSize));
      yield* records.map(toRow);
    }
  })();
}
