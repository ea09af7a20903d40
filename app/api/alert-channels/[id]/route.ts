// GET /api/alert-channels/[id]: one channel and its latest deliveries (status, attempts, last error).
// PATCH /api/alert-channels/[id] {…}: change it; secrets left out are kept (admin+).
// DELETE /api/alert-channels/[id]: remove it with its delivery history (admin+).
import { updateAlertChannelInputSchema } from '@/lib/schemas/api-alert-channels';
import {
  changeChannel,
  channelView,
  deliveryView,
  findDeliveryChannel,
  isEnvironmentChannel,
  noSuchChannel,
  requireEveryWorkspace,
} from '@/lib/server/alert-channels';
import { alertChannelParamsSchema } from '@/lib/server/alert-channel-params';
import { getConfig } from '@/lib/server/config';
import { json } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';
import { deleteAlertChannel } from '@/lib/store/alert-channels';
import { listChannelDeliveries } from '@/lib/store/alert-deliveries';

const SHOWN_DELIVERIES = 100;

export const GET = withSession({ params: alertChannelParamsSchema }, async ({ params, db, person }) => {
  requireEveryWorkspace(person);
  const found = await findDeliveryChannel(db, getConfig(), params.id);
  if (!found) throw noSuchChannel();
  const rows = await listChannelDeliveries(db, params.id, SHOWN_DELIVERIES);
  const last = rows.find((r) => r.kind === 'digest' || r.route === 'now');
  return json({
    channel: channelView(
      found.channel,
      found.row ? 'database' : 'environment',
      found.row?.created_at ?? null,
      last,
    ),
    deliveries: rows.map(deliveryView),
  });
});

export const PATCH = withSession(
  { params: alertChannelParamsSchema, body: updateAlertChannelInputSchema, role: 'admin' },
  async ({ params, body, db, person }) => {
    requireEveryWorkspace(person);
    await changeChannel(db, params.id, body, { allowPrivate: getConfig().ALERTS_ALLOW_PRIVATE_URLS });
    return json({ id: params.id });
  },
);

export const DELETE = withSession(
  { params: alertChannelParamsSchema, role: 'admin' },
  async ({ params, db, person }) => {
    requireEveryWorkspace(person);
    if (isEnvironmentChannel(params.id) || !(await deleteAlertChannel(db, params.id))) throw noSuchChannel();
    return json({ removed: true });
  },
);
