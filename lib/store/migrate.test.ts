import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, dialectOf } from './connect';
import { openDb } from './db';
import { migrate } from './migrate';
import { migrations } from './migrations';
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
      };
      const first = await db.insertInto('audit_log').values(entry).returning('id').executeTakeFirstOrThrow();
      const second = await db.insertInto('audit_log').values(entry).returning('id').executeTakeFirstOrThrow();
      expect(second.id).toBeGreaterThan(first.id);
    } finally {
      await db.destroy();
    }
  });

  it('run only what is new on a SQLite file from before Kysely, keeping its rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleet-legacy-'));
    dirs.push(dir);
    const path = join(dir, 'fleet.db');
    // The shape the first releases left: migrations 1–4 applied by the old runner, data in place.
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
    `);
    legacy.close();
    const db = await connect({ sqlitePath: path });
    try {
      expect(await migrate(db)).toEqual([5, 6, 7, 8]);
      expect(
        await db.selectFrom('workspace_sync').select(['state', 'failures', 'retry_at']).execute(),
      ).toEqual([{ state: 'done', failures: 0, retry_at: null }]);
      // Releases before Kysely wrote epoch seconds: migration 7 turns them into milliseconds.
      expect(await db.selectFrom('revoked_sessions').selectAll().orderBy('sid').execute()).toEqual([
        { sid: 'in-seconds', expires_at: 1893456000000 },
        { sid: 'kept', expires_at: 1893456000000 },
      ]);
      expect(await db.selectFrom('leases').selectAll().execute()).toEqual([]);
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
