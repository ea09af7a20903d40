import 'server-only';
import type { Db } from './connect';
import type { AlertRow } from './alerts';

// The in-app inbox: open and recent alerts of the workspaces a person sees, one alert, acknowledge
// and snooze, and the bell's unread count (alerts opened or reminded since the reader last opened
// the inbox).

/** Resolved alerts shown under the open ones. */
export const RECENT_RESOLVED = 20;

const severityOrder = (row: AlertRow) => (row.severity === 'critical' ? 0 : 1);

export async function inboxAlerts(
  db: Db,
  workspaceIds: readonly string[],
): Promise<{ open: AlertRow[]; resolved: AlertRow[] }> {
  if (workspaceIds.length === 0) return { open: [], resolved: [] };
  const open = await db
    .selectFrom('alerts')
    .selectAll()
    .where('workspace_id', 'in', workspaceIds)
    .where('open_key', 'is not', null)
    .orderBy('opened_at', 'desc')
    .orderBy('id')
    .execute();
  const resolved = await db
    .selectFrom('alerts')
    .selectAll()
    .where('workspace_id', 'in', workspaceIds)
    .where('open_key', 'is', null)
    .orderBy('resolved_at', 'desc')
    .orderBy('id')
    .limit(RECENT_RESOLVED)
    .execute();
  // Critical first, then the newest: what needs a person now is on top.
  open.sort((a, b) => severityOrder(a) - severityOrder(b));
  return { open, resolved };
}

export async function alertById(db: Db, id: string): Promise<AlertRow | null> {
  return (await db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/** Acknowledges an open alert (no more reminders); false when it is not open. */
export async function acknowledgeAlert(db: Db, id: string, by: string, now: number): Promise<boolean> {
  const done = await db
    .updateTable('alerts')
    .set({ acknowledged_at: now, acknowledged_by: by })
    .where('id', '=', id)
    .where('open_key', 'is not', null)
    .executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}

/** Holds an open alert's reminders until `until`; false when it is not open. */
export async function snoozeAlert(db: Db, id: string, until: number): Promise<boolean> {
  const done = await db
    .updateTable('alerts')
    .set({ snoozed_until: until })
    .where('id', '=', id)
    .where('open_key', 'is not', null)
    .executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}

export async function markInboxSeen(db: Db, reader: string, now: number): Promise<void> {
  await db
    .insertInto('alert_inbox_reads')
    .values({ reader, seen_at: now })
    .onConflict((oc) => oc.column('reader').doUpdateSet({ seen_at: now }))
    .execute();
}

/** Open alerts opened or reminded after the reader last opened the inbox. */
export async function unreadAlertCount(
  db: Db,
  reader: string,
  workspaceIds: readonly string[],
): Promise<number> {
  if (workspaceIds.length === 0) return 0;
  const seen = await db
    .selectFrom('alert_inbox_reads')
    .select('seen_at')
    .where('reader', '=', reader)
    .executeTakeFirst();
  const { unread } = await db
    .selectFrom('alerts')
    .select((eb) => eb.fn.countAll<number>().as('unread'))
    .where('workspace_id', 'in', workspaceIds)
    .where('open_key', 'is not', null)
    .where('notified_at', '>', seen?.seen_at ?? -1)
    .executeTakeFirstOrThrow();
  return Number(unread);
}

/** The events an alert appended (opened, reminders, recovered), oldest first. */
export async function eventsOfAlert(
  db: Db,
  alertId: string,
): Promise<Array<{ eventId: string; kind: string; createdAt: number }>> {
  const rows = await db
    .selectFrom('alert_events')
    .select(['event_id', 'kind', 'created_at'])
    .where('alert_id', '=', alertId)
    .orderBy('created_at')
    .orderBy('event_id')
    .execute();
  return rows.map((r) => ({ eventId: r.event_id, kind: r.kind, createdAt: r.created_at }));
}
