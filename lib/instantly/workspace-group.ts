import 'server-only';
import {
  type WorkspaceGroupMember,
  workspaceGroupMemberListSchema,
} from '@/lib/schemas/instantly-workspace-group';
import type { InstantlyClient } from './client';
import { InstantlyError } from './errors';

// An admin workspace's group of sub workspaces (agencies: one per client), REFERENCE §1.1a.

export const GROUP_MEMBERS_PATH = '/workspace-group-members';

export function listGroupMembersPage(
  client: InstantlyClient,
  params: { limit?: number; starting_after?: string } = {},
  signal?: AbortSignal,
) {
  return client.request({
    method: 'GET',
    path: GROUP_MEMBERS_PATH,
    query: { limit: 100, ...params },
    schema: workspaceGroupMemberListSchema,
    signal,
  });
}

/**
 * Every member of the key's group, all pages (an empty list: the key's workspace is no admin). Stops
 * on an empty page, a missing cursor or a repeated one, as the account walk does.
 */
export async function listGroupMembers(
  client: InstantlyClient,
  signal?: AbortSignal,
): Promise<WorkspaceGroupMember[]> {
  const members: WorkspaceGroupMember[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const page = await listGroupMembersPage(client, { starting_after: cursor }, signal);
    members.push(...page.items);
    const next = page.next_starting_after ?? undefined;
    if (page.items.length === 0 || !next || seen.has(next)) return members;
    seen.add(next);
    cursor = next;
  }
}

/** Only accepted members can be acted on: pending and rejected invitations are shown, never called. */
export const acceptedMembers = (members: readonly WorkspaceGroupMember[]) =>
  members.filter((m) => m.status === 'accepted');

/**
 * The typed error for a sub workspace the group's list no longer holds as accepted (left, removed,
 * invitation withdrawn), so callers treat it exactly like Instantly's own 403 for it.
 */
export function notInGroupError(subWorkspaceId: string, status: string | null): InstantlyError {
  return new InstantlyError({
    kind: 'not-in-group',
    status: null,
    message:
      status === null
        ? `Client workspace ${subWorkspaceId} is no longer in this admin key's workspace group`
        : `Client workspace ${subWorkspaceId} is ${status} in this admin key's workspace group, not accepted`,
    method: 'GET',
    path: GROUP_MEMBERS_PATH,
    attempts: 0,
  });
}

/** Checks one sub workspace against the group's list: its member row when accepted, else the typed error. */
export function requireAccepted(
  members: readonly WorkspaceGroupMember[],
  subWorkspaceId: string,
): WorkspaceGroupMember {
  const member = members.find((m) => m.sub_workspace_id === subWorkspaceId);
  if (member?.status === 'accepted') return member;
  throw notInGroupError(subWorkspaceId, member?.status ?? null);
}
