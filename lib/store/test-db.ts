import 'server-only';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db, type DbTarget, openDb } from './db';

/**
 * A fresh, migrated, empty database for one test: SQLite in memory, or, when TEST_DATABASE_URL names
 * a PostgreSQL server (CI runs the unit suite once on each), a schema of its own on that server.
 */
export async function testDb(): Promise<Db> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return openDb({ sqlitePath: ':memory:' });
  return openDb({ postgresUrl: url, schema: `test_${process.pid}_${randomBytes(6).toString('hex')}` });
}

/**
 * A fresh place for a database that several handles open, as several processes would: a SQLite file
 * in a temporary folder, or a schema of its own on TEST_DATABASE_URL. `openDb` it once per handle.
 */
export function sharedTestTarget(): DbTarget {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return { sqlitePath: join(mkdtempSync(join(tmpdir(), 'fleet-test-')), 'fleet.db') };
  return { postgresUrl: url, schema: `test_${process.pid}_${randomBytes(6).toString('hex')}` };
}

/**
 * The same database, counting the statements sent through the returned handle: a test shows that a
 * read stays a fixed number of statements however many rows it covers (time is the bench's business).
 */
export function countingStatements(db: Db): { db: Db; statements: () => number } {
  let count = 0;
  // Counted on the result: every executed statement has one, compiled-once statements included.
  const counted = db.withPlugin({
    transformQuery: (args) => args.node,
    transformResult: (args) => {
      count += 1;
      return Promise.resolve(args.result);
    },
  });
  return { db: counted, statements: () => count };
}
