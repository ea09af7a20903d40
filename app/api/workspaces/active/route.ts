// PUT /api/workspaces/active: switch the active workspace (one this person may use).
import { setActiveWorkspaceInputSchema } from '@/lib/schemas/api-workspaces';
import { json } from '@/lib/server/problem';
import { activeWorkspaceCookie } from '@/lib/server/session';
import { withCookie, withSession } from '@/lib/server/with-workspace';
import { resolveWorkspace } from '@/lib/server/workspaces';
import { workspacesResponse } from '@/lib/server/workspaces-response';

// Switching workspaces is how a viewer reads another one: a read, for roles.
export const PUT = withSession({ body: setActiveWorkspaceInputSchema, role: 'viewer' }, async (ctx) => {
  const workspace = await resolveWorkspace(ctx, ctx.body.id);
  return withCookie(
    json(await workspacesResponse(ctx, workspace.id)),
    activeWorkspaceCookie(workspace.id, ctx.secure),
  );
});
