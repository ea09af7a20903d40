// GET /api/accounts/facets: counts per value of every filter, under the other filters.
import { accountFiltersSchema } from '@/lib/schemas/api-accounts';
import { assertIndexed, ensureFresh, indexFilters, labelsOf, scopeWorkspaces } from '@/lib/server/fleet';
import { json } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';
import { accountFacets } from '@/lib/store/account-query';
import { getDb } from '@/lib/store/db';

export const GET = withSession({ query: accountFiltersSchema }, async ({ query, session }) => {
  const workspaces = scopeWorkspaces(session, query);
  assertIndexed(await ensureFresh(workspaces, { waitMs: 2500 }));
  return json(accountFacets(getDb(), indexFilters(workspaces, query), labelsOf(workspaces)));
});
