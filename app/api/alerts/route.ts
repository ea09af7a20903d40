// GET /api/alerts: the inbox: open alerts (critical first) and the recently resolved ones, over every workspace the person sees.
// POST /api/alerts: {seen: true} marks the inbox as read for the bell (viewer: reading is what it records).
import { z } from 'zod';
import { alertListResponseSchema } from '@/lib/schemas/api-alerts';
import { inboxReader } from '@/lib/server/alerts-access';
import { scopeWorkspaces } from '@/lib/server/fleet';
import { json } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';
import { alertDtoOf } from '@/lib/store/alerts';
import { inboxAlerts, markInboxSeen } from '@/lib/store/alerts-inbox';

export const GET = withSession({}, async ({ db, person, session }) => {
  const workspaces = await scopeWorkspaces({ db, person, session }, { scope: 'all' });
  const { open, resolved } = await inboxAlerts(
    db,
    workspaces.map((w) => w.id),
  );
  return json(
    alertListResponseSchema.parse({ open: open.map(alertDtoOf), resolved: resolved.map(alertDtoOf) }),
  );
});

export const POST = withSession(
  { body: z.strictObject({ seen: z.literal(true) }), role: 'viewer' },
  async ({ db, person }) => {
    await markInboxSeen(db, inboxReader(person), Date.now());
    return json({ seen: true });
  },
);
