import 'server-only';
import type { Insertable, Selectable } from 'kysely';
import type { Db } from './connect';
import type { VaultWorkspacesTable } from './schema';

// The key vault's rows. Sealing and opening are lib/server/vault.ts's: here the key is only ever an
// opaque sealed string.

export type VaultRow = Selectable<VaultWorkspacesTable>;

export async function listVaultRows(db: Db): Promise<VaultRow[]> {
  return db.selectFrom('vault_workspaces').selectAll().orderBy('added_at').orderBy('id').execute();
}

export async function countVaultRows(db: Db): Promise<number> {
  const row = await db
    .selectFrom('vault_workspaces')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function hasVaultRow(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom('vault_workspaces').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** Adds a workspace, or replaces the key (and label) of one already stored under that id. */
export async function putVaultRow(db: Db, row: Insertable<VaultWorkspacesTable>): Promise<void> {
  await db
    .insertInto('vault_workspaces')
    .values(row)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        label: eb.ref('excluded.label'),
        sealed_key: eb.ref('excluded.sealed_key'),
        sealing_key_id: eb.ref('excluded.sealing_key_id'),
        key_last4: eb.ref('excluded.key_last4'),
        added_by_id: eb.ref('excluded.added_by_id'),
        added_by_name: eb.ref('excluded.added_by_name'),
        added_at: eb.ref('excluded.added_at'),
      })),
    )
    .execute();
}

/** Adds a workspace unless one is stored under that id already (whose key then stays). */
export async function insertVaultRowIfAbsent(
  db: Db,
  row: Insertable<VaultWorkspacesTable>,
): Promise<boolean> {
  const result = await db
    .insertInto('vault_workspaces')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return result !== undefined;
}

/**
 * Swaps a row's ciphertext for the same key sealed under another secret, only if the row still holds
 * `previous`: a key replaced meanwhile (by another request or process) is never overwritten.
 */
export async function resealVaultRow(
  db: Db,
  id: string,
  previous: string,
  next: { sealed_key: string; sealing_key_id: string },
): Promise<boolean> {
  const result = await db
    .updateTable('vault_workspaces')
    .set(next)
    .where('id', '=', id)
    .where('sealed_key', '=', previous)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Deletes the row, and with it the only copy of its ciphertext. */
export async function deleteVaultRow(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('vault_workspaces').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
