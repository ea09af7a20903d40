// GET /api/me: who this browser is signed in as, and whether anybody has registered (the open demo).
import { json } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';
import { ownerExists } from '@/lib/store/people';

export const GET = withSession({ role: 'public' }, async ({ person, db }) =>
  json({
    person: person && { ...person, workspaceIds: person.workspaceIds && [...person.workspaceIds] },
    ownerExists: await ownerExists(db),
  }),
);
