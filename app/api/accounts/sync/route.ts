// GET /api/accounts/sync: how old the index is per workspace. POST: refresh it from Instantly now.
import { z } from 'zod';
import { accountFiltersSchema } from '@/lib/schemas/api-accounts';
import { ensureFresh, scopeWorkspaces } from '@/lib/server/fleet';
import { json } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';
import { getDb } from '@/lib/store/db';
import { syncStatus } from '@/lib/store/sync';

const scopeSchema = accountFiltersSchema.pick({ scope: true, ws: true });

export const GET = withSession({ query: scopeSchema }, async ({ query, session }) => {
  const workspaces = scopeWorkspaces(session, query);
  return json({ sync: workspaces.map((w) => syncStatus(getDb(), w.id, w.label)) });
});

export const POST = withSession(
  { body: z.strictObject({ scope: z.enum(['active', 'all']).default('active') }) },
  async ({ body, session }) => {
    const sync = await ensureFresh(scopeWorkspaces(session, body), { force: true });
    return json({ sync });
  },
);
