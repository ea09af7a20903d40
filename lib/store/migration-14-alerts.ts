import 'server-only';
import { sql } from 'kysely';
import type { Migration } from './migrations';

// Migration 14: the alert rules' state. `alerts` holds one row per alert ever opened; `open_key`
// names its (workspace, rule, cause, scope) while it is open and is null once it resolves, so a plain
// unique index (NULLs never collide on either dialect) enforces "one open alert per key" in the
// database, and two workers reconciling at once cannot open the same alert twice. `alert_settings`
// holds a workspace's thresholds and switches as zod-checked JSON (lib/schemas/alert-settings.ts);
// `alert_inbox_reads` when each person (or the open demo) last opened the inbox, for the bell.
export const alertsMigration: Migration['up'] = async (db, dialect) => {
  const clustered = dialect === 'sqlite' ? sql`without rowid` : sql``;
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('scope_kind', 'text', (c) => c.notNull())
    .addColumn('scope_value', 'text', (c) => c.notNull())
    .addColumn('open_key', 'text')
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('fix_json', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('accounts_json', 'text', (c) => c.notNull())
    .addColumn('filter_json', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('notified_at', 'bigint', (c) => c.notNull())
    .addColumn('resolved_at', 'bigint')
    .addColumn('resolution', 'text')
    .addColumn('acknowledged_at', 'bigint')
    .addColumn('acknowledged_by', 'text')
    .addColumn('snoozed_until', 'bigint')
    .addColumn('reminders', 'integer', (c) => c.notNull().defaultTo(0))
    .modifyEnd(clustered)
    .execute();
  await db.schema.createIndex('alerts_open_key').unique().on('alerts').column('open_key').execute();
  await db.schema
    .createIndex('alerts_by_workspace')
    .on('alerts')
    .columns(['workspace_id', 'resolved_at', 'opened_at'])
    .execute();
  // An alert's own events (its page lists them), without scanning the whole queue.
  await db.schema
    .createIndex('alert_events_by_alert')
    .on('alert_events')
    .columns(['alert_id', 'created_at'])
    .execute();
  await db.schema
    .createTable('alert_settings')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey())
    .addColumn('settings_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .modifyEnd(clustered)
    .execute();
  await db.schema
    .createTable('alert_inbox_reads')
    .addColumn('reader', 'text', (c) => c.primaryKey())
    .addColumn('seen_at', 'bigint', (c) => c.notNull())
    .modifyEnd(clustered)
    .execute();
};
