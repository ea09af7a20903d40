import 'server-only';
import { z } from 'zod';
import { iso } from './dates';
import { jsonResponse } from './http-responses';
import { validateBody, type Route, type RouteContext } from './route-context';
import type { WorkspaceState } from './workspace-state';

// GET /workspaces/current (REFERENCE §7): the "whoami" call a key is validated with; PATCH changes the
// workspace's name and logo (`{name?, org_logo_url?}`) and answers with the workspace.

function workspaceJson(state: WorkspaceState) {
  return {
    id: state.id,
    timestamp_created: iso(state.createdMs),
    timestamp_updated: iso(state.profile.updatedMs),
    owner: state.ownerId,
    name: state.profile.name,
    plan_id: 'pid_hg_v1',
    add_unsub_to_block: false,
    default_opportunity_value: 500,
    ...(state.profile.orgLogoUrl === null ? {} : { org_logo_url: state.profile.orgLogoUrl }),
  };
}

const patchBodySchema = z.looseObject({
  name: z.string().min(1).max(200).optional(),
  org_logo_url: z.string().max(2000).nullable().optional(),
});

function currentWorkspace(ctx: RouteContext): Response {
  return jsonResponse(workspaceJson(ctx.state));
}

function patchWorkspace(ctx: RouteContext): Response {
  const parsed = validateBody(patchBodySchema, ctx.body ?? {});
  if (!parsed.ok) return parsed.response;
  const { name, org_logo_url: logo } = parsed.value;
  const { profile } = ctx.state;
  ctx.state.profile = {
    name: name ?? profile.name,
    orgLogoUrl: logo === undefined ? profile.orgLogoUrl : logo,
    updatedMs: Math.max(ctx.nowMs, profile.updatedMs + 1),
  };
  return jsonResponse(workspaceJson(ctx.state));
}

export const workspaceRoutes: Route[] = [
  { method: 'GET', pattern: /^\/workspaces\/current$/, write: false, handler: currentWorkspace },
  { method: 'PATCH', pattern: /^\/workspaces\/current$/, write: true, handler: patchWorkspace },
];
