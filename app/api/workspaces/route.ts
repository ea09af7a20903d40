// GET /api/workspaces: the workspaces this person can use (demo, server, vault), never a key.
// POST /api/workspaces: (admin) verify a pasted key against Instantly, then seal it into the vault.
// DELETE /api/workspaces: clear this browser's old key cookie (keys from before the vault).
import { addWorkspaceInputSchema } from '@/lib/schemas/api-workspaces';
import { json } from '@/lib/server/problem';
import {
  MOVED_COOKIE,
  activeWorkspaceCookie,
  clearedKeyCookie,
  plainCookie,
  revokeCookieOf,
} from '@/lib/server/session';
import { assertVerifyAllowed } from '@/lib/server/verify-throttle';
import { verifyKey } from '@/lib/server/verify-key';
import { withCookie, withSession } from '@/lib/server/with-workspace';
import { keyGroupSteps } from '@/lib/server/key-group-steps';
import { addWorkspaceKey } from '@/lib/server/workspace-keys';
import { workspacesResponse } from '@/lib/server/workspaces-response';

export const GET = withSession({}, async (ctx) => {
  const response = json(await workspacesResponse(ctx));
  // The move has been told of now: once is enough.
  return ctx.session.movedToVault > 0
    ? withCookie(response, plainCookie(MOVED_COOKIE, '', ctx.secure, 0))
    : response;
});

// An admin key (its workspace leads an Instantly workspace group) is answered first with its group
// (200, nothing stored); the same POST with `clients` chosen stores the key once and those clients.
export const POST = withSession({ body: addWorkspaceInputSchema }, async (ctx) => {
  const { req, body, secure, signal, deadline } = ctx;
  const result = await addWorkspaceKey(
    ctx,
    body,
    async (key) => {
      // After the role check (inside addWorkspaceKey), so a refused request spends no key check.
      assertVerifyAllowed(req);
      return verifyKey(key, signal, deadline);
    },
    Date.now(),
    keyGroupSteps(ctx.db, signal, deadline),
  );
  if ('preview' in result) return json({ group: result.preview });
  const active = result.added[0] ?? result.stored;
  return withCookie(
    json({ ...(await workspacesResponse(ctx, active)), added: result.added }, { status: 201 }),
    activeWorkspaceCookie(active, secure),
  );
});

// Clearing one's own old cookie is open to every role.
export const DELETE = withSession({ role: 'viewer' }, async (ctx) => {
  // Revoked, so a copy of the old cookie can never bring its keys into the vault later.
  await revokeCookieOf(ctx.db, ctx.session);
  const session = { ...ctx.session, status: 'empty' as const, movedToVault: 0 };
  return withCookie(json(await workspacesResponse({ ...ctx, session })), clearedKeyCookie(ctx.secure));
});
