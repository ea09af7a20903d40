// POST /api/owner {email, name, password}: creates the owner account (once), then signs it in.
import { createOwnerInputSchema } from '@/lib/schemas/api-people';
import { getAuth } from '@/lib/server/auth/auth';
import { createOwnerAccount, signIn } from '@/lib/server/auth/people';
import { json } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';

export const POST = withSession(
  { body: createOwnerInputSchema, role: 'public' },
  async ({ req, body, db, secure }) => {
    await createOwnerAccount(db, body);
    const answer = await signIn(await getAuth(secure), req.headers, body.email, body.password);
    const response = json({ created: true, signedIn: answer.ok }, { status: 201 });
    for (const cookie of answer.headers.getSetCookie()) response.headers.append('Set-Cookie', cookie);
    return response;
  },
);
