import pg from 'pg';

/**
 * Runs `work` on a schema of its own on the PostgreSQL server at `url` (so every size starts from an
 * empty index, as each SQLite run does from an empty folder), dropped afterwards.
 */
export async function inFreshSchema<T>(
  url: string,
  schema: string,
  work: (url: string) => Promise<T>,
): Promise<T> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.query(`CREATE SCHEMA ${schema}`);
    const scoped = new URL(url);
    scoped.searchParams.set('options', `-c search_path=${schema}`);
    return await work(scoped.toString());
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch((error: unknown) => {
      console.error(`could not drop the bench schema ${schema}:`, error);
    });
    await admin.end();
  }
}
