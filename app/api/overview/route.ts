// GET /api/overview?scope=active|all: fleet totals and the score-vs-daily-limit scatter, from the fleet index.
import { overviewQuerySchema } from '@/lib/schemas/api-account-detail';
import { ensureFresh, namedWorkspace, scopeWorkspaces } from '@/lib/server/fleet';
import { json } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';
import { fleetOverview } from '@/lib/store/overview-query';

export const GET = withSession(
  { query: overviewQuerySchema },
  async ({ query, session, db, person, req }) => {
    const workspaces = await scopeWorkspaces({ db, person, session }, query, namedWorkspace(req));
    const sync = await ensureFresh(workspaces, { waitMs: 2500 });
    const overview = await fleetOverview(
      db,
      workspaces.map((w) => w.id),
    );
    return json({ ...overview, workspaces: workspaces.map((w) => ({ id: w.id, label: w.label })), sync });
  },
);
