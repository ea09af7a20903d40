// GET /api/members: everyone who may sign in, with role, workspace limits and open invites (admin+).
import { membersResponseSchema } from '@/lib/schemas/api-people';
import { json } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';
import { listOpenInvites } from '@/lib/store/invites';
import { listMembers } from '@/lib/store/people';

export const GET = withSession({ role: 'admin' }, async ({ db }) => {
  const [members, invites] = await Promise.all([listMembers(db), listOpenInvites(db)]);
  return json(
    membersResponseSchema.parse({
      members,
      invites: invites.map((i) => ({ ...i, expiresAt: new Date(i.expiresAt).toISOString() })),
    }),
  );
});
