// DELETE /api/workspaces/:id: (admin) remove a vault workspace, deleting its sealed key.
import { workspaceIdParamsSchema } from '@/lib/schemas/api-workspaces';
import { json } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';
import { removeWorkspaceKey } from '@/lib/server/workspace-keys';
import { workspacesResponse } from '@/lib/server/workspaces-response';

export const DELETE = withSession({ params: workspaceIdParamsSchema }, async (ctx) => {
  await removeWorkspaceKey(ctx, ctx.params.id);
  return json(await workspacesResponse(ctx));
});
