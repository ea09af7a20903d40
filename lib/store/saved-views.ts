import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import {
  type CreateSavedView,
  MAX_VIEWS_PER_PERSON,
  type SavedView,
  type UpdateSavedView,
  viewColumnsSchema,
} from '@/lib/schemas/api-saved-views';
import type { Db } from './connect';
import type { SavedViewsTable } from './schema';
import { inTransaction } from './transaction';

// Saved views of the accounts table. A person sees their own views and the ones others shared; only
// the one who made a view changes it (an admin may also delete a shared one, so a team's menu can be
// tidied). The open demo's visitor is owner '' (nobody has registered, so there is one visitor).

/** Who asks: a person's id ('' in the open demo), their name, and whether they may tidy shared views. */
export interface ViewOwner {
  id: string;
  name: string;
  admin: boolean;
}

export type ViewWriteRefusal = 'not-found' | 'not-yours' | 'name-taken' | 'too-many';
export type ViewWrite = { ok: true; view: SavedView } | { ok: false; refusal: ViewWriteRefusal };

const nameKey = (name: string) => name.trim().toLowerCase();

function viewOf(row: Selectable<SavedViewsTable>, owner: ViewOwner): SavedView {
  return {
    id: row.id,
    name: row.name,
    search: row.search,
    // Parsed with the schema: a stored value is read as the API would accept it, never trusted as is.
    columns: viewColumnsSchema.parse(JSON.parse(row.columns_json)),
    shared: row.shared === 1,
    mine: row.owner_id === owner.id,
    ownerName: row.owner_name,
    updatedAt: row.updated_at,
  };
}

/** The person's views and the shared ones, their own first, then by name; and their default view. */
export async function listSavedViews(
  db: Db,
  owner: ViewOwner,
): Promise<{ views: SavedView[]; defaultViewId: string | null }> {
  const [rows, fallback] = await Promise.all([
    db
      .selectFrom('saved_views')
      .selectAll()
      .where((eb) => eb.or([eb('owner_id', '=', owner.id), eb('shared', '=', 1)]))
      .execute(),
    db
      .selectFrom('saved_view_defaults')
      .select('view_id')
      .where('person_id', '=', owner.id)
      .executeTakeFirst(),
  ]);
  const views = rows
    .map((row) => viewOf(row, owner))
    .sort((a, b) => Number(b.mine) - Number(a.mine) || a.name.localeCompare(b.name, 'en'));
  // A default that was deleted, or unshared by its owner, is no default any more.
  const defaultViewId = views.some((v) => v.id === fallback?.view_id) ? (fallback?.view_id ?? null) : null;
  return { views, defaultViewId };
}

export async function createSavedView(
  db: Db,
  owner: ViewOwner,
  input: CreateSavedView,
  at: string,
): Promise<ViewWrite> {
  return inTransaction(db, async (trx) => {
    const mine = await trx
      .selectFrom('saved_views')
      .select(['name_key'])
      .where('owner_id', '=', owner.id)
      .execute();
    if (mine.some((v) => v.name_key === nameKey(input.name))) return { ok: false, refusal: 'name-taken' };
    if (mine.length >= MAX_VIEWS_PER_PERSON) return { ok: false, refusal: 'too-many' };
    const row = {
      id: `sv_${randomUUID()}`,
      owner_id: owner.id,
      owner_name: owner.name,
      name: input.name,
      name_key: nameKey(input.name),
      search: input.search,
      columns_json: JSON.stringify(input.columns),
      shared: input.shared ? 1 : 0,
      created_at: at,
      updated_at: at,
    };
    await trx.insertInto('saved_views').values(row).execute();
    if (input.makeDefault) await setDefaultRow(trx, owner.id, row.id);
    return { ok: true, view: viewOf(row, owner) };
  });
}

export async function updateSavedView(
  db: Db,
  owner: ViewOwner,
  id: string,
  patch: UpdateSavedView,
  at: string,
): Promise<ViewWrite> {
  return inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('saved_views').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || (row.owner_id !== owner.id && row.shared !== 1)) return { ok: false, refusal: 'not-found' };
    if (row.owner_id !== owner.id) return { ok: false, refusal: 'not-yours' };
    if (patch.name !== undefined && nameKey(patch.name) !== row.name_key) {
      const taken = await trx
        .selectFrom('saved_views')
        .select('id')
        .where('owner_id', '=', owner.id)
        .where('name_key', '=', nameKey(patch.name))
        .executeTakeFirst();
      if (taken) return { ok: false, refusal: 'name-taken' };
    }
    const next = {
      ...row,
      ...(patch.name !== undefined ? { name: patch.name, name_key: nameKey(patch.name) } : {}),
      ...(patch.search !== undefined ? { search: patch.search } : {}),
      ...(patch.columns !== undefined ? { columns_json: JSON.stringify(patch.columns) } : {}),
      ...(patch.shared !== undefined ? { shared: patch.shared ? 1 : 0 } : {}),
      updated_at: at,
    };
    await trx
      .updateTable('saved_views')
      .set({
        name: next.name,
        name_key: next.name_key,
        search: next.search,
        columns_json: next.columns_json,
        shared: next.shared,
        updated_at: at,
      })
      .where('id', '=', id)
      .execute();
    return { ok: true, view: viewOf(next, owner) };
  });
}

export async function deleteSavedView(
  db: Db,
  owner: ViewOwner,
  id: string,
): Promise<{ ok: true } | { ok: false; refusal: 'not-found' | 'not-yours' }> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('saved_views')
      .select(['owner_id', 'shared'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || (row.owner_id !== owner.id && row.shared !== 1)) return { ok: false, refusal: 'not-found' };
    if (row.owner_id !== owner.id && !owner.admin) return { ok: false, refusal: 'not-yours' };
    await trx.deleteFrom('saved_views').where('id', '=', id).execute();
    // Whoever had it as their default opens the plain table again.
    await trx.deleteFrom('saved_view_defaults').where('view_id', '=', id).execute();
    return { ok: true };
  });
}

/** Makes a view the person's default (one they can see), or clears it with null. */
export async function setDefaultView(
  db: Db,
  owner: ViewOwner,
  viewId: string | null,
): Promise<{ ok: true } | { ok: false; refusal: 'not-found' }> {
  return inTransaction(db, async (trx) => {
    if (viewId === null) {
      await trx.deleteFrom('saved_view_defaults').where('person_id', '=', owner.id).execute();
      return { ok: true };
    }
    const row = await trx
      .selectFrom('saved_views')
      .select(['owner_id', 'shared'])
      .where('id', '=', viewId)
      .executeTakeFirst();
    if (!row || (row.owner_id !== owner.id && row.shared !== 1)) return { ok: false, refusal: 'not-found' };
    await setDefaultRow(trx, owner.id, viewId);
    return { ok: true };
  });
}

async function setDefaultRow(db: Db, personId: string, viewId: string) {
  await db
    .insertInto('saved_view_defaults')
    .values({ person_id: personId, view_id: viewId })
    .onConflict((oc) => oc.column('person_id').doUpdateSet({ view_id: viewId }))
    .execute();
}
