// DELETE /api/workspaces/:id: forget one stored key (the demo and server workspaces cannot be removed).
import { workspaceIdParamsSchema } from '@/lib/schemas/api-workspaces';
import { ProblemError, json } from '@/lib/server/problem';
import { emptySessionData, revokeCookieOf, sessionCookie } from '@/lib/server/session';
import { withCookie, withSession } from '@/lib/server/with-workspace';
import { workspacesResponse } from '@/lib/server/workspaces-response';

export const DELETE = withSession(
  { params: workspaceIdParamsSchema },
  async ({ params, session, secure, db }) => {
    if (session.status !== 'ok' || !session.data.workspaces.some((w) => w.id === params.id)) {
      throw new ProblemError({
        type: 'not-found',
        title: 'No such stored workspace',
        detail: 'Only workspaces added in this browser can be removed.',
        status: 404,
      });
    }
    // The old cookie still holds the removed key: revoke it, and carry the rest on under a new id.
    await revokeCookieOf(db, session);
    const next = {
      status: 'ok' as const,
      serverWorkspace: session.serverWorkspace,
      data: {
        ...emptySessionData(),
        workspaces: session.data.workspaces.filter((w) => w.id !== params.id),
        active: session.data.active === params.id ? null : session.data.active,
      },
    };
    return withCookie(json(workspacesResponse(next)), sessionCookie(next.data, secure));
  },
);
