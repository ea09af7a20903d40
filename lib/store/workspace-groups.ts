import 'server-only';
import type { Insertable, Selectable } from 'kysely';
import type { Db } from './connect';
import type { GroupWorkspacesTable } from './schema';

// Agencies' rows (migration 22): which admin keys' groups are followed, and their client workspaces.
// No key is here: a client workspace names its admin, whose key is the vault's (or the server's).

export type GroupWorkspaceRow = Selectable<GroupWorkspacesTable>;
export type NewGroupWorkspace = Omit<Insertable<GroupWorkspacesTable>, 'left_at' | 'removed_at'>;

export async function followGroup(db: Db, adminId: string, autoAdd: boolean): Promise<void> {
  await db
    .insertInto('workspace_groups')
    .values({ admin_id: adminId, auto_add: autoAdd ? 1 : 0 })
    .onConflict((oc) => oc.column('admin_id').doUpdateSet({ auto_add: autoAdd ? 1 : 0 }))
    .execute();
}

/** The followed groups: admin id → whether later members are added by themselves. */
export async function listGroups(
  db: Db,
): Promise<Map<string, { autoAdd: boolean; listedAt: number | null }>> {
  const rows = await db.selectFrom('workspace_groups').selectAll().execute();
  return new Map(rows.map((r) => [r.admin_id, { autoAdd: r.auto_add === 1, listedAt: r.listed_at }]));
}

export async function markGroupListed(db: Db, adminId: string, now: number): Promise<void> {
  await db.updateTable('workspace_groups').set({ listed_at: now }).where('admin_id', '=', adminId).execute();
}

/** Every client workspace a person has not removed: in the order added, by name within one addition. */
export async function listGroupWorkspaces(db: Db): Promise<GroupWorkspaceRow[]> {
  return db
    .selectFrom('group_workspaces')
    .selectAll()
    .where('removed_at', 'is', null)
    .orderBy('added_at')
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** All rows of one admin, removed ones too (so auto-add can skip them). */
export async function groupWorkspacesOf(db: Db, adminId: string): Promise<GroupWorkspaceRow[]> {
  return db.selectFrom('group_workspaces').selectAll().where('admin_id', '=', adminId).execute();
}

/**
 * Adds client workspaces, or brings back ones a person removed or that had left (an explicit choice),
 * with their current name. Their label is kept once set.
 */
export async function putGroupWorkspaces(db: Db, rows: readonly NewGroupWorkspace[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('group_workspaces')
    .values(rows.map((r) => ({ ...r, left_at: null, removed_at: null })))
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        left_at: null,
        removed_at: null,
      })),
    )
    .execute();
}

/** Instantly's list said it again (accepted, with this name) or no longer (left). */
export async function setGroupWorkspaceState(
  db: Db,
  id: string,
  change: { name?: string; leftAt: number | null },
): Promise<void> {
  await db
    .updateTable('group_workspaces')
    .set({ left_at: change.leftAt, ...(change.name === undefined ? {} : { name: change.name }) })
    .where('id', '=', id)
    .execute();
}

/** A person removed one client workspace: it stays out until someone adds it again. */
export async function removeGroupWorkspace(db: Db, id: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('group_workspaces')
    .set({ removed_at: now })
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The admin key was removed: its group and every client workspace it served go with it. */
export async function forgetGroup(db: Db, adminId: string): Promise<void> {
  await db.deleteFrom('group_workspaces').where('admin_id', '=', adminId).execute();
  await db.deleteFrom('workspace_groups').where('admin_id', '=', adminId).execute();
}
