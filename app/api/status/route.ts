// GET /api/status: the background worker's heartbeats, last and next sync per workspace, the queue of
// unfinished bulk actions and the last error per workspace (the status page and the header warning).
import { availableWorkspaces } from '@/lib/server/workspaces';
import { json } from '@/lib/server/problem';
import { buildStatus } from '@/lib/server/status';
import { withSession } from '@/lib/server/with-workspace';

export const GET = withSession({}, async ({ session, db, person }) =>
  json(await buildStatus(db, await availableWorkspaces({ db, person, session }))),
);
