// GET /api/members: everyone who may sign in, with role, workspace limits and open invites, and
// whether invites can be e-mailed (SMTP_URL is set; never the URL itself) (admin+).
import { membersResponseSchema } from '@/lib/schemas/api-people';
import { getConfig } from '@/lib/server/config';
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
      canEmailInvites: getConfig().SMTP_URL !== undefined,
    }),
  );
});
