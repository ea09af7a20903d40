import 'server-only';
import { type AlertEvent, alertEventSchema } from '@/lib/schemas/alert-event';
import type { Db } from './connect';

// The queue of alert events (migration 13). The rules append; each channel reads from its own
// cursor. Appending an event id twice keeps the first (a re-run evaluation cannot duplicate it).

/** Where a reader stopped: the last event it has seen, by (created_at, event_id). */
export interface AlertEventCursor {
  createdAt: number;
  eventId: string;
}

export interface QueuedAlertEvent {
  cursor: AlertEventCursor;
  event: AlertEvent;
}

export async function appendAlertEvents(
  db: Db,
  events: readonly AlertEvent[],
  createdAt: number,
): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('alert_events')
    .values(
      events.map((event) => ({
        event_id: event.eventId,
        created_at: createdAt,
        workspace_id: event.workspace.id,
        alert_id: event.alertId,
        kind: event.kind,
        severity: event.severity,
        payload_json: JSON.stringify(alertEventSchema.parse(event)),
      })),
    )
    .onConflict((oc) => oc.column('event_id').doNothing())
    .execute();
}

/** Events after the cursor (all of them from null), oldest first. */
export async function listAlertEventsAfter(
  db: Db,
  after: AlertEventCursor | null,
  limit: number,
): Promise<QueuedAlertEvent[]> {
  let query = db
    .selectFrom('alert_events')
    .select(['event_id', 'created_at', 'payload_json'])
    .orderBy('created_at')
    .orderBy('event_id')
    .limit(limit);
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '>', after.createdAt),
        eb.and([eb('created_at', '=', after.createdAt), eb('event_id', '>', after.eventId)]),
      ]),
    );
  const rows = await query.execute();
  return rows.map((row) => ({
    cursor: { createdAt: row.created_at, eventId: row.event_id },
    event: alertEventSchema.parse(JSON.parse(row.payload_json)),
  }));
}
