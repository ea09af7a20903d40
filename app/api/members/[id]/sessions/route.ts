// DELETE /api/members/[id]/sessions: signs a member out of every browser (admin+; the owner's only by the owner).
import { memberParamsSchema, noSuchMember, ownerProtected } from '@/lib/server/auth/members';
import { json } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';
import { deleteSessionsOf, personById } from '@/lib/store/people';

export const DELETE = withSession(
  { params: memberParamsSchema, role: 'admin' },
  async ({ params, db, person }) => {
    const target = await personById(db, params.id);
    if (!target) throw noSuchMember();
    if (target.role === 'owner' && person?.id !== target.id)
      throw ownerProtected('signed out by someone else');
    return json({ revoked: await deleteSessionsOf(db, params.id) });
  },
);
