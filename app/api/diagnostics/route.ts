// GET /api/diagnostics: the triage board, every account in trouble grouped by cause (?scope=all|active, default all).
import { diagnosticsQuerySchema } from '@/lib/schemas/api-diagnostics';
import { ensureFresh, labelsOf, namedWorkspace, scopeWorkspaces } from '@/lib/server/fleet';
import { json } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';
import { triageBoard } from '@/lib/store/diagnostics-query';

export const GET = withSession(
  { query: diagnosticsQuerySchema },
  async ({ query, session, db, person, req }) => {
    const workspaces = await scopeWorkspaces(
      { db, person, session },
      { scope: query.scope },
      namedWorkspace(req),
    );
    const sync = await ensureFresh(workspaces, { waitMs: 2500 });
    const board = await triageBoard(db, {
      scope: query.scope,
      workspaceIds: workspaces.map((w) => w.id),
      workspaceLabels: labelsOf(workspaces),
    });
    return json({ scope: query.scope, ...board, sync });
  },
);
