// GET /api/diagnostics/accounts: one page of a triage group's accounts (?group=<id>&scope=&offset=&limit=).
import { isTriageGroupId } from '@/lib/diagnostics/triage-groups';
import { groupAccountsQuerySchema } from '@/lib/schemas/api-diagnostics';
import { labelsOf, namedWorkspace, scopeWorkspaces } from '@/lib/server/fleet';
import { ProblemError, json } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';
import { triageGroupAccounts } from '@/lib/store/diagnostics-query';

export const GET = withSession(
  { query: groupAccountsQuerySchema },
  async ({ query, session, db, person, req }) => {
    const group = query.group;
    if (!isTriageGroupId(group)) {
      throw new ProblemError({
        type: 'invalid-input',
        title: 'No such triage group',
        detail:
          'The group is a cause id or one of warmup-banned, warmup-spam-folder-unknown, warmup-suspended, status-error-no-message.',
        status: 400,
        field: 'group',
      });
    }
    const workspaces = await scopeWorkspaces(
      { db, person, session },
      { scope: query.scope },
      namedWorkspace(req),
    );
    const page = await triageGroupAccounts(
      db,
      {
        scope: query.scope,
        workspaceIds: workspaces.map((w) => w.id),
        workspaceLabels: labelsOf(workspaces),
      },
      group,
      { offset: query.offset, limit: query.limit },
    );
    return json(page);
  },
);
