import 'server-only';
import type { Migration } from './migrations';

// Migration 15: where alerts go. A channel (Slack, webhook, e-mail) with its routing and its sealed
// secrets; one cursor per channel into the alert event queue (migration 13), channels from the
// environment included; and one delivery row per event a channel takes, plus one per digest. An
// event waiting for a digest is a held row pointing at its digest row, so the channel's page shows it.
export const alertChannelsMigration: Migration['up'] = async (db) => {
  await db.schema
    .createTable('alert_channels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('workspace_ids_json', 'text')
    .addColumn('severities_json', 'text', (c) => c.notNull())
    .addColumn('digest_hour', 'integer', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('quiet_start', 'integer')
    .addColumn('quiet_end', 'integer')
    .addColumn('settings_json', 'text', (c) => c.notNull())
    .addColumn('sealed_secrets', 'text', (c) => c.notNull())
    .addColumn('sealing_key_id', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('alert_channel_cursors')
    .addColumn('channel_id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('alert_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text')
    .addColumn('alert_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('severity', 'text')
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('digest_id', 'text')
    .addColumn('digest_day', 'text')
    .addColumn('events', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('payload_json', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('next_attempt_at', 'bigint')
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('alert_deliveries_due')
    .on('alert_deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('alert_deliveries_channel')
    .on('alert_deliveries')
    .columns(['channel_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('alert_deliveries_alert')
    .on('alert_deliveries')
    .columns(['channel_id', 'alert_id'])
    .execute();
  await db.schema.createIndex('alert_deliveries_digest').on('alert_deliveries').column('digest_id').execute();
};
