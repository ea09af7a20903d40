// PUT /api/workspaces/active: switch the active workspace (one this browser can use).
import { setActiveWorkspaceInputSchema } from '@/lib/schemas/api-workspaces';
import { json } from '@/lib/server/problem';
import { sessionCookie } from '@/lib/server/session';
import { withCookie, withSession } from '@/lib/server/with-workspace';
import { resolveWorkspace } from '@/lib/server/workspaces';
import { workspacesResponse } from '@/lib/server/workspaces-response';

export const PUT = withSession({ body: setActiveWorkspaceInputSchema }, async ({ body, session, secure }) => {
  const workspace = resolveWorkspace(session, body.id);
  const data = { ...session.data, active: workspace.id };
  return withCookie(json(workspacesResponse({ status: 'ok', data })), sessionCookie(data, secure));
});
