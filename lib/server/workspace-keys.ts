import 'server-only';
import { acceptedMembers } from '@/lib/instantly/workspace-group';
import { type AddWorkspaceInput, type GroupPreview, vaultIdOf } from '@/lib/schemas/api-workspaces';
import type { WorkspaceGroupMember } from '@/lib/schemas/instantly-workspace-group';
import { countVaultRows, hasVaultRow } from '@/lib/store/vault';
import { followGroup, forgetGroup, listGroups, removeGroupWorkspace } from '@/lib/store/workspace-groups';
import { mayAccessWorkspace, requireRole } from './auth/person';
import { ProblemError } from './problem';
import { MAX_VAULT_WORKSPACES, addVaultWorkspace, removeVaultWorkspace } from './vault';
import { addGroupClients } from './workspace-groups';
import type { WorkspaceAccess } from './workspaces';

// Adding and removing vault keys: owner and admin only, and only for workspaces they may see. The
// key check itself (Instantly's GET /workspaces/current) is passed in, so the rules are tested
// without a network.

export { vaultIdOf } from '@/lib/schemas/api-workspaces';

type Verify = (key: string) => Promise<{ id: string; name: string }>;

/** What an admin key's group takes: its members (none: not an admin) and the preview to choose from. */
export interface GroupSteps {
  members: (key: string) => Promise<WorkspaceGroupMember[]>;
  preview: (key: string, admin: { name: string }, members: WorkspaceGroupMember[]) => Promise<GroupPreview>;
}

export type AddKeyResult = { stored: string; added: string[] } | { preview: GroupPreview };

/**
 * Verifies a pasted key, then seals it into the vault. An admin key (its workspace has a group) is
 * answered first with the group to choose from; with `clients` chosen, the key is stored once and
 * each chosen accepted client becomes a workspace that references it.
 */
export async function addWorkspaceKey(
  access: Pick<WorkspaceAccess, 'db' | 'person'>,
  input: AddWorkspaceInput,
  verify: Verify,
  now = Date.now(),
  group?: GroupSteps,
): Promise<AddKeyResult> {
  const { db, person } = access;
  requireRole(person, 'admin');
  if (person === null) throw new Error('requireRole lets nobody add a key in the open demo');
  const upstream = await verify(input.key);
  const members = group ? await group.members(input.key) : [];
  if (members.length === 0 && input.clients !== undefined) {
    throw new ProblemError({
      type: 'not-an-admin-key',
      title: 'This key has no client workspaces',
      detail:
        'Its workspace is not the admin of a workspace group in Instantly: add it without choosing clients.',
      status: 400,
      field: 'clients',
    });
  }
  if (members.length > 0 && group) {
    // One key for many clients: someone limited to chosen workspaces cannot add all of them.
    if (person.workspaceIds !== null) {
      throw new ProblemError({
        type: 'forbidden',
        title: 'An admin key serves many workspaces',
        detail: 'You are limited to chosen workspaces; ask the owner to add this agency key.',
        status: 403,
        field: 'key',
      });
    }
    if (input.clients === undefined) return { preview: await group.preview(input.key, upstream, members) };
    const accepted = new Set(acceptedMembers(members).map((m) => m.sub_workspace_id));
    const refused = input.clients.find((c) => !accepted.has(c));
    if (refused !== undefined) {
      throw new ProblemError({
        type: 'invalid-input',
        title: 'Not an accepted client workspace',
        detail: `Instantly does not list ${refused} as an accepted member of this key's workspace group (pending or rejected invitations cannot be acted on).`,
        status: 400,
        field: 'clients',
      });
    }
  }
  const stored = await storeVaultKey(access, input, upstream, now);
  if (members.length === 0 || input.clients === undefined) return { stored, added: [] };
  const added = await addGroupClients(db, stored, members, input.clients, {
    autoAdd: input.autoAdd ?? true,
    by: person,
    now,
  });
  return { stored, added };
}

async function storeVaultKey(
  { db, person }: Pick<WorkspaceAccess, 'db' | 'person'>,
  input: AddWorkspaceInput,
  upstream: { id: string; name: string },
  now: number,
): Promise<string> {
  if (person === null) throw new Error('requireRole lets nobody add a key in the open demo');
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

/**
 * Removes a vault workspace and its ciphertext (an admin key: with every client it served), or one
 * client workspace of an agency (the admin key stays; auto-add will not bring it back). Unknown and
 * out-of-reach ids answer alike: 404.
 */
export async function removeWorkspaceKey(
  { db, person }: Pick<WorkspaceAccess, 'db' | 'person'>,
  id: string,
  now = Date.now(),
): Promise<void> {
  requireRole(person, 'admin');
  const reachable = mayAccessWorkspace(person, id);
  if (reachable && (await removeGroupWorkspace(db, id, now))) return;
  if (reachable && (await hasVaultRow(db, id))) await forgetGroup(db, id);
  if (!reachable || !(await removeVaultWorkspace(db, id))) {
    throw new ProblemError({
      type: 'not-found',
      title: 'No such stored workspace',
      detail: 'Only workspaces whose key is stored in the vault can be removed.',
      status: 404,
    });
  }
}

/** An admin key's switch: accepted clients that join its group later are added at the next sync. */
export async function setGroupAutoAdd(
  { db, person }: Pick<WorkspaceAccess, 'db' | 'person'>,
  adminId: string,
  autoAdd: boolean,
): Promise<void> {
  requireRole(person, 'admin');
  if (!mayAccessWorkspace(person, adminId) || !(await listGroups(db)).has(adminId)) {
    throw new ProblemError({
      type: 'not-found',
      title: 'No such admin key',
      detail: 'Only a stored key that leads a workspace group has this switch.',
      status: 404,
    });
  }
  await followGroup(db, adminId, autoAdd);
}
