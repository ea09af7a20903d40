import 'server-only';
import type { ExpressionBuilder, Selectable } from 'kysely';
import { type AlertEvent, alertEventSchema } from '@/lib/schemas/alert-event';
import type { AlertEventCursor } from './alert-events';
import type { Db } from './connect';
import type { AlertDeliveriesTable, Tables } from './schema';
import { inTransaction } from './transaction';

// Deliveries of alert events to channels (migration 15), and each channel's cursor into the event
// queue. Any number of workers share them: a cursor moves only from where the mover read it
// (compare-and-set), an event's delivery row is written once (its id is channel + event), and a
// delivery is sent by whoever claims it with a conditional update; a claim that outlives its worker
// lapses and another worker takes the delivery over.

export type AlertDeliveryRow = Selectable<AlertDeliveriesTable>;

// ---- cursors -------------------------------------------------------------------------------------

export async function channelCursor(db: Db, channelId: string): Promise<AlertEventCursor | null> {
  const row = await db
    .selectFrom('alert_channel_cursors')
    .select(['created_at', 'event_id'])
    .where('channel_id', '=', channelId)
    .executeTakeFirst();
  return row ? { createdAt: row.created_at, eventId: row.event_id } : null;
}

/** A channel's first cursor: it reads what is appended from then on (not the whole history). */
export async function startChannelCursor(db: Db, channelId: string, from: AlertEventCursor): Promise<void> {
  await db
    .insertInto('alert_channel_cursors')
    .values({ channel_id: channelId, created_at: from.createdAt, event_id: from.eventId })
    .onConflict((oc) => oc.column('channel_id').doNothing())
    .execute();
}

/** Moves a cursor from `from` to `to`; false when another worker moved it first. */
export async function moveChannelCursor(
  db: Db,
  channelId: string,
  from: AlertEventCursor,
  to: AlertEventCursor,
): Promise<boolean> {
  const result = await db
    .updateTable('alert_channel_cursors')
    .set({ created_at: to.createdAt, event_id: to.eventId })
    .where('channel_id', '=', channelId)
    .where('created_at', '=', from.createdAt)
    .where('event_id', '=', from.eventId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

// ---- queueing ------------------------------------------------------------------------------------

export const eventDeliveryId = (channelId: string, eventId: string) => `${channelId}:${eventId}`;
export const digestDeliveryId = (channelId: string, at: number) =>
  `${channelId}:digest:${new Date(at).toISOString()}`;

export type QueuedRoute = { mode: 'now'; at: number } | { mode: 'digest'; at: number; day: string };

/** What became of an event offered to a channel. */
export type QueueResult = 'queued' | 'already-recorded' | 'digest-closed';

/** Thrown inside the transaction so that the event's row goes with it. */
class DigestClosed extends Error {}

/**
 * Records that a channel takes an event: sent at `route.at`, or held for the digest sent then (whose
 * row is created with its first event). Writing the same event twice changes nothing. An event
 * routed to a digest that another worker has meanwhile claimed (at the digest hour) is not recorded:
 * `digest-closed`, and the caller routes it to the next digest, since that message has gone out
 * (or is going out) without it.
 */
export async function queueEventDelivery(
  db: Db,
  channelId: string,
  event: AlertEvent,
  route: QueuedRoute,
  now: number,
): Promise<QueueResult> {
  try {
    return await inTransaction(db, (trx) => recordEventDelivery(trx, channelId, event, route, now));
  } catch (error) {
    if (error instanceof DigestClosed) return 'digest-closed';
    throw error;
  }
}

async function recordEventDelivery(
  trx: Db,
  channelId: string,
  event: AlertEvent,
  route: QueuedRoute,
  now: number,
): Promise<QueueResult> {
  const digestId = route.mode === 'digest' ? digestDeliveryId(channelId, route.at) : null;
  const inserted = await trx
    .insertInto('alert_deliveries')
    .values({
      id: eventDeliveryId(channelId, event.eventId),
      channel_id: channelId,
      kind: 'event',
      event_id: event.eventId,
      alert_id: event.alertId,
      title: event.title,
      severity: event.severity,
      route: route.mode,
      digest_id: digestId,
      digest_day: route.mode === 'digest' ? route.day : null,
      events: 1,
      payload_json: JSON.stringify(event),
      status: route.mode === 'now' && route.at <= now ? 'queued' : 'held',
      next_attempt_at: route.at,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return 'already-recorded';
  if (route.mode === 'digest' && digestId) {
    await trx
      .insertInto('alert_deliveries')
      .values({
        id: digestId,
        channel_id: channelId,
        kind: 'digest',
        event_id: digestId,
        title: `Digest for ${route.day}`,
        route: 'digest',
        digest_day: route.day,
        events: 0,
        status: 'held',
        next_attempt_at: route.at,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    // Only a digest that no worker has claimed yet (or one waiting for a retry, which reads its
    // events again when it is sent) takes more. On PostgreSQL this update waits for a concurrent
    // claim's row lock and then sees its status; on SQLite the two are serialised.
    const counted = await trx
      .updateTable('alert_deliveries')
      .set((eb) => ({ events: eb('events', '+', 1), updated_at: now }))
      .where('id', '=', digestId)
      .where('status', 'in', ['held', 'queued'])
      .executeTakeFirst();
    if (Number(counted.numUpdatedRows) === 0) throw new DigestClosed();
  }
  return 'queued';
}

/** Which of these events the channel has already recorded a delivery for. */
export async function recordedEventIds(
  db: Db,
  channelId: string,
  eventIds: readonly string[],
): Promise<Set<string>> {
  if (eventIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('alert_deliveries')
    .select('event_id')
    .where(
      'id',
      'in',
      eventIds.map((id) => eventDeliveryId(channelId, id)),
    )
    .execute();
  return new Set(rows.flatMap((r) => (r.event_id === null ? [] : [r.event_id])));
}

/** How this channel delivered an alert's earlier events (for its recovery), if it delivered any. */
export async function earlierRouteOf(
  db: Db,
  channelId: string,
  alertId: string,
): Promise<'now' | 'digest' | null> {
  const row = await db
    .selectFrom('alert_deliveries')
    .select('route')
    .where('channel_id', '=', channelId)
    .where('alert_id', '=', alertId)
    .where('kind', '=', 'event')
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return row?.route === 'now' || row?.route === 'digest' ? row.route : null;
}

// ---- sending -------------------------------------------------------------------------------------

/**
 * Claims up to `limit` deliveries that are due (and any whose claim lapsed), each with a conditional
 * update so that of two workers only one sends it; every claim counts as an attempt.
 */
export async function claimDueDeliveries(
  db: Db,
  owner: string,
  now: number,
  claimMs: number,
  limit: number,
  channelIds: readonly string[],
): Promise<AlertDeliveryRow[]> {
  if (channelIds.length === 0) return [];
  const due = (eb: ExpressionBuilder<Tables, 'alert_deliveries'>) =>
    eb.or([
      eb.and([
        eb('status', 'in', ['queued', 'held']),
        eb('next_attempt_at', '<=', now),
        eb.or([eb('kind', '=', 'digest'), eb('route', '=', 'now')]),
      ]),
      eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<', now)]),
    ]);
  const candidates = await db
    .selectFrom('alert_deliveries')
    .select('id')
    .where(due)
    .where('channel_id', 'in', channelIds)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  const claimed: AlertDeliveryRow[] = [];
  for (const { id } of candidates) {
    const result = await db
      .updateTable('alert_deliveries')
      .set((eb) => ({
        status: 'sending',
        claimed_by: owner,
        claimed_until: now + claimMs,
        attempts: eb('attempts', '+', 1),
        updated_at: now,
      }))
      .where('id', '=', id)
      .where(due)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) continue;
    const row = await db.selectFrom('alert_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
    if (row) claimed.push(row);
  }
  return claimed;
}

/** The events a digest collected, oldest first. */
export async function digestEvents(db: Db, digestId: string): Promise<AlertEvent[]> {
  const rows = await db
    .selectFrom('alert_deliveries')
    .select('payload_json')
    .where('digest_id', '=', digestId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => alertEventSchema.parse(JSON.parse(row.payload_json ?? 'null')));
}

export type DeliveryOutcome =
  | { status: 'delivered' }
  | { status: 'queued'; at: number; error: string }
  | { status: 'failed'; error: string };

/**
 * Records how an attempt ended, if this worker still holds the claim. A digest's events take the
 * digest's final state with it, so each one shows whether its message went out.
 */
export function finishDelivery(
  db: Db,
  row: Pick<AlertDeliveryRow, 'id' | 'kind'>,
  owner: string,
  outcome: DeliveryOutcome,
  now: number,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const final = outcome.status !== 'queued';
    const result = await trx
      .updateTable('alert_deliveries')
      .set({
        status: outcome.status,
        last_error: outcome.status === 'delivered' ? null : outcome.error,
        next_attempt_at: outcome.status === 'queued' ? outcome.at : null,
        claimed_by: null,
        claimed_until: null,
        updated_at: now,
        finished_at: final ? now : null,
      })
      .where('id', '=', row.id)
      .where('claimed_by', '=', owner)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    if (row.kind === 'digest' && final)
      await trx
        .updateTable('alert_deliveries')
        .set({
          status: outcome.status,
          last_error: outcome.status === 'failed' ? outcome.error : null,
          next_attempt_at: null,
          updated_at: now,
          finished_at: now,
        })
        .where('digest_id', '=', row.id)
        .execute();
    return true;
  });
}

/** A delivery made outside the queue (a test alert), due at once. */
export async function insertImmediateDelivery(
  db: Db,
  channelId: string,
  event: AlertEvent,
  now: number,
): Promise<AlertDeliveryRow> {
  const id = eventDeliveryId(channelId, event.eventId);
  await queueEventDelivery(db, channelId, event, { mode: 'now', at: now }, now);
  return db.selectFrom('alert_deliveries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

// ---- reading -------------------------------------------------------------------------------------

export const deliveryById = async (db: Db, id: string): Promise<AlertDeliveryRow | null> =>
  (await db.selectFrom('alert_deliveries').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;

/** A channel's deliveries, newest first: what its page shows. */
export const listChannelDeliveries = (
  db: Db,
  channelId: string,
  limit: number,
): Promise<AlertDeliveryRow[]> =>
  db
    .selectFrom('alert_deliveries')
    .selectAll()
    .where('channel_id', '=', channelId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();

/** Each channel's newest message (an event sent on its own, or a digest), for the channel list. */
export async function lastDeliveries(
  db: Db,
  channelIds: readonly string[],
): Promise<Map<string, AlertDeliveryRow>> {
  const found = new Map<string, AlertDeliveryRow>();
  for (const channelId of channelIds) {
    const row = await db
      .selectFrom('alert_deliveries')
      .selectAll()
      .where('channel_id', '=', channelId)
      .where((eb) => eb.or([eb('kind', '=', 'digest'), eb('route', '=', 'now')]))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (row) found.set(channelId, row);
  }
  return found;
}
