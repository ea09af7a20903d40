// POST /api/auth/sign-out: ends this browser's session (any role, even a viewer, may sign itself out).
import { getAuth } from '@/lib/server/auth/auth';
import { json } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';

export const POST = withSession({ role: 'public' }, async ({ req, secure }) => {
  const answer = await (await getAuth(secure)).api.signOut({ headers: req.headers, asResponse: true });
  const response = json({ signedOut: true });
  for (const cookie of answer.headers.getSetCookie()) response.headers.append('Set-Cookie', cookie);
  return response;
});
