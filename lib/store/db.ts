import 'server-only';
import { join } from 'node:path';
import { getConfig } from '@/lib/server/config';
import { processSingleton, resetProcessSingleton } from '@/lib/server/singleton';
import { type Db, type DbTarget, connect } from './connect';
import { migrate } from './migrate';

export type { Db, DbTarget } from './connect';
export { dialectOf } from './connect';

/** Opens the database with every migration applied. `{ sqlitePath: ':memory:' }` for tests. */
export async function openDb(target: DbTarget): Promise<Db> {
  const db = await connect(target);
  try {
    await migrate(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/** Where this process keeps its data: PostgreSQL when DATABASE_URL is set, else DATA_DIR/fleet.db. */
export function configuredTarget(): DbTarget {
  const config = getConfig();
  return config.DATABASE_URL
    ? { postgresUrl: config.DATABASE_URL }
    : { sqlitePath: join(config.DATA_DIR, 'fleet.db') };
}

/** The process's database, opened and migrated once; a failed open is tried again by the next call. */
export function getDb(): Promise<Db> {
  return processSingleton('db', () => {
    const opening = openDb(configuredTarget());
    // The caller awaiting `opening` gets the error; this only forgets the failed attempt.
    opening.catch(() => resetProcessSingleton('db'));
    return opening;
  });
}
