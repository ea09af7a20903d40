// GET /api/accounts/[email]/analytics?range=7|30|90: the chart series (warmup, settings history, changes, campaign sends).
import { accountAnalyticsQuerySchema, accountEmailParamsSchema } from '@/lib/schemas/api-account-detail';
import { loadAccountAnalytics } from '@/lib/server/account-analytics';
import { json } from '@/lib/server/problem';
import { withWorkspace } from '@/lib/server/with-workspace';

export const GET = withWorkspace(
  { params: accountEmailParamsSchema, query: accountAnalyticsQuerySchema },
  async ({ params, query, workspace, client, signal, db }) =>
    json(await loadAccountAnalytics({ db, workspace, client, signal }, params.email, query.range)),
);
