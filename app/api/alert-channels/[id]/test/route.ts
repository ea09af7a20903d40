// POST /api/alert-channels/[id]/test: queue a `test` alert to this channel now; the worker sends it
// (with its retries) and the channel's deliveries show how it went.
import { alertChannelParamsSchema } from '@/lib/server/alert-channel-params';
import { sendTestAlert } from '@/lib/server/alert-test';
import { json } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';

export const POST = withSession({ params: alertChannelParamsSchema }, async ({ params, db }) =>
  json({ delivery: await sendTestAlert(db, params.id) }, { status: 202 }),
);
