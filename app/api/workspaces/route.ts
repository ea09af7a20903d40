// GET /api/workspaces: the workspaces this browser can use (demo, server, added), never a key.
// POST /api/workspaces: verify a pasted key against Instantly, then store it sealed in the cookie.
// DELETE /api/workspaces: forget every stored key and revoke the cookie that held them.
import { addWorkspaceInputSchema } from '@/lib/schemas/api-workspaces';
import { requireRole } from '@/lib/server/auth/person';
import { ProblemError, json } from '@/lib/server/problem';
import {
  MAX_STORED_WORKSPACES,
  emptySessionData,
  refreshDue,
  revokeCookieOf,
  sessionCookie,
  withSessionData,
} from '@/lib/server/session';
import { assertVerifyAllowed } from '@/lib/server/verify-throttle';
import { verifyKey } from '@/lib/server/verify-key';
import { withCookie, withSession } from '@/lib/server/with-workspace';
import { workspacesResponse } from '@/lib/server/workspaces-response';

export const GET = withSession({}, async ({ session, secure }) => {
  const response = json(workspacesResponse(session));
  return refreshDue(session) ? withCookie(response, sessionCookie(session.data, secure)) : response;
});

export const POST = withSession(
  { body: addWorkspaceInputSchema },
  async ({ req, body, session, person, secure, signal, deadline }) => {
    requireRole(person, 'admin');
    assertVerifyAllowed(req);
    const upstream = await verifyKey(body.key, signal, deadline);
    const id = `ws_${upstream.id.replace(/[^A-Za-z0-9-]/g, '').slice(0, 64)}`;
    const others = session.status === 'ok' ? session.data.workspaces.filter((w) => w.id !== id) : [];
    if (others.length >= MAX_STORED_WORKSPACES) {
      throw new ProblemError({
        type: 'too-many-workspaces',
        title: 'Too many workspaces',
        detail: `Up to ${MAX_STORED_WORKSPACES} keys can be stored. Remove one first.`,
        status: 409,
      });
    }
    const name = upstream.name || 'Instantly workspace';
    const next = withSessionData(session, () => ({
      workspaces: [
        ...others,
        { id, name, label: body.label || name, key: body.key, addedAt: new Date().toISOString() },
      ],
      active: id,
    }));
    return withCookie(json(workspacesResponse(next), { status: 201 }), sessionCookie(next.data, secure));
  },
);

export const DELETE = withSession({}, async ({ session, secure, db }) => {
  await revokeCookieOf(db, session);
  const next = {
    status: 'empty' as const,
    data: emptySessionData(),
    serverWorkspace: session.serverWorkspace,
  };
  return withCookie(json(workspacesResponse(next)), sessionCookie(next.data, secure));
});
