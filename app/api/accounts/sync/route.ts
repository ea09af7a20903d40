// GET /api/accounts/sync: how old the index is per workspace (and a failed sync whose backoff is over
// is retried, so "retrying at …" holds while the page is open). POST: refresh it from Instantly now.
import { z } from 'zod';
import { accountFiltersSchema } from '@/lib/schemas/api-accounts';
import { ensureFresh, namedWorkspace, scopeWorkspaces } from '@/lib/server/fleet';
import { json } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';

const scopeSchema = accountFiltersSchema.pick({ scope: true, ws: true });

export const GET = withSession({ query: scopeSchema }, async ({ query, session, db, person, req }) => {
  const workspaces = await scopeWorkspaces({ db, person, session }, query, namedWorkspace(req));
  return json({ sync: await ensureFresh(workspaces, { failedOnly: true }) });
});

export const POST = withSession(
  { body: z.strictObject({ scope: z.enum(['active', 'all']).default('active') }) },
  async ({ body, session, db, person, req }) => {
    const workspaces = await scopeWorkspaces({ db, person, session }, body, namedWorkspace(req));
    const sync = await ensureFresh(workspaces, { force: true });
    return json({ sync });
  },
);
