import 'server-only';
import { type Db, openDb } from './db';

/**
 * A fresh, migrated, empty database for one test. In memory for now; it is the one place that will
 * choose PostgreSQL (TEST_DATABASE_URL) once the store runs on both.
 */
export async function testDb(): Promise<Db> {
  return openDb(':memory:');
}
