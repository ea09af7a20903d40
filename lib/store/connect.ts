import 'server-only';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import type { Dialect } from './migrations';
import type { Tables } from './schema';

export type Db = Kysely<Tables>;

/** Where the data lives: a SQLite file (`:memory:` for tests) or a PostgreSQL server. */
export type DbTarget = { sqlitePath: string } | { postgresUrl: string; schema?: string };

// better-sqlite3 compiles a statement on every prepare(); Kysely prepares each query it runs. The
// table asks for the same few statements all the time, so compiled statements are kept by their text.
const STATEMENT_CACHE_SIZE = 256;

function withStatementCache(db: Database.Database): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => db.close(),
    prepare(text) {
      let statement = statements.get(text);
      if (statement) {
        statements.delete(text);
      } else {
        statement = db.prepare(text);
        if (statements.size >= STATEMENT_CACHE_SIZE)
          statements.delete(statements.keys().next().value as string);
      }
      statements.set(text, statement);
      return statement;
    },
  };
}

function openSqlite(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const database = new Database(path);
  database.pragma('journal_mode = WAL');
  // NORMAL is durable across process crashes in WAL mode (only an OS crash can lose the last commit).
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // Each account row is in 19 B-trees (the table, its sort and filter indexes), so a sync page of 100
  // accounts dirties ~1,900 pages all over them (measured: 381,524 WAL frames for 20,000 accounts).
  // With SQLite's default 2 MiB page cache those pages were read again for every page, and the WAL
  // (checkpointed at 1,000 pages by default) was copied back after every commit. A 64 MiB cache and
  // checkpoints at 40 MiB of WAL made a first sync of 20,000 accounts ~35% faster.
  database.pragma('cache_size = -65536');
  database.pragma('wal_autocheckpoint = 10000');
  return new Kysely<Tables>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
}

// PostgreSQL sends BIGINT (counts, epoch milliseconds) and NUMERIC (averages) as text so that no
// precision is lost; every such value here fits a double, and the schema types say number.
const INT8 = 20;
const NUMERIC = 1700;
const numberTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

async function openPostgres(url: string, schema?: string): Promise<Db> {
  if (schema !== undefined && !SCHEMA_NAME.test(schema))
    throw new Error(`Bad PostgreSQL schema name: ${schema}`);
  if (schema) {
    // A schema of its own (tests): created first, then every connection of the pool lives in it.
    const setup = new pg.Client({ connectionString: url });
    await setup.connect();
    try {
      await setup.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await setup.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: schema ? 4 : 10,
    // A test opens a pool per database it makes; idle ones close quickly so the server's connection
    // limit is never reached by a suite that made hundreds.
    idleTimeoutMillis: schema ? 1000 : 10_000,
    // A process that is done (a CLI, a test worker) may exit with idle connections open.
    allowExitOnIdle: true,
    types: numberTypes,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  return new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
}

/** A connection to the target; migrate() it before use (openDb in db.ts does both). */
export async function connect(target: DbTarget): Promise<Db> {
  return 'sqlitePath' in target
    ? openSqlite(target.sqlitePath)
    : openPostgres(target.postgresUrl, target.schema);
}

/** Which SQL the database speaks, for the few statements that differ (works on transactions too). */
export function dialectOf<T>(db: Kysely<T>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
