import 'server-only';
import { iso } from './dates';
import { jsonResponse } from './http-responses';
import type { Route, RouteContext } from './route-context';

// GET /workspaces/current (REFERENCE §7): the "whoami" call a key is validated with.

function currentWorkspace(ctx: RouteContext): Response {
  const { state } = ctx;
  return jsonResponse({
    id: state.id,
    timestamp_created: iso(state.createdMs),
    timestamp_updated: iso(state.createdMs + 3 * 86_400_000),
    owner: state.ownerId,
    name: state.spec.name,
    plan_id: 'pid_hg_v1',
    add_unsub_to_block: false,
    default_opportunity_value: 500,
  });
}

export const workspaceRoutes: Route[] = [
  { method: 'GET', pattern: /^\/workspaces\/current$/, write: false, handler: currentWorkspace },
];
