import 'server-only';
import { sql } from 'kysely';
import { type Db, dialectOf } from './connect';
import { type Migration, migrations as allMigrations } from './migrations';

// Any fixed number: the key of the PostgreSQL advisory lock that lets one instance at a time migrate.
const MIGRATION_LOCK = 7_261_904;

/**
 * Applies every migration not yet applied, in order, in one transaction. Several instances starting
 * together on one PostgreSQL queue on an advisory lock; the second finds the work done. The
 * `schema_migrations` table is the one SQLite files have carried since the first release.
 */
export async function migrate(db: Db, migrations: readonly Migration[] = allMigrations): Promise<number[]> {
  const dialect = dialectOf(db);
  return db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
    await trx.schema
      .createTable('schema_migrations')
      .ifNotExists()
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('applied_at', 'text', (c) => c.notNull())
      .execute();
    const done = await trx.selectFrom('schema_migrations').select('id').execute();
    const applied = new Set(done.map((row) => row.id));
    const ran: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.id)) continue;
      await migration.up(trx, dialect);
      await trx
        .insertInto('schema_migrations')
        .values({ id: migration.id, name: migration.name, applied_at: new Date().toISOString() })
        .execute();
      ran.push(migration.id);
    }
    return ran;
  });
}
