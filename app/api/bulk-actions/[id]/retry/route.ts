// POST /api/bulk-actions/[id]/retry: a new bulk action holding only the accounts that failed.
import { z } from 'zod';
import { getBulkRunner } from '@/lib/server/bulk-runner';
import { sessionWorkspaceIds } from '@/lib/server/bulk-targets';
import { actorOf } from '@/lib/server/auth/actor';
import { ProblemError, json } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';
import { wakeLocalWorker } from '@/lib/server/worker-process';
import { createRetryAction } from '@/lib/store/bulk/create';
import { actionVisibleTo, getBulkAction } from '@/lib/store/bulk/reads';

const paramsSchema = z.object({ id: z.string().regex(/^ba_[0-9a-f]{1,64}$/, 'must be a bulk action id') });

export const POST = withSession({ params: paramsSchema }, async ({ params, session, db, person }) => {
  const workspaceIds = await sessionWorkspaceIds({ db, person, session });
  const source = await getBulkAction(db, params.id);
  if (!source || !actionVisibleTo(source, workspaceIds)) {
    throw new ProblemError({ type: 'not-found', title: 'No such bulk action', status: 404 });
  }
  const id = await createRetryAction(db, params.id, { workspaceIds, actor: actorOf(person) });
  if (!id) {
    throw new ProblemError({
      type: 'nothing-to-retry',
      title: 'Nothing to retry',
      detail: 'No account of this action failed in a workspace you have access to.',
      status: 409,
    });
  }
  wakeLocalWorker();
  const runner = await getBulkRunner();
  return json(await runner.summary(id), { status: 201 });
});
