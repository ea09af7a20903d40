// GET /api/accounts/facets: counts per value of every filter, under the other filters.
import { accountFiltersSchema } from '@/lib/schemas/api-accounts';
import {
  assertIndexed,
  ensureFresh,
  indexFilters,
  labelsOf,
  namedWorkspace,
  scopeWorkspaces,
} from '@/lib/server/fleet';
import { json } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';
import { accountFacets } from '@/lib/store/account-query';

export const GET = withSession(
  { query: accountFiltersSchema },
  async ({ query, session, db, person, req }) => {
    const workspaces = await scopeWorkspaces({ db, person, session }, query, namedWorkspace(req));
    assertIndexed(await ensureFresh(workspaces, { waitMs: 2500 }));
    return json(await accountFacets(db, indexFilters(workspaces, query), labelsOf(workspaces)));
  },
);
