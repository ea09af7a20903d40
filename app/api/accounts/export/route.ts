// GET /api/accounts/export: the whole filtered set (not just the visible rows) as CSV, in table order.
import { accountRowsQuerySchema } from '@/lib/schemas/api-accounts';
import { accountsCsv } from '@/lib/server/accounts-csv';
import { indexFilters, labelsOf, namedWorkspace, scopeWorkspaces } from '@/lib/server/fleet';
import { NO_STORE_HEADERS } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';
import { iterateAccountRows } from '@/lib/store/account-query';

export const GET = withSession(
  { query: accountRowsQuerySchema },
  async ({ query, session, db, person, req }) => {
    const workspaces = await scopeWorkspaces({ db, person, session }, query, namedWorkspace(req));
    const { sort, order, offset: _offset, limit: _limit, ...filters } = query;
    const rows = await iterateAccountRows(db, indexFilters(workspaces, filters), sort, order);
    const date = new Date().toISOString().slice(0, 10);
    return new Response(accountsCsv(rows, labelsOf(workspaces)), {
      headers: {
        ...NO_STORE_HEADERS,
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="instantly-accounts-${date}.csv"`,
      },
    });
  },
);
