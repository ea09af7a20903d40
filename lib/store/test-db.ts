import 'server-only';
import { randomBytes } from 'node:crypto';
import { type Db, openDb } from './db';

/**
 * A fresh, migrated, empty database for one test: SQLite in memory, or, when TEST_DATABASE_URL names
 * a PostgreSQL server (CI runs the unit suite once on each), a schema of its own on that server.
 */
export async function testDb(): Promise<Db> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return openDb({ sqlitePath: ':memory:' });
  return openDb({ postgresUrl: url, schema: `test_${process.pid}_${randomBytes(6).toString('hex')}` });
}
