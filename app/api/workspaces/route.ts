// GET /api/workspaces: the workspaces this browser can use (demo, server, added), never a key.
// POST /api/workspaces: verify a pasted key against Instantly, then store it sealed in the cookie.
// DELETE /api/workspaces: forget every stored key (also the way out of an unreadable cookie).
import { addWorkspaceInputSchema } from '@/lib/schemas/api-workspaces';
import { ProblemError, json } from '@/lib/server/problem';
import { MAX_STORED_WORKSPACES, emptySessionData, sessionCookie } from '@/lib/server/session';
import { verifyKey } from '@/lib/server/verify-key';
import { withCookie, withSession } from '@/lib/server/with-workspace';
import { workspacesResponse } from '@/lib/server/workspaces-response';

export const GET = withSession({}, async ({ session }) => json(workspacesResponse(session)));

export const POST = withSession(
  { body: addWorkspaceInputSchema },
  async ({ body, session, secure, signal }) => {
    const upstream = await verifyKey(body.key, signal);
    const id = `ws_${upstream.id.replace(/[^A-Za-z0-9-]/g, '').slice(0, 64)}`;
    const others = session.data.workspaces.filter((w) => w.id !== id);
    if (others.length >= MAX_STORED_WORKSPACES) {
      throw new ProblemError({
        type: 'too-many-workspaces',
        title: 'Too many workspaces',
        detail: `Up to ${MAX_STORED_WORKSPACES} keys can be stored. Remove one first.`,
        status: 409,
      });
    }
    const name = upstream.name || 'Instantly workspace';
    const data = {
      v: 1 as const,
      workspaces: [
        ...others,
        { id, name, label: body.label || name, key: body.key, addedAt: new Date().toISOString() },
      ],
      active: id,
    };
    const nextSession = { status: 'ok' as const, data };
    return withCookie(json(workspacesResponse(nextSession), { status: 201 }), sessionCookie(data, secure));
  },
);

export const DELETE = withSession({}, async ({ secure }) => {
  const data = emptySessionData();
  return withCookie(json(workspacesResponse({ status: 'empty', data })), sessionCookie(data, secure));
});
