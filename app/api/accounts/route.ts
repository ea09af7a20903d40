// GET /api/accounts: one page of the workspace's accounts, straight from Instantly (cursor paging).
import { listAccounts } from '@/lib/instantly/accounts';
import { accountPageQuerySchema } from '@/lib/schemas/api-accounts';
import { toAccountRow } from '@/lib/server/account-rows';
import { json } from '@/lib/server/problem';
import { withWorkspace } from '@/lib/server/with-workspace';

export const GET = withWorkspace(
  { query: accountPageQuerySchema },
  async ({ client, workspace, query, signal }) => {
    const page = await listAccounts(
      client,
      { limit: query.limit, starting_after: query.cursor, include_tags: true },
      signal,
    );
    return json({
      workspaceId: workspace.id,
      items: page.items.map((a) => toAccountRow(a, workspace.id)),
      nextCursor: page.items.length > 0 ? (page.next_starting_after ?? null) : null,
    });
  },
);
