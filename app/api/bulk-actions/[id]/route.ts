// GET /api/bulk-actions/[id]: one bulk action with its per-account results (paged, by state).
import { z } from 'zod';
import { bulkActionItemsQuerySchema } from '@/lib/schemas/api-bulk-actions';
import { getBulkRunner } from '@/lib/server/bulk-runner';
import { sessionWorkspaceIds } from '@/lib/server/bulk-targets';
import { ProblemError, json } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';

const bulkActionParamsSchema = z.object({
  id: z.string().regex(/^ba_[0-9a-f]{1,64}$/, 'must be a bulk action id'),
});

export const GET = withSession(
  { params: bulkActionParamsSchema, query: bulkActionItemsQuerySchema },
  async ({ params, query, session, db, person }) => {
    const runner = await getBulkRunner();
    const detail = await runner.detail(params.id, {
      workspaceIds: await sessionWorkspaceIds({ db, person, session }),
      ...query,
    });
    if (!detail) {
      throw new ProblemError({
        type: 'not-found',
        title: 'No such bulk action',
        detail: 'It does not exist, or it only touches workspaces you have no access to.',
        status: 404,
      });
    }
    return json(detail);
  },
);
