// GET /api/alerts/unread: the bell's count: open alerts opened or reminded since the inbox was last opened.
import { alertUnreadResponseSchema } from '@/lib/schemas/api-alerts';
import { inboxReader } from '@/lib/server/alerts-access';
import { scopeWorkspaces } from '@/lib/server/fleet';
import { json } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';
import { unreadAlertCount } from '@/lib/store/alerts-inbox';

export const GET = withSession({}, async ({ db, person, session }) => {
  const workspaces = await scopeWorkspaces({ db, person, session }, { scope: 'all' });
  const unread = await unreadAlertCount(
    db,
    inboxReader(person),
    workspaces.map((w) => w.id),
  );
  return json(alertUnreadResponseSchema.parse({ unread }));
});
