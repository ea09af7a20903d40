// POST /api/invites {role, workspaceIds?}: a single-use invite link valid 7 days (admin+).
// DELETE /api/invites?id=inv_…: withdraw an open invite; its link stops working at once (admin+).
import { createInviteInputSchema, withdrawInviteQuerySchema } from '@/lib/schemas/api-people';
import { createInviteLink } from '@/lib/server/auth/people';
import { ProblemError, json } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';
import { withdrawInvite } from '@/lib/store/invites';

export const POST = withSession(
  { body: createInviteInputSchema, role: 'admin' },
  async ({ body, db, person }) => json(await createInviteLink(db, person, body), { status: 201 }),
);

export const DELETE = withSession({ query: withdrawInviteQuerySchema, role: 'admin' }, async ({ query, db }) => {
  if (!(await withdrawInvite(db, query.id))) {
    throw new ProblemError({
      type: 'not-found',
      title: 'No such open invite',
      detail: 'It was used, withdrawn or has expired meanwhile.',
      status: 404,
    });
  }
  return json({ withdrawn: true });
});
