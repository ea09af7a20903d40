// GET /api/accounts: a sorted, filtered window of the fleet index (one or all workspaces), with sync state.
import { accountRowsQuerySchema } from '@/lib/schemas/api-accounts';
import {
  assertIndexed,
  ensureFresh,
  indexFilters,
  namedWorkspace,
  scopeWorkspaces,
} from '@/lib/server/fleet';
import { json } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';
import { queryAccountRows } from '@/lib/store/account-query';

export const GET = withSession(
  { query: accountRowsQuerySchema },
  async ({ query, session, db, person, req }) => {
    const workspaces = await scopeWorkspaces({ db, person, session }, query, namedWorkspace(req));
    const sync = await ensureFresh(workspaces, { waitMs: 2500 });
    assertIndexed(sync);
    const { sort, order, offset, limit, ...filters } = query;
    const { rows, total } = await queryAccountRows(db, indexFilters(workspaces, filters), {
      sort,
      order,
      offset,
      limit,
    });
    return json({ rows, total, offset, sync });
  },
);
