import 'server-only';
import { iso } from './dates';
import { errorResponse, jsonResponse, validationError } from './http-responses';
import { uuidV4 } from './ids';
import { Rng } from './prng';
import { groupMembersListQuerySchema, parseQuery } from './query-schemas';
import type { Route, RouteContext } from './route-context';
import type { GroupMemberStatus, SimWorkspaceSpec } from './types';
import type { WorkspaceState } from './workspace-state';

// Workspace groups (agencies, REFERENCE §1.1a): an admin workspace's key acts on any accepted sub
// workspace when a call carries `x-as-workspace: <sub workspace id>`, and lists the group with
// GET /workspace-group-members. A workspace cannot be an admin and a sub at once (Instantly's guide);
// only accepted members can be acted on: pending and rejected ones answer 403 like a stranger.

export const AS_WORKSPACE_HEADER = 'x-as-workspace';

export interface GroupMember {
  id: string;
  adminSlug: string;
  subSlug: string;
  status: GroupMemberStatus;
  createdMs: number;
}

/** Checks the specs' groups (no admin that is also a sub, no admin that does not exist) and builds them. */
export function buildGroups(specs: readonly SimWorkspaceSpec[], buildMs: number): Map<string, GroupMember[]> {
  const bySlug = new Map(specs.map((s) => [s.slug, s]));
  const groups = new Map<string, GroupMember[]>();
  for (const spec of specs) {
    if (!spec.memberOf) continue;
    const admin = bySlug.get(spec.memberOf.admin);
    if (!admin)
      throw new Error(`Simulator: '${spec.slug}' is a sub workspace of unknown '${spec.memberOf.admin}'`);
    if (admin.memberOf) {
      throw new Error(
        `Simulator: '${admin.slug}' cannot be an admin workspace: it is itself a sub workspace of '${admin.memberOf.admin}'`,
      );
    }
    const members = groups.get(admin.slug) ?? [];
    const rng = Rng.from('group-member', admin.seed, spec.slug);
    members.push({
      id: uuidV4(rng),
      adminSlug: admin.slug,
      subSlug: spec.slug,
      status: spec.memberOf.status,
      // Invited in the order listed, an hour apart, some weeks before the fleet's "now".
      createdMs: buildMs - 40 * 86_400_000 + members.length * 3_600_000,
    });
    groups.set(admin.slug, members);
  }
  return groups;
}

export type ActingAs = { ok: true; state: WorkspaceState } | { ok: false; response: Response };

/**
 * The workspace a call acts on: the key's own, or with `x-as-workspace` an accepted sub workspace of
 * the key's group. Anything else (not a group admin, a workspace outside the group, a pending or
 * rejected invitation) is refused with the API's 403 envelope.
 */
export function actingAs(
  request: Request,
  keyState: WorkspaceState,
  groups: ReadonlyMap<string, readonly GroupMember[]>,
  stateOf: (slug: string) => WorkspaceState | undefined,
): ActingAs {
  const header = request.headers.get(AS_WORKSPACE_HEADER);
  if (header === null) return { ok: true, state: keyState };
  const wanted = header.trim();
  // Naming one's own workspace is the call without the header.
  if (wanted === keyState.id) return { ok: true, state: keyState };
  for (const member of groups.get(keyState.spec.slug) ?? []) {
    const sub = stateOf(member.subSlug);
    if (sub?.id !== wanted) continue;
    if (member.status === 'accepted') return { ok: true, state: sub };
    break;
  }
  return { ok: false, response: errorResponse(403, 'Forbidden') };
}

function memberJson(member: GroupMember, admin: WorkspaceState, sub: WorkspaceState) {
  return {
    id: member.id,
    admin_workspace_id: admin.id,
    sub_workspace_id: sub.id,
    status: member.status,
    timestamp_created: iso(member.createdMs),
    timestamp_updated: iso(member.createdMs + 86_400_000),
    sub_workspace_name: sub.profile.name,
    admin_workspace_name: admin.profile.name,
  };
}

/** The group of the workspace the call acts on, oldest invitation first, the member id as cursor. */
function listMembers(ctx: RouteContext): Response {
  const parsed = parseQuery(groupMembersListQuerySchema, ctx.url);
  if (!parsed.ok) return validationError(parsed.message);
  const { limit = 10, starting_after: after } = parsed.value;
  const members = ctx.runtime.groupOf(ctx.state);
  // An unknown cursor reads as the end of the list, so a client can never loop on it.
  const start = after === undefined ? 0 : members.findIndex((m) => m.id === after) + 1 || members.length;
  const page = members.slice(start, start + limit).flatMap((member) => {
    const sub = ctx.runtime.stateOf(member.subSlug);
    return sub ? [memberJson(member, ctx.state, sub)] : [];
  });
  const body: Record<string, unknown> = { items: page };
  const last = page[page.length - 1];
  if (last) body.next_starting_after = last.id;
  return jsonResponse(body);
}

export const workspaceGroupRoutes: Route[] = [
  { method: 'GET', pattern: /^\/workspace-group-members$/, write: false, handler: listMembers },
];
