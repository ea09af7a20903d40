import 'server-only';
import { randomUUID } from 'node:crypto';
import { sampleAlertEvent } from '@/lib/alerts/sample-alert';
import type { AlertDelivery } from '@/lib/schemas/api-alert-channels';
import { insertImmediateDelivery } from '@/lib/store/alert-deliveries';
import type { Db } from '@/lib/store/connect';
import { deliveryView, findDeliveryChannel, noSuchChannel } from './alert-channels';
import { getConfig } from './config';
import { wakeLocalWorker } from './worker-process';

/**
 * "Send a test alert": a delivery of a `test` event to this channel only, due at once. It goes through
 * the worker like every alert (signing, SSRF checks, retries), so the test shows what alerts will do.
 */
export async function sendTestAlert(db: Db, channelId: string, now = Date.now()): Promise<AlertDelivery> {
  const found = await findDeliveryChannel(db, getConfig(), channelId);
  if (!found) throw noSuchChannel();
  const event = sampleAlertEvent(found.channel, `test-${randomUUID()}`, now);
  const row = await insertImmediateDelivery(db, channelId, event, now);
  wakeLocalWorker();
  return deliveryView(row);
}
