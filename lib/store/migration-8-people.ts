import 'server-only';
import { sql } from 'kysely';
import type { Migration } from './migrations';

// Migration 8: people and sign-in. The auth_* tables and the better-auth columns of `people` are the
// ones better-auth 1.7 reads and writes (lib/server/auth/auth.ts maps its field names onto these
// snake_case columns; it checks them against its schema on first use). better-auth binds Date and
// boolean values natively on PostgreSQL and as ISO text / 0-1 on SQLite, so those columns follow
// the dialect. Everything else (roles, workspace limits, invites, failed sign-ins) is ours.

export const peopleMigration: Migration['up'] = async (db, dialect) => {
  const time = dialect === 'postgres' ? sql`timestamptz` : sql`text`;
  const bool = dialect === 'postgres' ? sql`boolean` : sql`integer`;
  const falseValue = dialect === 'postgres' ? sql`false` : sql`0`;
  await db.schema
    .createTable('people')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('email_verified', bool, (c) => c.notNull().defaultTo(falseValue))
    .addColumn('image', 'text')
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('viewer'))
    // 0: every workspace; 1: only those in person_workspaces (possibly none).
    .addColumn('workspaces_limited', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // The one owner, enforced by the database: two concurrent "create the owner" requests (or two
  // instances starting with DASHBOARD_OWNER_*) cannot both succeed.
  await db.schema
    .createIndex('people_one_owner')
    .on('people')
    .column('role')
    .unique()
    .where(sql.ref('role'), '=', 'owner')
    .execute();
  await db.schema
    .createTable('auth_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', time, (c) => c.notNull())
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .addColumn('ip_address', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('user_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('auth_sessions_user').on('auth_sessions').column('user_id').execute();
  await db.schema
    .createTable('auth_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('provider_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('access_token', 'text')
    .addColumn('refresh_token', 'text')
    .addColumn('id_token', 'text')
    .addColumn('access_token_expires_at', time)
    .addColumn('refresh_token_expires_at', time)
    .addColumn('scope', 'text')
    .addColumn('password', 'text')
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('auth_accounts_user').on('auth_accounts').column('user_id').execute();
  await db.schema
    .createTable('auth_verifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('identifier', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('expires_at', time, (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('auth_verifications_identifier')
    .on('auth_verifications')
    .column('identifier')
    .execute();
  await db.schema
    .createTable('person_workspaces')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('person_workspaces_pk', ['person_id', 'workspace_id'])
    .execute();
  await db.schema
    .createTable('invites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // SHA-256 of the token in the link: a copy of the database does not let anyone accept an invite.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    // JSON array of workspace ids, or null for every workspace.
    .addColumn('workspace_ids_json', 'text')
    .addColumn('created_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addColumn('used_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .execute();
  // Wrong passwords per (e-mail, client) and per e-mail, in the database so every instance counts them.
  await db.schema
    .createTable('sign_in_failures')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'bigint', (c) => c.notNull())
    .$call((t) => (dialect === 'sqlite' ? t.modifyEnd(sql`without rowid`) : t))
    .execute();
};
