// POST /api/auth/sign-in/email {email, password}: better-auth's e-mail sign-in behind our wrong-password throttle.
import { signInInputSchema } from '@/lib/schemas/api-people';
import { getAuth } from '@/lib/server/auth/auth';
import { signIn } from '@/lib/server/auth/people';
import {
  assertSignInAllowed,
  clearWrongPasswords,
  recordWrongPassword,
} from '@/lib/server/auth/sign-in-throttle';
import { ProblemError, json } from '@/lib/server/problem';
import { clientAddress } from '@/lib/server/throttle';
import { withSession } from '@/lib/server/with-workspace';
import { personById } from '@/lib/store/people';
import { personSchema } from '@/lib/schemas/api-people';
import { z } from 'zod';

const signedInSchema = z.object({ user: z.object({ id: z.string() }) });

export const POST = withSession(
  { body: signInInputSchema, role: 'public' },
  async ({ req, body, db, secure }) => {
    const client = clientAddress(req.headers);
    await assertSignInAllowed(db, body.email, client);
    const answer = await signIn(await getAuth(secure), req.headers, body.email, body.password);
    if (!answer.ok) {
      if (answer.status === 401) await recordWrongPassword(db, body.email, client);
      throw new ProblemError({
        type: 'sign-in-failed',
        title: 'Wrong e-mail or password',
        detail: 'Check both and try again. After ten wrong passwords, sign-in pauses for 15 minutes.',
        status: 401,
        field: 'password',
      });
    }
    await clearWrongPasswords(db, body.email, client);
    // better-auth's answer carries the session token in its body too; the browser gets it only in the
    // HttpOnly cookie, so the body is replaced by who signed in.
    const { user } = signedInSchema.parse(await answer.json());
    const person = await personById(db, user.id);
    const response = json({ person: person ? personSchema.parse(person) : null });
    for (const cookie of answer.headers.getSetCookie()) response.headers.append('Set-Cookie', cookie);
    return response;
  },
);
