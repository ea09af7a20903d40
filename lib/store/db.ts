import 'server-only';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { getConfig } from '@/lib/server/config';
import { processSingleton, resetProcessSingleton } from '@/lib/server/singleton';
import { migrations } from './migrations';

export type Db = Database.Database;

/** Opens (or creates) a database, in WAL mode, with every migration applied. `:memory:` for tests. */
export async function openDb(path: string): Promise<Db> {
  if (path !== ':memory:') mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across process crashes in WAL mode (only an OS crash can lose the last commit).
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  await migrate(db);
  return db;
}

export async function migrate(db: Db): Promise<void> {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const applied = new Set(db.prepare('SELECT id FROM schema_migrations').pluck().all() as number[]);
  for (const migration of migrations) {
    if (applied.has(migration.id)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)').run(
        migration.id,
        migration.name,
        new Date().toISOString(),
      );
    })();
  }
}

/**
 * The process's database in DATA_DIR. The promise is the singleton, so callers racing the first open
 * share one connection; a failed open is forgotten so the next call tries again.
 */
export async function getDb(): Promise<Db> {
  return processSingleton('db', () =>
    openDb(join(getConfig().DATA_DIR, 'fleet.db')).catch((error: unknown) => {
      resetProcessSingleton('db');
      throw error;
    }),
  );
}
