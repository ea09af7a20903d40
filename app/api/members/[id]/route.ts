// PATCH /api/members/[id] {role?, workspaceIds?}: change a member's role or workspace limits (admin+).
// DELETE /api/members/[id]: remove a member; their sessions end at once. Never the owner.
import { updateMemberInputSchema } from '@/lib/schemas/api-people';
import { memberParamsSchema, noSuchMember, ownerProtected } from '@/lib/server/auth/members';
import { json } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';
import { personById, removeMember, updateMember } from '@/lib/store/people';

export const PATCH = withSession(
  { params: memberParamsSchema, body: updateMemberInputSchema, role: 'admin' },
  async ({ params, body, db }) => {
    const target = await personById(db, params.id);
    if (!target) throw noSuchMember();
    if (target.role === 'owner') throw ownerProtected('demoted or limited');
    if (!(await updateMember(db, params.id, body))) throw noSuchMember();
    return json({ member: await personById(db, params.id) });
  },
);

export const DELETE = withSession({ params: memberParamsSchema, role: 'admin' }, async ({ params, db }) => {
  const target = await personById(db, params.id);
  if (!target) throw noSuchMember();
  if (target.role === 'owner') throw ownerProtected('removed');
  if (!(await removeMember(db, params.id))) throw noSuchMember();
  return json({ removed: true });
});
