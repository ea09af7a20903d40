// POST /api/accounts/vitals: MX/SPF/DKIM/DMARC pass or fail per sending domain of up to 100 accounts.
import { vitalsRequestSchema } from '@/lib/schemas/api-account-detail';
import { checkVitals } from '@/lib/server/account-vitals';
import { json } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';
import { clientFor, resolveWorkspace } from '@/lib/server/workspaces';

export const POST = withSession(
  // A POST only because the account list is long; it reads DNS and changes nothing.
  { body: vitalsRequestSchema, role: 'viewer' },
  async ({ body, session, req, signal, deadline, db, person }) => {
    const workspace = await resolveWorkspace(
      { db, person, session },
      body.workspace ?? req.nextUrl.searchParams.get('workspace'),
    );
    return json(await checkVitals(clientFor(workspace, { deadline }), workspace.id, body.emails, signal));
  },
);
