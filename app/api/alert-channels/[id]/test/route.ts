// POST /api/alert-channels/[id]/test: queue a `test` alert to this channel now; the worker sends it
// (with its retries) and the channel's deliveries show how it went. An admin's, like every change to a
// channel: a test reaches the channel's real recipients.
import { alertChannelParamsSchema } from '@/lib/server/alert-channel-params';
import { requireEveryWorkspace } from '@/lib/server/alert-channels';
import { sendTestAlert } from '@/lib/server/alert-test';
import { json } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';

export const POST = withSession(
  { params: alertChannelParamsSchema, role: 'admin' },
  async ({ params, db, person }) => {
    requireEveryWorkspace(person);
    return json({ delivery: await sendTestAlert(db, params.id) }, { status: 202 });
  },
);
