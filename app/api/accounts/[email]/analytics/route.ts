// GET /api/accounts/[email]/analytics?range=7|30|90: the chart series (warmup, settings history, changes, campaign sends).
import {
  accountAnalyticsQuerySchema,
  accountAnalyticsSchema,
  accountEmailParamsSchema,
} from '@/lib/schemas/api-account-detail';
import { loadAccountAnalytics } from '@/lib/server/account-analytics';
import { json } from '@/lib/server/problem';
import { withWorkspace } from '@/lib/server/with-workspace';

export const GET = withWorkspace(
  { params: accountEmailParamsSchema, query: accountAnalyticsQuerySchema },
  async ({ params, query, workspace, client, signal, db }) =>
    // The answer is checked against its schema, so the page's types hold for what is sent.
    json(
      accountAnalyticsSchema.parse(
        await loadAccountAnalytics({ db, workspace, client, signal }, params.email, query.range),
      ),
    ),
);
