// GET /api/invites/[token]: what an invite offers (its role), while it is open.
// POST /api/invites/[token] {email, name, password}: accept it (once), then sign in.
import { z } from 'zod';
import { acceptInviteInputSchema, inviteTokenSchema } from '@/lib/schemas/api-people';
import { getAuth } from '@/lib/server/auth/auth';
import { acceptInvite, inviteForToken, signIn } from '@/lib/server/auth/people';
import { json } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';

const paramsSchema = z.object({ token: inviteTokenSchema });

export const GET = withSession({ params: paramsSchema, role: 'public' }, async ({ params, db }) => {
  const invite = await inviteForToken(db, params.token);
  return json({ role: invite.role, expiresAt: new Date(invite.expiresAt).toISOString() });
});

export const POST = withSession(
  { params: paramsSchema, body: acceptInviteInputSchema, role: 'public' },
  async ({ req, params, body, db, secure }) => {
    await acceptInvite(db, params.token, body);
    const answer = await signIn(await getAuth(secure), req.headers, body.email, body.password);
    const response = json({ joined: true, signedIn: answer.ok }, { status: 201 });
    for (const cookie of answer.headers.getSetCookie()) response.headers.append('Set-Cookie', cookie);
    return response;
  },
);
