// GET /api/accounts/[email]: the account read fresh from Instantly (and indexed). PATCH: save changed settings.
import { accountEmailParamsSchema } from '@/lib/schemas/api-account-detail';
import { parseSettingsBody, readAccountDetail, saveAccountSettings } from '@/lib/server/account-detail';
import { actorOf } from '@/lib/server/auth/actor';
import { json } from '@/lib/server/problem';
import { withWorkspace } from '@/lib/server/with-workspace';

export const GET = withWorkspace(
  { params: accountEmailParamsSchema },
  async ({ params, workspace, client, signal, db }) =>
    json(await readAccountDetail({ db, workspace, client, signal }, params.email)),
);

// The body is validated by parseSettingsBody (the form's schema) before anything else happens, so an
// out-of-range value is refused with its field named and no call to Instantly.
export const PATCH = withWorkspace(
  { params: accountEmailParamsSchema },
  async ({ params, body, workspace, client, signal, db, person }) => {
    const changes = parseSettingsBody(body);
    const actor = actorOf(person);
    return json(await saveAccountSettings({ db, workspace, client, signal, actor }, params.email, changes));
  },
);
