// GET /api/bulk-actions: the job centre's list (newest first, ?active=1 for unfinished); POST: start a bulk action.
import { z } from 'zod';
import { createBulkActionSchema } from '@/lib/schemas/api-bulk-actions';
import { getBulkRunner } from '@/lib/server/bulk-runner';
import { createBulkActionForSession, sessionWorkspaceIds } from '@/lib/server/bulk-targets';
import { actorOf } from '@/lib/server/auth/actor';
import { namedWorkspace } from '@/lib/server/fleet';
import { json } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';
import { wakeLocalWorker } from '@/lib/server/worker-process';

const listQuerySchema = z.object({
  active: z.enum(['0', '1']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const GET = withSession({ query: listQuerySchema }, async ({ query, session, db, person }) => {
  const runner = await getBulkRunner();
  const actions = await runner.list({
    workspaceIds: await sessionWorkspaceIds({ db, person, session }),
    active: query.active === '1',
    limit: query.limit,
  });
  return json({ actions });
});

export const POST = withSession(
  { body: createBulkActionSchema },
  async ({ body, session, db, person, req }) => {
    const id = await createBulkActionForSession(
      db,
      { db, person, session },
      body,
      actorOf(person),
      namedWorkspace(req),
    );
    // The worker drives it from now on, browser or not; this process's own worker looks at once.
    wakeLocalWorker();
    const runner = await getBulkRunner();
    return json(await runner.summary(id), { status: 201 });
  },
);
