import 'server-only';
import type { CompiledQuery } from 'kysely';
import type { AccountRow, AccountSortKey } from '@/lib/schemas/api-accounts';
import { inTableOrder, type IndexFilters, whereOf } from './account-clauses';
import { type AccountRecord, toRow } from './account-record';
import { type Db, dialectOf } from './connect';
import { cachedAnswer, cachedQuery } from './query-cache';

export type { IndexFilters } from './account-clauses';
export { accountFacets } from './account-facets';

interface Key {
  workspaceId: string;
  email: string;
}

/**
 * Every matching account's key in table order, cached until the workspaces' index changes: scrolling
 * a view asks for many windows of the same order, and each then costs a slice and one read by key.
 */
const orderKey = (filters: IndexFilters, sort: AccountSortKey, order: 'asc' | 'desc') =>
  `keys:${JSON.stringify([filters, sort, order])}`;

function orderedKeys(
  db: Db,
  filters: IndexFilters,
  sort: AccountSortKey,
  order: 'asc' | 'desc',
): Promise<readonly Key[]> {
  return cachedQuery(db, filters.workspaceIds, orderKey(filters, sort, order), async () => {
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
  });
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

/**
 * Windows ending within this many rows of the top are read with LIMIT/OFFSET: the database keeps only
 * the best rows while it scans (a top-N sort), so a new view's first screens never build the whole
 * ordered list in this process. Deeper windows come from the cached order, which makes scrolling far
 * down a slice.
 */
export const TOP_WINDOW_ROWS = 300;

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

/** One window near the top of the order, straight from the database. */
async function topWindow(
  db: Db,
  filters: IndexFilters,
  page: { sort: AccountSortKey; order: 'asc' | 'desc'; offset: number; limit: number },
): Promise<AccountRecord[]> {
  const dialect = dialectOf(db);
  return inTableOrder(
    db.selectFrom('accounts').selectAll().where(whereOf(filters, dialect)),
    dialect,
    page.sort,
    page.order,
  )
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function queryAccountRows(
  db: Db,
  filters: IndexFilters,
  page: { sort: AccountSortKey; order: 'asc' | 'desc'; offset: number; limit: number },
): Promise<{ rows: AccountRow[]; total: number }> {
  if (filters.workspaceIds.length === 0) return { rows: [], total: 0 };
  // Once the order is at hand (the view was scrolled deeper), every window is a slice of it, the top
  // ones too: a read by key is cheaper than sorting the matching rows again.
  const known = await cachedAnswer<readonly Key[]>(
    db,
    filters.workspaceIds,
    orderKey(filters, page.sort, page.order),
  );
  if (known) {
    const records = await rowsByKey(db, known.slice(page.offset, page.offset + page.limit));
    return { rows: records.map(toRow), total: known.length };
  }
  if (page.offset + page.limit <= TOP_WINDOW_ROWS) {
    const total = await countMatching(db, filters);
    const records = page.offset < total ? await topWindow(db, filters, page) : [];
    return { rows: records.map(toRow), total };
  }
  const keys = await orderedKeys(db, filters, page.sort, page.order);
  const records = await rowsByKey(db, keys.slice(page.offset, page.offset + page.limit));
  return { rows: records.map(toRow), total: keys.length };
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
