import 'server-only';
import { z } from 'zod';
import type { Db } from '@/lib/store/db';
import {
  type VaultRow,
  deleteVaultRow,
  insertVaultRowIfAbsent,
  listVaultRows,
  putVaultRow,
  resealVaultRow,
} from '@/lib/store/vault';
import type { Person } from './auth/person';
import { type UnsealResult, seal, unseal } from './keyring';
import type { SealingKey } from './secret';
import { getSealingKeys } from './session';
import { groupCapOf } from './workspace-groups';
import type { ResolvedWorkspace } from './workspaces';

// The key vault: Instantly keys kept in the database, sealed with the keyring under the server
// secret. The purpose binds a ciphertext to its row, so one copied into another row does not open.

/** Enough for any agency; a bound so one admin cannot fill the table without end. */
export const MAX_VAULT_WORKSPACES = 100;

const purposeOf = (id: string) => `vault:${id}`;
const sealedKeySchema = z.string().min(8).max(400);

/** A stored workspace as the dashboard may show it, with its key when it still opens. */
export interface VaultEntry {
  id: string;
  name: string;
  label: string;
  last4: string;
  addedById: string;
  addedByName: string;
  addedAt: string;
  /** null: the row no longer opens (secret lost, row damaged): the key must be entered again. */
  apiKey: string | null;
  unreadable: Exclude<UnsealResult, { ok: true }>['reason'] | 'shape' | null;
}

export function sealVaultKey(
  id: string,
  apiKey: string,
  keys: readonly SealingKey[] = getSealingKeys(),
): { sealed_key: string; sealing_key_id: string } {
  const current = keys[0];
  if (!current) throw new Error('no sealing key');
  return { sealed_key: seal(apiKey, current, purposeOf(id)), sealing_key_id: current.id };
}

/** Opens one row; fails closed on any change, a swapped row or a secret no longer held. */
export function openVaultRow(
  row: Pick<VaultRow, 'id' | 'sealed_key'>,
  keys: readonly SealingKey[] = getSealingKeys(),
): { ok: true; apiKey: string } | { ok: false; reason: NonNullable<VaultEntry['unreadable']> } {
  const opened = unseal(row.sealed_key, keys, purposeOf(row.id));
  if (!opened.ok) return opened;
  const key = sealedKeySchema.safeParse(opened.value);
  return key.success ? { ok: true, apiKey: key.data } : { ok: false, reason: 'shape' };
}

/**
 * Every stored workspace, opened. A row sealed under the previous secret (DASHBOARD_SECRET_PREVIOUS)
 * is resealed under the current one on the way, so the previous secret can be retired once every row
 * has been read once.
 */
export async function vaultEntries(
  db: Db,
  keys: readonly SealingKey[] = getSealingKeys(),
): Promise<VaultEntry[]> {
  const rows = await listVaultRows(db);
  const current = keys[0];
  const entries: VaultEntry[] = [];
  for (const row of rows) {
    const opened = openVaultRow(row, keys);
    if (opened.ok && current && row.sealing_key_id !== current.id) {
      await resealVaultRow(db, row.id, row.sealed_key, sealVaultKey(row.id, opened.apiKey, keys));
    }
    entries.push({
      id: row.id,
      name: row.name,
      label: row.label,
      last4: row.key_last4,
      addedById: row.added_by_id,
      addedByName: row.added_by_name,
      addedAt: row.added_at,
      apiKey: opened.ok ? opened.apiKey : null,
      unreadable: opened.ok ? null : opened.reason,
    });
  }
  return entries;
}

/** A stored workspace to act on; an admin key's (`isGroupAdmin`) also takes its group's shared cap. */
export const vaultWorkspace = (
  entry: VaultEntry & { apiKey: string },
  isGroupAdmin = false,
): ResolvedWorkspace => ({
  id: entry.id,
  kind: 'user',
  name: entry.name,
  label: entry.label,
  apiKey: entry.apiKey,
  ...(isGroupAdmin ? { groupCap: groupCapOf(entry.id) } : {}),
});

export interface NewVaultWorkspace {
  id: string;
  name: string;
  label: string;
  apiKey: string;
}

interface AddOptions {
  keys?: readonly SealingKey[];
  now?: number;
  /** false: keep the key of a workspace stored already (a key moved from a cookie may be older). */
  replace?: boolean;
}

/**
 * Seals and stores a verified key, replacing the key of a workspace stored already unless
 * `replace: false`. Returns whether the row was written.
 */
export async function addVaultWorkspace(
  db: Db,
  workspace: NewVaultWorkspace,
  by: Pick<Person, 'id' | 'name' | 'email'>,
  options: AddOptions = {},
): Promise<boolean> {
  const row = {
    id: workspace.id,
    name: workspace.name,
    label: workspace.label,
    ...sealVaultKey(workspace.id, workspace.apiKey, options.keys),
    key_last4: workspace.apiKey.slice(-4),
    added_by_id: by.id,
    added_by_name: by.name || by.email,
    added_at: new Date(options.now ?? Date.now()).toISOString(),
  };
  if (options.replace === false) return insertVaultRowIfAbsent(db, row);
  await putVaultRow(db, row);
  return true;
}

/** Deletes a stored workspace and its ciphertext. */
export const removeVaultWorkspace = (db: Db, id: string): Promise<boolean> => deleteVaultRow(db, id);

/** Every stored workspace whose key opens (admin keys as plain workspaces; their clients: background-workspaces). */
export async function listVaultWorkspaces(db: Db): Promise<ResolvedWorkspace[]> {
  return (await vaultEntries(db))
    .filter((e): e is VaultEntry & { apiKey: string } => e.apiKey !== null)
    .map((entry) => vaultWorkspace(entry));
}
