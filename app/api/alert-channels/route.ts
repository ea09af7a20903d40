// GET /api/alert-channels: every alert channel with its last delivery (secrets never included); like
// every channel route, refused to a member limited to some workspaces (channels serve them all).
// POST /api/alert-channels {kind, name, …}: add a channel; its URL is checked against SSRF (admin+).
import { createAlertChannelInputSchema } from '@/lib/schemas/api-alert-channels';
import { channelViews, createChannel, requireEveryWorkspace } from '@/lib/server/alert-channels';
import { listBackgroundWorkspaces } from '@/lib/server/background-workspaces';
import { getConfig } from '@/lib/server/config';
import { json } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';
import { lastDeliveries } from '@/lib/store/alert-deliveries';

export const GET = withSession({}, async ({ db, person }) => {
  requireEveryWorkspace(person);
  const [channels, workspaces] = await Promise.all([
    channelViews(db, getConfig(), (ids) => lastDeliveries(db, ids)),
    listBackgroundWorkspaces(db),
  ]);
  return json({ channels, workspaces: workspaces.map((w) => ({ id: w.id, name: w.name })) });
});

export const POST = withSession(
  { body: createAlertChannelInputSchema, role: 'admin' },
  async ({ body, db, person }) => {
    requireEveryWorkspace(person);
    const id = await createChannel(db, body, person, { allowPrivate: getConfig().ALERTS_ALLOW_PRIVATE_URLS });
    return json({ id }, { status: 201 });
  },
);
