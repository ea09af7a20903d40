// DELETE /api/workspaces/:id: (admin) remove a vault workspace, deleting its sealed key (or one agency client).
// PATCH /api/workspaces/:id: (admin) an admin key's "add client workspaces that join later" switch.
import { workspaceIdParamsSchema, workspaceSettingsInputSchema } from '@/lib/schemas/api-workspaces';
import { json } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';
import { removeWorkspaceKey, setGroupAutoAdd } from '@/lib/server/workspace-keys';
import { workspacesResponse } from '@/lib/server/workspaces-response';

export const DELETE = withSession({ params: workspaceIdParamsSchema }, async (ctx) => {
  await removeWorkspaceKey(ctx, ctx.params.id);
  return json(await workspacesResponse(ctx));
});

export const PATCH = withSession(
  { params: workspaceIdParamsSchema, body: workspaceSettingsInputSchema },
  async (ctx) => {
    await setGroupAutoAdd(ctx, ctx.params.id, ctx.body.autoAdd);
    return json(await workspacesResponse(ctx));
  },
);
