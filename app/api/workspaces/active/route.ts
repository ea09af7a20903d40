// PUT /api/workspaces/active: switch the active workspace (one this browser can use).
import { setActiveWorkspaceInputSchema } from '@/lib/schemas/api-workspaces';
import { json } from '@/lib/server/problem';
import { sessionCookie, withSessionData } from '@/lib/server/session';
import { withCookie, withSession } from '@/lib/server/with-workspace';
import { resolveWorkspace } from '@/lib/server/workspaces';
import { workspacesResponse } from '@/lib/server/workspaces-response';

// Switching workspaces is how a viewer reads another one: a read, for roles.
export const PUT = withSession(
  { body: setActiveWorkspaceInputSchema, role: 'viewer' },
  async ({ body, session, secure, person }) => {
    const workspace = resolveWorkspace(session, body.id, person);
    const next = withSessionData(session, (data) => ({ workspaces: data.workspaces, active: workspace.id }));
    return withCookie(json(workspacesResponse(next)), sessionCookie(next.data, secure));
  },
);
