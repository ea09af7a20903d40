import 'server-only';
import type { AddWorkspaceInput } from '@/lib/schemas/api-workspaces';
import { countVaultRows, hasVaultRow } from '@/lib/store/vault';
import { mayAccessWorkspace, requireRole } from './auth/person';
import { ProblemError } from './problem';
import { MAX_VAULT_WORKSPACES, addVaultWorkspace, removeVaultWorkspace } from './vault';
import type { WorkspaceAccess } from './workspaces';

// Adding and removing vault keys: owner and admin only, and only for workspaces they may see. The
// key check itself (Instantly's GET /workspaces/current) is passed in, so the rules are tested
// without a network.

/** Our id for an Instantly workspace. */
export const vaultIdOf = (instantlyId: string) =>
  `ws_${instantlyId.replace(/[^A-Za-z0-9-]/g, '').slice(0, 64)}`;

type Verify = (key: string) => Promise<{ id: string; name: string }>;

/** Verifies a pasted key, then seals it into the vault. Returns the workspace's id. */
export async function addWorkspaceKey(
  { db, person }: Pick<WorkspaceAccess, 'db' | 'person'>,
  input: AddWorkspaceInput,
  verify: Verify,
  now = Date.now(),
): Promise<string> {
  requireRole(person, 'admin');
  if (person === null) throw new Error('requireRole lets nobody add a key in the open demo');
  const upstream = await verify(input.key);
  const id = vaultIdOf(upstream.id);
  if (!mayAccessWorkspace(person, id)) {
    throw new ProblemError({
      type: 'forbidden',
      title: 'This key is for a workspace you do not manage',
      detail: 'You are limited to chosen workspaces; ask the owner to add this one.',
      status: 403,
      field: 'key',
    });
  }
  if (!(await hasVaultRow(db, id)) && (await countVaultRows(db)) >= MAX_VAULT_WORKSPACES) {
    throw new ProblemError({
      type: 'too-many-workspaces',
      title: 'Too many workspaces',
      detail: `Up to ${MAX_VAULT_WORKSPACES} keys can be stored. Remove one first.`,
      status: 409,
    });
  }
  const name = upstream.name || 'Instantly workspace';
  await addVaultWorkspace(db, { id, name, label: input.label || name, apiKey: input.key }, person, { now });
  return id;
}

/** Removes a vault workspace and its ciphertext. Unknown and out-of-reach ids answer alike: 404. */
export async function removeWorkspaceKey(
  { db, person }: Pick<WorkspaceAccess, 'db' | 'person'>,
  id: string,
): Promise<void> {
  requireRole(person, 'admin');
  if (!mayAccessWorkspace(person, id) || !(await removeVaultWorkspace(db, id))) {
    throw new ProblemError({
      type: 'not-found',
      title: 'No such stored workspace',
      detail: 'Only workspaces whose key is stored in the vault can be removed.',
      status: 404,
    });
  }
}
