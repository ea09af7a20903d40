// POST /api/invites {role, workspaceIds?}: a single-use invite link valid 7 days (admin+).
import { createInviteInputSchema } from '@/lib/schemas/api-people';
import { createInviteLink } from '@/lib/server/auth/people';
import { json } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';

export const POST = withSession(
  { body: createInviteInputSchema, role: 'admin' },
  async ({ body, db, person }) => json(await createInviteLink(db, person, body), { status: 201 }),
);
