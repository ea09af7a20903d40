import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, dialectOf } from './connect';
import { openDb } from './db';
import { migrate } from './migrate';
import { ACTOR_BEFORE_SIGN_IN, migrations } from './migrations';
import type { Tables } from './schema';
import { testDb } from './test-db';

const tables: ReadonlyArray<keyof Tables> = [
  'schema_migrations',
  'accounts',
  'account_raw',
  'account_tags',
  'workspace_sync',
  'bulk_actions',
  'bulk_action_workspaces',
  'bulk_action_items',
  'bulk_action_batches',
  'settings_history',
  'audit_log',
  'audit_log_accounts',
  'revoked_sessions',
  'leases',
  'rate_budgets',
  'index_versions',
];

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('migrations', () => {
  it(`build every table on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'}, and a second run changes nothing`, async () => {
    const db = await testDb();
    try {
      expect(dialectOf(db)).toBe(process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite');
      for (const table of tables) {
        const rows = await db.selectFrom(table).selectAll().execute();
        expect(rows, table).toEqual(table === 'schema_migrations' ? expect.any(Array) : []);
      }
      const applied = await db.selectFrom('schema_migrations').select('id').orderBy('id').execute();
      expect(applied.map((row) => row.id)).toEqual(migrations.map((m) => m.id));
      expect(await migrate(db)).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it('keep epoch milliseconds and counts as numbers, and give audit entries increasing ids', async () => {
    const db = await testDb();
    try {
      const expires = Date.UTC(2027, 0, 1, 12, 30, 45, 123);
      await db.insertInto('revoked_sessions').values({ sid: 's1', expires_at: expires }).execute();
      const row = await db.selectFrom('revoked_sessions').selectAll().executeTakeFirstOrThrow();
      expect(row.expires_at).toBe(expires);
      const count = await db
        .selectFrom('revoked_sessions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(count.n).toBe(1);
      const entry = {
        at: '2026-12-01T00:00:00.000Z',
        workspace_id: 'w',
        action: 'x',
        email_count: 1,
        outcome: 'success',
        actor_name: 'Ana Lima',
      };
      const first = await db.insertInto('audit_log').values(entry).returning('id').executeTakeFirstOrThrow();
      const second = await db.insertInto('audit_log').values(entry).returning('id').executeTakeFirstOrThrow();
      expect(second.id).toBeGreaterThan(first.id);
    } finally {
      await db.destroy();
    }
  });

  it(`rewrite stored audit changes to the dashboard's field names on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'} (migration 23)`, async () => {
    const db = await testDb();
    try {
      const entry = (changes: object) => ({
        at: '2026-11-01T00:00:00.000Z',
        workspace_id: 'w',
        action: 'set-daily-limit',
        email_count: 1,
        outcome: 'success',
        actor_name: 'Ana Lima',
        changes_json: JSON.stringify(changes),
      });
      const old = await db
        .insertInto('audit_log')
        .values(entry({ daily_limit: { old: 30, new: 40 }, status: { new: 2 } }))
        .returning('id')
        .executeTakeFirstOrThrow();
      const current = await db
        .insertInto('audit_log')
        .values(entry({ dailyLimit: { old: 1, new: 2 } }))
        .returning('id')
        .executeTakeFirstOrThrow();
      const account = (email: string, changes: object | null) => ({
        audit_id: old.id,
        workspace_id: 'w',
        email,
        at: '2026-11-01T00:00:00.000Z',
        outcome: 'success',
        changes_json: changes === null ? null : JSON.stringify(changes),
      });
      await db
        .insertInto('audit_log_accounts')
        .values([
          account('a@x.io', { warmup_status: { old: 0, new: 1 }, 'warmup.limit': { new: 20 } }),
          account('b@x.io', null),
          account('c@x.io', { sending_gap: { new: 5 }, sendingGap: { new: 6 } }),
        ])
        .execute();
      // As a database from before migration 23: its entries were written under the old names.
      await db.deleteFrom('schema_migrations').where('id', '=', 23).execute();
      expect(await migrate(db)).toEqual([23]);
      const entries = await db.selectFrom('audit_log').select(['id', 'changes_json']).orderBy('id').execute();
      expect(entries.map((e) => JSON.parse(e.changes_json))).toEqual([
        { dailyLimit: { old: 30, new: 40 }, status: { new: 2 } },
        { dailyLimit: { old: 1, new: 2 } },
      ]);
      expect(entries.map((e) => e.id)).toEqual([old.id, current.id]);
      const accounts = await db
        .selectFrom('audit_log_accounts')
        .select(['email', 'changes_json'])
        .orderBy('email')
        .execute();
      expect(accounts.map((a) => (a.changes_json === null ? null : JSON.parse(a.changes_json)))).toEqual([
        { warmupStatus: { old: 0, new: 1 }, warmupLimit: { new: 20 } },
        null,
        // A field written both ways keeps the value under the new name.
        { sendingGap: { new: 6 } },
      ]);
    } finally {
      await db.destroy();
    }
  });

  it('run only what is new on a SQLite file from before Kysely, keeping its rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleet-legacy-'));
    dirs.push(dir);
    const path = join(dir, 'fleet.db');
    // The shape the first releases left: migrations 1–4 applied by the old runner, data in place (the
    // accounts table with every column migration 1 made but the JSON that migration 3 moved out: the
    // sort indexes of migration 26 name them).
    const legacy = new Database(path);
    legacy.exec(`
      CREATE TABLE schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
      INSERT INTO schema_migrations VALUES (1, 'a', 'x'), (2, 'b', 'x'), (3, 'c', 'x'), (4, 'd', 'x');
      CREATE TABLE revoked_sessions (sid TEXT PRIMARY KEY, expires_at INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO revoked_sessions VALUES ('kept', 1893456000000), ('in-seconds', 1893456000);
      CREATE TABLE workspace_sync (workspace_id TEXT PRIMARY KEY, state TEXT NOT NULL, started_at TEXT,
        finished_at TEXT, synced_at TEXT, pages INTEGER NOT NULL DEFAULT 0,
        accounts_seen INTEGER NOT NULL DEFAULT 0, requests INTEGER NOT NULL DEFAULT 0, error TEXT, problem_json TEXT);
      INSERT INTO workspace_sync (workspace_id, state, synced_at) VALUES ('demo', 'done', '2026-01-01T00:00:00Z');
      CREATE TABLE bulk_actions (id TEXT PRIMARY KEY, kind TEXT NOT NULL, params_json TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL, title TEXT NOT NULL, total INTEGER NOT NULL, created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL, finished_at TEXT, retry_of TEXT, last_error TEXT);
      INSERT INTO bulk_actions (id, kind, status, title, total, created_at, updated_at)
        VALUES ('ba_old', 'pause', 'done', 'Pause · 1 account', 1, '2026-01-01', '2026-01-01');
      CREATE TABLE audit_log (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, workspace_id TEXT NOT NULL,
        action TEXT NOT NULL, email_count INTEGER NOT NULL, changes_json TEXT NOT NULL DEFAULT '{}',
        bulk_action_id TEXT, upstream_job_id TEXT, outcome TEXT NOT NULL, detail TEXT);
      INSERT INTO audit_log (at, workspace_id, action, email_count, outcome)
        VALUES ('2026-01-01', 'demo', 'pause', 1, 'success');
      CREATE TABLE audit_log_accounts (audit_id INTEGER NOT NULL, workspace_id TEXT NOT NULL, email TEXT NOT NULL,
        at TEXT NOT NULL, outcome TEXT NOT NULL, error TEXT, changes_json TEXT,
        PRIMARY KEY (workspace_id, email, at, audit_id)) WITHOUT ROWID;
      INSERT INTO audit_log_accounts VALUES (1, 'demo', 'a@x.io', '2026-01-01', 'success', NULL, '{"status":{"old":1,"new":2},"daily_limit":{"new":5}}');
      CREATE TABLE accounts (workspace_id TEXT NOT NULL, email TEXT NOT NULL,
        first_name TEXT NOT NULL DEFAULT '', last_name TEXT NOT NULL DEFAULT '', domain TEXT NOT NULL,
        provider_code INTEGER, status INTEGER, warmup_status INTEGER, warmup_score INTEGER,
        daily_limit INTEGER, sending_gap INTEGER, warmup_limit INTEGER, last_used_at TEXT, created_at TEXT,
        has_error INTEGER NOT NULL DEFAULT 0, error_cause TEXT, error_severity TEXT, error_summary TEXT,
        error_stale INTEGER NOT NULL DEFAULT 0, autofix_failed INTEGER, is_managed INTEGER NOT NULL DEFAULT 0,
        status_message_json TEXT, tags_json TEXT NOT NULL DEFAULT '[]', tag_labels TEXT NOT NULL DEFAULT '',
        search_text TEXT NOT NULL DEFAULT '', indexed_at TEXT NOT NULL,
        PRIMARY KEY (workspace_id, email)) WITHOUT ROWID;
      INSERT INTO accounts (workspace_id, email, domain, indexed_at) VALUES ('demo', 'a@x.io', 'x.io', '2026-01-01');
    `);
    legacy.close();
    const db = await connect({ sqlitePath: path });
    try {
      // Everything after the four migrations that shipped as SQLite DDL.
      expect(await migrate(db)).toEqual(migrations.map((m) => m.id).filter((id) => id > 4));
      expect(
        await db.selectFrom('workspace_sync').select(['state', 'failures', 'retry_at']).execute(),
      ).toEqual([{ state: 'done', failures: 0, retry_at: null }]);
      // Releases before Kysely wrote epoch seconds: migration 7 turns them into milliseconds.
      expect(await db.selectFrom('revoked_sessions').selectAll().orderBy('sid').execute()).toEqual([
        { sid: 'in-seconds', expires_at: 1893456000000 },
        { sid: 'kept', expires_at: 1893456000000 },
      ]);
      expect(await db.selectFrom('leases').selectAll().execute()).toEqual([]);
      // Rows from before sign-in name nobody (migration 11).
      const nobody = { actor_id: null, actor_name: ACTOR_BEFORE_SIGN_IN };
      expect(await db.selectFrom('bulk_actions').select(['actor_id', 'actor_name']).execute()).toEqual([
        nobody,
      ]);
      expect(await db.selectFrom('audit_log').select(['actor_id', 'actor_name']).execute()).toEqual([nobody]);
      // Audit changes are under the dashboard's field names (migration 23).
      expect(await db.selectFrom('audit_log_accounts').select('changes_json').execute()).toEqual([
        { changes_json: JSON.stringify({ status: { old: 1, new: 2 }, dailyLimit: { new: 5 } }) },
      ]);
      // Indexed accounts are neither unreadable nor read in detail yet (migration 21).
      expect(
        await db.selectFrom('accounts').select(['email', 'unreadable_reason', 'settings_read_at']).execute(),
      ).toEqual([{ email: 'a@x.io', unreadable_reason: null, settings_read_at: null }]);
    } finally {
      await db.destroy();
    }
  });

  it('leave a file that reopens with nothing to do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleet-reopen-'));
    dirs.push(dir);
    const path = join(dir, 'nested', 'fleet.db');
    await (await openDb({ sqlitePath: path })).destroy();
    const db = await connect({ sqlitePath: path });
    try {
      expect(await migrate(db)).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
