import 'server-only';
import { type CreateTableBuilder, type Kysely, sql } from 'kysely';
import { alertsMigration } from './migration-14-alerts';
import { alertChannelsMigration } from './migration-15-alert-channels';
import { auditFieldNamesMigration } from './migration-23-audit-field-names';
import { peopleMigration } from './migration-8-people';

/**
 * Numbered, append-only migrations, applied in order at start (lib/store/migrate.ts). Never edit a
 * migration that has shipped: add the next number. Migrations 1–4 shipped as SQLite DDL; they are
 * written here with Kysely's schema builder so that the same steps build the same tables on
 * PostgreSQL, and an existing SQLite file (which has them applied) only runs what is new.
 */
export interface Migration {
  id: number;
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the tables as they were then, not as schema.ts says now
  up(db: Kysely<any>, dialect: Dialect): Promise<void>;
}

export type Dialect = 'sqlite' | 'postgres';

/** Tables keyed by their primary key alone are stored as clustered B-trees on SQLite. */
const clustered =
  (dialect: Dialect) =>
  <TB extends string, C extends string>(table: CreateTableBuilder<TB, C>) =>
    dialect === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table;

/** Who made the rows written before migration 11 recorded it (the actor columns' default). */
export const ACTOR_BEFORE_SIGN_IN = 'Someone before sign-in';

/** A double on both (SQLite's REAL is 8 bytes; PostgreSQL's `real` is 4). */
const double = sql`double precision`;

export const migrations: readonly Migration[] = [
  {
    id: 1,
    name: 'fleet index, sync state, bulk actions',
    async up(db, dialect) {
      await db.schema
        .createTable('accounts')
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('first_name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('last_name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('domain', 'text', (c) => c.notNull())
        .addColumn('provider_code', 'integer')
        .addColumn('status', 'integer')
        .addColumn('warmup_status', 'integer')
        .addColumn('warmup_score', 'integer')
        .addColumn('daily_limit', 'integer')
        .addColumn('sending_gap', 'integer')
        .addColumn('warmup_limit', 'integer')
        .addColumn('last_used_at', 'text')
        .addColumn('created_at', 'text')
        .addColumn('has_error', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('error_cause', 'text')
        .addColumn('error_severity', 'text')
        .addColumn('error_summary', 'text')
        .addColumn('error_stale', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('autofix_failed', 'integer')
        .addColumn('is_managed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('status_message_json', 'text')
        .addColumn('tags_json', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('tag_labels', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('raw_json', 'text', (c) => c.notNull())
        .addColumn('indexed_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('accounts_pk', ['workspace_id', 'email'])
        .$call(clustered(dialect))
        .execute();
      for (const [name, column] of [
        ['accounts_status', 'status'],
        ['accounts_warmup_status', 'warmup_status'],
        ['accounts_domain', 'domain'],
        ['accounts_cause', 'error_cause'],
      ] as const) {
        await db.schema.createIndex(name).on('accounts').columns(['workspace_id', column]).execute();
      }

      await db.schema
        .createTable('account_tags')
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('tag_id', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('account_tags_pk', ['workspace_id', 'email', 'tag_id'])
        .$call(clustered(dialect))
        .execute();
      await db.schema
        .createIndex('account_tags_tag')
        .on('account_tags')
        .columns(['workspace_id', 'tag_id'])
        .execute();

      await db.schema
        .createTable('workspace_sync')
        .addColumn('workspace_id', 'text', (c) => c.primaryKey())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text')
        .addColumn('synced_at', 'text')
        .addColumn('pages', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('accounts_seen', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('requests', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('error', 'text')
        .addColumn('problem_json', 'text')
        .execute();

      // A bulk action: one person's change over many accounts, recorded account by account.
      await db.schema
        .createTable('bulk_actions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('params_json', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('total', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('retry_of', 'text')
        .addColumn('last_error', 'text')
        .execute();
      await db.schema
        .createIndex('bulk_actions_created')
        .on('bulk_actions')
        .column('created_at desc')
        .execute();
      await db.schema.createIndex('bulk_actions_status').on('bulk_actions').column('status').execute();

      // Which workspaces an action touches (labels as the person saw them), so lists can be limited
      // to the workspaces a browser holds keys for.
      await db.schema
        .createTable('bulk_action_workspaces')
        .addColumn('action_id', 'text', (c) => c.notNull().references('bulk_actions.id').onDelete('cascade'))
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('bulk_action_workspaces_pk', ['action_id', 'workspace_id'])
        .$call(clustered(dialect))
        .execute();
      await db.schema
        .createIndex('bulk_action_workspaces_workspace')
        .on('bulk_action_workspaces')
        .columns(['workspace_id', 'action_id'])
        .execute();

      await db.schema
        .createTable('bulk_action_items')
        .addColumn('action_id', 'text', (c) => c.notNull().references('bulk_actions.id').onDelete('cascade'))
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('batch_id', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('bulk_action_items_pk', ['action_id', 'workspace_id', 'email'])
        .$call(clustered(dialect))
        .execute();
      await db.schema
        .createIndex('bulk_action_items_state')
        .on('bulk_action_items')
        .columns(['action_id', 'state'])
        .execute();
      await db.schema
        .createIndex('bulk_action_items_batch')
        .on('bulk_action_items')
        .column('batch_id')
        .execute();
      await db.schema
        .createIndex('bulk_action_items_account')
        .on('bulk_action_items')
        .columns(['workspace_id', 'email', 'state'])
        .execute();

      // One Instantly background job (warmup kinds). next_poll_at is the next poll while running and
      // "not before" while queued (a 409 from a job started elsewhere is retried later).
      await db.schema
        .createTable('bulk_action_batches')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('action_id', 'text', (c) => c.notNull().references('bulk_actions.id').onDelete('cascade'))
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('all_emails', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('upstream_job_id', 'text')
        .addColumn('request_json', 'text', (c) => c.notNull())
        .addColumn('before_json', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('upstream_status', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('poll_failures', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('poll_interval_ms', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_poll_at', 'text')
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text')
        .addColumn('error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('bulk_action_batches_action')
        .on('bulk_action_batches')
        .columns(['action_id', 'seq'])
        .execute();
      await db.schema
        .createIndex('bulk_action_batches_state')
        .on('bulk_action_batches')
        .columns(['workspace_id', 'state'])
        .execute();
    },
  },
  {
    id: 2,
    name: 'settings history and audit log',
    async up(db, dialect) {
      await db.schema
        .createTable('settings_history')
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('observed_at', 'text', (c) => c.notNull())
        .addColumn('daily_limit', 'integer')
        .addColumn('sending_gap', 'integer')
        .addColumn('warmup_limit', 'integer')
        .addColumn('warmup_increment', 'text')
        .addColumn('warmup_reply_rate', double)
        .addColumn('source', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('settings_history_pk', ['workspace_id', 'email', 'observed_at'])
        .$call(clustered(dialect))
        .execute();

      // Every change made through the dashboard: one entry per batch or per account action.
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'integer', (c) =>
          dialect === 'sqlite'
            ? c.primaryKey().autoIncrement()
            : c.primaryKey().generatedByDefaultAsIdentity(),
        )
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('email_count', 'integer', (c) => c.notNull())
        .addColumn('changes_json', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('bulk_action_id', 'text')
        .addColumn('upstream_job_id', 'text')
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('detail', 'text')
        .execute();
      await db.schema
        .createIndex('audit_log_workspace')
        .on('audit_log')
        .columns(['workspace_id', 'at'])
        .execute();
      await db.schema.createIndex('audit_log_bulk_action').on('audit_log').column('bulk_action_id').execute();

      // The accounts of an entry, each with its own outcome (a batch can partly fail) and, where they
      // differ per account, its own old → new values.
      await db.schema
        .createTable('audit_log_accounts')
        .addColumn('audit_id', 'integer', (c) => c.notNull().references('audit_log.id').onDelete('cascade'))
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('changes_json', 'text')
        .addPrimaryKeyConstraint('audit_log_accounts_pk', ['workspace_id', 'email', 'at', 'audit_id'])
        .$call(clustered(dialect))
        .execute();
    },
  },
  {
    id: 3,
    name: 'upstream JSON out of the fleet index rows',
    // Every facet count and sort scans the accounts table; with each account's full upstream JSON
    // inline, a 10,000-account scan read ~25 MB. The JSON is only needed one account at a time.
    async up(db, dialect) {
      await db.schema
        .createTable('account_raw')
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('raw_json', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('account_raw_pk', ['workspace_id', 'email'])
        .$call(clustered(dialect))
        .execute();
      await sql`INSERT INTO account_raw (workspace_id, email, raw_json) SELECT workspace_id, email, raw_json FROM accounts`.execute(
        db,
      );
      await db.schema.alterTable('accounts').dropColumn('raw_json').execute();
    },
  },
  {
    id: 4,
    name: 'revoked key cookies',
    // A key cookie carries its own id; forgetting a key revokes that id so copies of the old cookie
    // stop opening at once. Rows are kept only until the cookie would have expired anyway.
    async up(db, dialect) {
      await db.schema
        .createTable('revoked_sessions')
        .addColumn('sid', 'text', (c) => c.primaryKey())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .$call(clustered(dialect))
        .execute();
    },
  },
  {
    id: 5,
    name: 'coordination between processes',
    // Several instances on one PostgreSQL: who runs a sync or a bulk action (leases), how many
    // requests a workspace may still send (shared budgets), and when cached views went stale.
    async up(db, dialect) {
      await db.schema
        .createTable('leases')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('acquired_at', 'bigint', (c) => c.notNull())
        .$call(clustered(dialect))
        .execute();
      await db.schema
        .createTable('rate_budgets')
        .addColumn('bucket', 'text', (c) => c.primaryKey())
        .addColumn('second_tokens', double, (c) => c.notNull())
        .addColumn('minute_tokens', double, (c) => c.notNull())
        .addColumn('refilled_at', 'bigint', (c) => c.notNull())
        .addColumn('paused_until', 'bigint', (c) => c.notNull().defaultTo(0))
        .$call(clustered(dialect))
        .execute();
      await db.schema
        .createTable('index_versions')
        .addColumn('workspace_id', 'text', (c) => c.primaryKey())
        .addColumn('version', 'bigint', (c) => c.notNull())
        .$call(clustered(dialect))
        .execute();
    },
  },
  {
    id: 6,
    name: 'sync backoff',
    // When a failing workspace may sync again was kept in process memory: every instance (and every
    // restart) then hammered an Instantly that was already failing. Now it is a row all of them read.
    async up(db) {
      await db.schema
        .alterTable('workspace_sync')
        .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('workspace_sync').addColumn('retry_at', 'bigint').execute();
      await db.schema.alterTable('workspace_sync').addColumn('last_started_at', 'bigint').execute();
    },
  },
  {
    id: 7,
    name: 'revoked key cookies expire in epoch milliseconds',
    // Rows written before were in epoch seconds; any value below 1e11 is one (1e11 ms is 1973, 1e11 s
    // the year 5138). Left as they were, they would be pruned at once and revoked cookies open again.
    async up(db) {
      await db
        .updateTable('revoked_sessions')
        .set((eb) => ({ expires_at: eb('expires_at', '*', 1000) }))
        .where('expires_at', '<', 100_000_000_000)
        .execute();
    },
  },
  {
    id: 8,
    name: 'people',
    // Sign-in (better-auth's tables), roles, member workspace limits, invites, failed sign-ins.
    up: peopleMigration,
  },
  {
    id: 9,
    name: 'key vault',
    // Instantly keys stored on the server, sealed (AES-256-GCM under the server secret) so the
    // worker can act with no browser open. `sealing_key_id` names the key a row was sealed under, so
    // rows left under a rotated-out secret can be found and resealed; the plain last four characters
    // are all the list ever shows.
    async up(db, dialect) {
      await db.schema
        .createTable('vault_workspaces')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('sealed_key', 'text', (c) => c.notNull())
        .addColumn('sealing_key_id', 'text', (c) => c.notNull())
        .addColumn('key_last4', 'text', (c) => c.notNull())
        .addColumn('added_by_id', 'text', (c) => c.notNull())
        .addColumn('added_by_name', 'text', (c) => c.notNull())
        .addColumn('added_at', 'text', (c) => c.notNull())
        .$call(clustered(dialect))
        .execute();
    },
  },
  {
    id: 10,
    name: '10_worker',
    // The background worker: which processes run one and when each last beat (the status page, and
    // the warning when none runs), and when each periodic task of a workspace (the scheduled sync, a
    // daily task) is due next, what it last did and why it last failed. The due time is the claim:
    // one conditional update moves it, so several workers on one database never run a slot twice.
    async up(db, dialect) {
      await db.schema
        .createTable('worker_heartbeats')
        .addColumn('process_id', 'text', (c) => c.primaryKey())
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('beat_at', 'bigint', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .$call(clustered(dialect))
        .execute();
      await db.schema
        .createTable('worker_schedule')
        .addColumn('task', 'text', (c) => c.notNull())
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('next_at', 'bigint', (c) => c.notNull())
        .addColumn('last_started_at', 'bigint')
        .addColumn('last_finished_at', 'bigint')
        .addColumn('last_error', 'text')
        .addColumn('last_error_at', 'bigint')
        .addPrimaryKeyConstraint('worker_schedule_pk', ['task', 'workspace_id'])
        .$call(clustered(dialect))
        .execute();
    },
  },
  {
    id: 11,
    name: 'who did it: actors on audit entries and bulk actions',
    // The person's id and the name they had then. No foreign key to people: a removed member's
    // entries keep saying who made them. Rows written before sign-in existed name nobody.
    async up(db) {
      for (const table of ['audit_log', 'bulk_actions']) {
        await db.schema.alterTable(table).addColumn('actor_id', 'text').execute();
        await db.schema
          .alterTable(table)
          .addColumn('actor_name', 'text', (c) => c.notNull().defaultTo(ACTOR_BEFORE_SIGN_IN))
          .execute();
      }
    },
  },
  {
    id: 12,
    name: 'warmup_daily',
    // Instantly's warmup analytics only reach back a few weeks and keep nothing older, so the days a
    // daily fetch sees are kept here: the health chart then has every day, also of accounts nobody
    // opened while Instantly still had them. One row per workspace, lower-cased email and UTC day.
    async up(db, dialect) {
      await db.schema
        .createTable('warmup_daily')
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('sent', 'integer', (c) => c.notNull())
        .addColumn('landed_inbox', 'integer', (c) => c.notNull())
        .addColumn('landed_spam', 'integer', (c) => c.notNull())
        .addColumn('received', 'integer', (c) => c.notNull())
        .addColumn('health_score', 'integer')
        .addColumn('fetched_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('warmup_daily_pk', ['workspace_id', 'email', 'day'])
        .$call(clustered(dialect))
        .execute();
      await db.schema
        .createTable('warmup_daily_runs')
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text', (c) => c.notNull())
        .addColumn('accounts', 'integer', (c) => c.notNull())
        .addColumn('calls', 'integer', (c) => c.notNull())
        .addColumn('failed_calls', 'integer', (c) => c.notNull())
        .addColumn('failed_emails', 'integer', (c) => c.notNull())
        .addColumn('error', 'text')
        .addPrimaryKeyConstraint('warmup_daily_runs_pk', ['workspace_id', 'day'])
        .$call(clustered(dialect))
        .execute();
    },
  },
  {
    id: 13,
    name: 'alert_events',
    // Every alert event the rules emit (opened, reminder, recovered, test), in the order they were
    // appended: the channels read it as a queue from their own cursor, so a delivery can be retried,
    // held for a digest or repeated on a new channel without asking the rules again.
    async up(db, dialect) {
      await db.schema
        .createTable('alert_events')
        .addColumn('event_id', 'text', (c) => c.primaryKey())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('alert_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('payload_json', 'text', (c) => c.notNull())
        .$call(clustered(dialect))
        .execute();
      await db.schema
        .createIndex('alert_events_order')
        .on('alert_events')
        .columns(['created_at', 'event_id'])
        .execute();
    },
  },
  {
    id: 14,
    name: 'alerts, alert settings, inbox reads',
    // The alert rules' state: every alert with one open row per (workspace, rule, cause, scope),
    // each workspace's thresholds, and when each reader last opened the inbox (its own file).
    up: alertsMigration,
  },
  {
    id: 15,
    name: 'alert channels, cursors and deliveries',
    up: alertChannelsMigration,
  },
  {
    id: 16,
    name: 'invites_withdrawn',
    // An admin withdraws an open invite: the row is kept with the time, so the invite page can say
    // "withdrawn" rather than the vaguer "used or expired".
    async up(db) {
      await db.schema.alterTable('invites').addColumn('withdrawn_at', 'bigint').execute();
    },
  },
  {
    id: 20,
    name: 'warmup_daily_by_day',
    // The alert rules read every account's last few warmup days after each sync: a range of days
    // of one workspace, covered by this index instead of a scan of every stored day.
    async up(db) {
      await db.schema
        .createIndex('warmup_daily_by_day')
        .on('warmup_daily')
        .columns(['workspace_id', 'day', 'email', 'sent', 'health_score'])
        .execute();
    },
  },
  {
    id: 21,
    name: 'accounts_unreadable_and_settings_read',
    // Real list rows are sparse (no warmup settings) and one odd row must not fail a page: an index
    // row says when its settings were last read from a one-account GET, and why a list row could
    // not be read (the row is kept, with its email, and shown as such).
    async up(db) {
      await db.schema.alterTable('accounts').addColumn('unreadable_reason', 'text').execute();
      await db.schema.alterTable('accounts').addColumn('settings_read_at', 'text').execute();
    },
  },
  {
    id: 22,
    name: 'workspace_groups',
    // Agencies: one admin key serves every client (sub) workspace of its Instantly workspace group.
    // The key is stored once (the admin's vault row, or the server's INSTANTLY_API_KEY, admin_id
    // 'server'); each client workspace is a row that names its admin and its Instantly id. A client
    // removed by a person is kept with removed_at, so "add clients that join later" never brings it
    // back; one that left the group in Instantly keeps its index and history, with left_at.
    async up(db, dialect) {
      await db.schema
        .createTable('workspace_groups')
        .addColumn('admin_id', 'text', (c) => c.primaryKey())
        .addColumn('auto_add', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('listed_at', 'bigint')
        .$call(clustered(dialect))
        .execute();
      await db.schema
        .createTable('group_workspaces')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('admin_id', 'text', (c) => c.notNull())
        .addColumn('sub_workspace_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('added_by_id', 'text', (c) => c.notNull())
        .addColumn('added_by_name', 'text', (c) => c.notNull())
        .addColumn('added_at', 'text', (c) => c.notNull())
        .addColumn('left_at', 'bigint')
        .addColumn('removed_at', 'bigint')
        .$call(clustered(dialect))
        .execute();
      await db.schema
        .createIndex('group_workspaces_by_admin')
        .on('group_workspaces')
        .columns(['admin_id', 'sub_workspace_id'])
        .unique()
        .execute();
    },
  },
  {
    id: 23,
    name: 'audit_field_names',
    // Audit changes under one naming scheme, the dashboard's field names (lib/schemas/audit-fields.ts).
    up: auditFieldNamesMigration,
  },
  {
    id: 25,
    name: 'saved_views',
    // Saved views of the accounts table: each belongs to the person who made it ('' for the open
    // demo's visitor) and may be shared with the team; a person's default view is one row each.
    // name_key is the lower-cased name, so "Broken Gmail" and "broken gmail" are one name.
    async up(db, dialect) {
      await db.schema
        .createTable('saved_views')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('owner_id', 'text', (c) => c.notNull())
        .addColumn('owner_name', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull())
        .addColumn('search', 'text', (c) => c.notNull())
        .addColumn('columns_json', 'text', (c) => c.notNull())
        .addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .$call(clustered(dialect))
        .execute();
      await db.schema
        .createIndex('saved_views_by_owner_name')
        .on('saved_views')
        .columns(['owner_id', 'name_key'])
        .unique()
        .execute();
      await db.schema
        .createTable('saved_view_defaults')
        .addColumn('person_id', 'text', (c) => c.primaryKey())
        .addColumn('view_id', 'text', (c) => c.notNull())
        .$call(clustered(dialect))
        .execute();
    },
  },
  {
    id: 26,
    name: 'accounts_sort_indexes',
    // A window of the fleet table is read in the order of one of these indexes (ORDER BY … LIMIT/OFFSET
    // straight from the database), never by sorting every account in scope: one index per sort
    // column, on exactly the expression lib/store/account-clauses.ts orders by, then the tie-breaks
    // (email as people read it, email, workspace), so the order is total and one index serves both
    // directions. The facet columns a filter most often names follow, so a filtered window skips the
    // rows it leaves out within the index instead of reading each one from the table.
    async up(db, dialect) {
      const caseless = dialect === 'sqlite' ? 'email COLLATE NOCASE' : 'lower(email)';
      const tail = `${caseless}, email, workspace_id, status, warmup_status, provider_code, has_error`;
      const severity =
        "(case error_severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 when 'low' then 3 else 4 end)";
      const sorts: ReadonlyArray<readonly [string, string | null]> = [
        ['email', null],
        ['name', "(lower(first_name || ' ' || last_name))"],
        ['workspace', 'workspace_id'],
        ['provider', 'provider_code'],
        ['status', 'status'],
        ['warmup_status', 'warmup_status'],
        ['warmup_score', 'warmup_score'],
        ['daily_limit', 'daily_limit'],
        ['sending_gap', 'sending_gap'],
        ['tags', "(nullif(tag_labels, ''))"],
        ['last_used', 'last_used_at'],
        ['created', 'created_at'],
        ['domain', 'domain'],
        ['error', `${severity}, error_stale, error_cause${dialect === 'postgres' ? ' NULLS FIRST' : ''}`],
      ];
      for (const [name, lead] of sorts) {
        const columns = lead === null ? tail : `${lead}, ${tail}`;
        await sql.raw(`CREATE INDEX accounts_order_${name} ON accounts (${columns})`).execute(db);
      }
    },
  },
];
