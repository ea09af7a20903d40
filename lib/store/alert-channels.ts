import 'server-only';
import type { Insertable, Selectable } from 'kysely';
import type { Db } from './connect';
import type { AlertChannelsTable } from './schema';
import { inTransaction } from './transaction';

// Alert channels as stored (migration 15). Sealing and opening their secrets is lib/server's job
// (alert-channel-secrets.ts); here they are opaque text. Deleting a channel deletes its cursor and
// its delivery history with it.

export type AlertChannelRow = Selectable<AlertChannelsTable>;
export type NewAlertChannelRow = Insertable<AlertChannelsTable>;
export type AlertChannelChange = Omit<NewAlertChannelRow, 'id' | 'kind' | 'created_by' | 'created_at'>;

export async function insertAlertChannel(db: Db, row: NewAlertChannelRow): Promise<void> {
  await db.insertInto('alert_channels').values(row).execute();
}

export async function updateAlertChannel(db: Db, id: string, change: AlertChannelChange): Promise<boolean> {
  const result = await db.updateTable('alert_channels').set(change).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export function deleteAlertChannel(db: Db, id: string): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const result = await trx.deleteFrom('alert_channels').where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return false;
    await trx.deleteFrom('alert_channel_cursors').where('channel_id', '=', id).execute();
    await trx.deleteFrom('alert_deliveries').where('channel_id', '=', id).execute();
    return true;
  });
}

export const listAlertChannelRows = (db: Db): Promise<AlertChannelRow[]> =>
  db.selectFrom('alert_channels').selectAll().orderBy('created_at').orderBy('id').execute();

export async function alertChannelRow(db: Db, id: string): Promise<AlertChannelRow | null> {
  return (await db.selectFrom('alert_channels').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function countAlertChannels(db: Db): Promise<number> {
  const row = await db
    .selectFrom('alert_channels')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
