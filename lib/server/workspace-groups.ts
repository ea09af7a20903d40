import 'server-only';
import { listAccounts } from '@/lib/instantly/accounts';
import type { InstantlyClient } from '@/lib/instantly/client';
import { InstantlyError } from '@/lib/instantly/errors';
import { acceptedMembers, listGroupMembers } from '@/lib/instantly/workspace-group';
import { type GroupPreview, vaultIdOf } from '@/lib/schemas/api-workspaces';
import type { WorkspaceGroupMember } from '@/lib/schemas/instantly-workspace-group';
import type { Db } from '@/lib/store/connect';
import {
  type GroupWorkspaceRow,
  followGroup,
  groupWorkspacesOf,
  listGroupWorkspaces,
  listGroups,
  markGroupListed,
  putGroupWorkspaces,
  setGroupWorkspaceState,
} from '@/lib/store/workspace-groups';
import type { Person } from './auth/person';
import type { ResolvedWorkspace } from './workspaces';

// Agencies: one admin key, stored once, serves every client (sub) workspace of its Instantly group.
// Each client is a workspace of its own here (switcher, tables, triage, bulk, history, alerts, access
// limits), resolved to the admin's key plus `x-as-workspace`. Its calls take a slot of its own budget
// and of the admin key's shared cap (groupCapOf), because how Instantly counts them is not documented.

/** The bucket of an admin key's shared cap, for its own workspace and every client it serves. */
export const groupCapOf = (adminId: string) => `group:${adminId}`;

/**
 * The key's group, or [] when its workspace administers none. A 403/404 on the list means the same
 * (a key without the scope, an API without groups): such a key is added as a plain workspace.
 */
export async function groupMembersOf(
  client: InstantlyClient,
  signal?: AbortSignal,
): Promise<WorkspaceGroupMember[]> {
  try {
    return await listGroupMembers(client, signal);
  } catch (error) {
    if (error instanceof InstantlyError && (error.kind === 'forbidden' || error.kind === 'not-found'))
      return [];
    throw error;
  }
}

/** The preview a person chooses from: names, statuses, and a first page's account count per accepted client. */
export async function previewGroup(
  admin: { name: string; keyHint: string },
  members: readonly WorkspaceGroupMember[],
  clientAs: (subWorkspaceId: string) => InstantlyClient,
  stored: ReadonlySet<string>,
  signal?: AbortSignal,
): Promise<GroupPreview> {
  const clients = await Promise.all(
    members.map(async (member) => {
      const base = {
        subWorkspaceId: member.sub_workspace_id,
        name: member.sub_workspace_name || 'Unnamed client workspace',
        status: member.status,
        stored: stored.has(vaultIdOf(member.sub_workspace_id)),
      };
      if (member.status !== 'accepted') return { ...base, accounts: null, moreAccounts: false };
      // One page each: a 40-client group is counted in 40 calls, inside the admin key's cap.
      const page = await listAccounts(clientAs(member.sub_workspace_id), { limit: 100 }, signal).catch(
        (error: unknown) => {
          if (error instanceof InstantlyError && error.kind !== 'aborted') return null;
          throw error;
        },
      );
      return {
        ...base,
        accounts: page?.items.length ?? null,
        moreAccounts: page !== null && page.items.length === 100 && Boolean(page.next_starting_after),
      };
    }),
  );
  return { admin, clients };
}

/** Stores the chosen accepted clients of an admin key and follows its group. Returns their ids. */
export async function addGroupClients(
  db: Db,
  adminId: string,
  members: readonly WorkspaceGroupMember[],
  chosen: readonly string[],
  options: { autoAdd: boolean; by: Pick<Person, 'id' | 'name' | 'email'>; now: number },
): Promise<string[]> {
  const accepted = new Map(acceptedMembers(members).map((m) => [m.sub_workspace_id, m]));
  const rows = [...new Set(chosen)].flatMap((sub) => {
    const member = accepted.get(sub);
    return member ? [memberRow(adminId, member, options.by, options.now)] : [];
  });
  await followGroup(db, adminId, options.autoAdd);
  await putGroupWorkspaces(db, rows);
  await markGroupListed(db, adminId, options.now);
  return rows.map((r) => r.id);
}

const memberRow = (
  adminId: string,
  member: WorkspaceGroupMember,
  by: Pick<Person, 'id' | 'name' | 'email'>,
  now: number,
) => {
  const name = member.sub_workspace_name || 'Unnamed client workspace';
  return {
    id: vaultIdOf(member.sub_workspace_id),
    admin_id: adminId,
    sub_workspace_id: member.sub_workspace_id,
    name,
    label: name,
    added_by_id: by.id,
    added_by_name: by.name || by.email,
    added_at: new Date(now).toISOString(),
  };
};

/** Who added the clients of the server's INSTANTLY_API_KEY (nobody did: the configuration). */
export const SERVER_CONFIGURATION = { id: 'server', name: 'Server configuration', email: '' };

export interface GroupRefresh {
  added: string[];
  left: string[];
  back: string[];
}

/**
 * After an admin workspace's sync: Instantly's list again. Accepted clients not yet here are added
 * when the group's switch is on (never one a person removed); clients no longer accepted are marked
 * left (their index and history stay, no call is made as them); ones accepted again come back.
 * `follow` starts following a group not followed yet (the server's key turning out to be an admin's).
 */
export async function refreshGroup(
  db: Db,
  adminId: string,
  client: InstantlyClient,
  options: { now?: number; follow?: boolean; signal?: AbortSignal } = {},
): Promise<GroupRefresh | null> {
  const now = options.now ?? Date.now();
  let group = (await listGroups(db)).get(adminId);
  if (!group && !options.follow) return null;
  const members = await groupMembersOf(client, options.signal);
  if (!group) {
    if (members.length === 0) return null;
    await followGroup(db, adminId, true);
    group = { autoAdd: true, listedAt: null };
  }
  const known = new Map((await groupWorkspacesOf(db, adminId)).map((r) => [r.sub_workspace_id, r]));
  const accepted = new Map(acceptedMembers(members).map((m) => [m.sub_workspace_id, m]));
  const result: GroupRefresh = { added: [], left: [], back: [] };
  const fresh = [...accepted.values()].filter((m) => !known.has(m.sub_workspace_id));
  if (group.autoAdd && fresh.length > 0) {
    const by =
      adminId === 'server' ? SERVER_CONFIGURATION : { id: 'sync', name: 'Sync (joined later)', email: '' };
    await putGroupWorkspaces(
      db,
      fresh.map((m) => memberRow(adminId, m, by, now)),
    );
    result.added.push(...fresh.map((m) => vaultIdOf(m.sub_workspace_id)));
  }
  for (const row of known.values()) {
    if (row.removed_at !== null) continue;
    const member = accepted.get(row.sub_workspace_id);
    if (!member && row.left_at === null) {
      await setGroupWorkspaceState(db, row.id, { leftAt: now });
      result.left.push(row.id);
    } else if (member && row.left_at !== null) {
      await setGroupWorkspaceState(db, row.id, {
        leftAt: null,
        name: member.sub_workspace_name ?? undefined,
      });
      result.back.push(row.id);
    }
  }
  await markGroupListed(db, adminId, now);
  return result;
}

export interface GroupListing {
  rows: GroupWorkspaceRow[];
  groups: Awaited<ReturnType<typeof listGroups>>;
}

export async function loadGroupListing(db: Db): Promise<GroupListing> {
  return { rows: await listGroupWorkspaces(db), groups: await listGroups(db) };
}

/** A client workspace resolved to its admin's key, acting as it; null when it left the group. */
export function groupClientWorkspace(row: GroupWorkspaceRow, adminKey: string): ResolvedWorkspace | null {
  if (row.left_at !== null) return null;
  return {
    id: row.id,
    kind: 'user',
    name: row.name,
    label: row.label,
    apiKey: adminKey,
    asWorkspace: row.sub_workspace_id,
    groupCap: groupCapOf(row.admin_id),
  };
}
