import 'server-only';
import { buildDigest } from '@/lib/alerts/format/digest';
import { DELIVERY_MAX_ATTEMPTS, nextStep } from '@/lib/alerts/retry';
import { channelTakes, routeEvent } from '@/lib/alerts/routing';
import { alertEventSchema } from '@/lib/schemas/alert-event';
import type { Logger } from '@/lib/server/log';
import {
  type AlertDeliveryRow,
  channelCursor,
  claimDueDeliveries,
  digestEvents,
  earlierRouteOf,
  finishDelivery,
  moveChannelCursor,
  queueEventDelivery,
  recordedEventIds,
  startChannelCursor,
} from '@/lib/store/alert-deliveries';
import { type AlertEventCursor, listAlertEventsAfter } from '@/lib/store/alert-events';
import type { Db } from '@/lib/store/connect';
import {
  type AlertTransports,
  type DeliveryChannel,
  type DeliveryContent,
  attemptDelivery,
} from './alert-delivery-send';

// Alert delivery, run by the worker every tick: each channel reads the event queue from its cursor
// and records a delivery for every event it takes (at once, after quiet hours, or held for its
// digest); then the deliveries that are due are claimed and sent, retried with backoff, and in the end
// delivered or failed for good, never dropped. Any number of workers may run it on one database.

export interface AlertDeliveryOptions {
  db: Db;
  owner: string;
  now?: () => number;
  channels: () => Promise<DeliveryChannel[]>;
  transports: AlertTransports;
  /** DASHBOARD_PUBLIC_URL: links in messages are made absolute with it. */
  publicUrl: string;
  log?: Logger;
  /** Events read per channel and deliveries claimed, per round. */
  batch?: number;
  maxAttempts?: number;
  /** How long a claim holds before another worker may take the delivery over (> the send timeout). */
  claimMs?: number;
}

const DEFAULT_BATCH = 50;
const DEFAULT_CLAIM_MS = 60_000;

/**
 * Events are read again from this far behind the cursor: an event is ordered by the time its rule
 * run began, and a long run (the daily task) or another process's transaction can commit it after
 * the cursor has passed that time. Recording a delivery twice changes nothing.
 */
export const LOOK_BACK_MS = 60 * 60_000;

const isAfter = (a: AlertEventCursor, b: AlertEventCursor) =>
  a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.eventId > b.eventId);

/** Reads a channel's new events into deliveries; returns how many it recorded. */
export async function queueChannelEvents(
  db: Db,
  channel: DeliveryChannel,
  now: number,
  batch = DEFAULT_BATCH,
): Promise<number> {
  let cursor = await channelCursor(db, channel.id);
  if (!cursor) {
    await startChannelCursor(db, channel.id, { createdAt: channel.startsAt, eventId: '' });
    cursor = await channelCursor(db, channel.id);
    if (!cursor) return 0;
  }
  // Never before the channel existed: it does not take what was raised earlier.
  let reading: AlertEventCursor = {
    createdAt: Math.max(channel.startsAt, cursor.createdAt - LOOK_BACK_MS),
    eventId: '',
  };
  let queued = 0;
  for (;;) {
    const page = await listAlertEventsAfter(db, reading, batch);
    const last = page.at(-1);
    if (!last) return queued;
    const recorded = await recordedEventIds(
      db,
      channel.id,
      page.map((e) => e.event.eventId),
    );
    for (const { event } of page) {
      if (recorded.has(event.eventId)) continue;
      // A recovery goes wherever its alert went, even if its own severity is one the channel skips.
      const earlier = event.kind === 'recovered' ? await earlierRouteOf(db, channel.id, event.alertId) : null;
      if (earlier === null && !channelTakes(channel, event)) continue;
      let route = routeEvent(channel, event, now, earlier);
      let result = await queueEventDelivery(db, channel.id, event, route, now);
      // Its digest was claimed by another worker while this one routed it (the digest hour came
      // between): it joins the next digest rather than a message that has gone out without it.
      if (result === 'digest-closed' && route.mode === 'digest') {
        route = routeEvent(channel, event, route.at + 1, earlier);
        result = await queueEventDelivery(db, channel.id, event, route, now);
      }
      if (result === 'digest-closed')
        throw new Error(`the digest at ${new Date(route.at).toISOString()} closed twice`);
      if (result === 'queued') queued += 1;
    }
    if (isAfter(last.cursor, cursor)) {
      // Another worker may have moved it first: what it queued is the same (same ids).
      if (await moveChannelCursor(db, channel.id, cursor, last.cursor)) cursor = last.cursor;
      else cursor = (await channelCursor(db, channel.id)) ?? cursor;
    }
    reading = last.cursor;
    if (page.length < batch) return queued;
  }
}

async function contentOf(db: Db, row: AlertDeliveryRow): Promise<DeliveryContent> {
  if (row.kind === 'digest')
    return {
      kind: 'digest',
      digest: buildDigest(row.id, row.digest_day ?? '', await digestEvents(db, row.id)),
    };
  return { kind: 'event', event: alertEventSchema.parse(JSON.parse(row.payload_json ?? 'null')) };
}

/** Claims the due deliveries and sends each once; returns what became of them. */
export async function sendDueDeliveries(
  options: AlertDeliveryOptions,
  channels: ReadonlyMap<string, DeliveryChannel>,
): Promise<{ delivered: number; retrying: number; failed: number }> {
  const { db, owner } = options;
  const clock = options.now ?? Date.now;
  const tally = { delivered: 0, retrying: 0, failed: 0 };
  const claimMs = options.claimMs ?? DEFAULT_CLAIM_MS;
  // One claim per send, just before it: a claim of the whole batch would lapse behind slow receivers
  // and let another worker send the same delivery again. Only channels this process knows are claimed:
  // a process configured without an environment channel must not fail that channel's deliveries.
  const known = [...channels.keys()];
  for (let sent = 0; sent < (options.batch ?? DEFAULT_BATCH); sent += 1) {
    const [row] = await claimDueDeliveries(db, owner, clock(), claimMs, 1, known);
    if (!row) break;
    const channel = channels.get(row.channel_id);
    const outcome = channel
      ? await contentOf(db, row).then(
          (content) => attemptDelivery(channel, content, options.transports, options.publicUrl, clock()),
          (error: unknown) => ({
            ok: false as const,
            retryable: false,
            error: `unreadable: ${String(error)}`,
          }),
        )
      : { ok: false as const, retryable: false, error: 'the channel is no longer configured' };
    const step = nextStep(outcome, row.attempts, clock(), options.maxAttempts ?? DELIVERY_MAX_ATTEMPTS);
    await finishDelivery(db, row, owner, step, clock());
    if (step.status === 'delivered') tally.delivered += 1;
    else if (step.status === 'queued') tally.retrying += 1;
    else {
      tally.failed += 1;
      options.log?.warn(
        { channelId: row.channel_id, delivery: row.id, error: step.error },
        'alert delivery failed for good',
      );
    }
  }
  return tally;
}

/** One round: queue every channel's new events, then send what is due. */
export async function runAlertDeliveries(options: AlertDeliveryOptions) {
  const clock = options.now ?? Date.now;
  const channels = await options.channels();
  let queued = 0;
  for (const channel of channels)
    queued += await queueChannelEvents(options.db, channel, clock(), options.batch);
  const sent = await sendDueDeliveries(options, new Map(channels.map((c) => [c.id, c])));
  return { queued, ...sent };
}
