import 'server-only';
import type { Transaction } from 'kysely';
import type { Db } from './connect';
import type { Tables } from './schema';

/**
 * Runs `work` in a transaction: a new one, or the caller's when `db` already is one, so that a store
 * function can be composed into a bigger change without committing half of it. Inside `work`, use
 * only `trx`: on SQLite the one connection is held by the transaction, and a query on the outer `db`
 * would wait for it forever.
 */
export function inTransaction<T>(db: Db, work: (trx: Transaction<Tables>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Transaction<Tables>) : db.transaction().execute(work);
}
