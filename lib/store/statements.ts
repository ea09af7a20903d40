import 'server-only';
import type Database from 'better-sqlite3';
import type { Db } from './db';
import { rawSqlite } from './connect';

/** Prepares each statement once per database (statements are bound to the connection that made them). */
export function cachedStatements<T extends Record<string, string>>(
  sql: T,
): (db: Db) => { [K in keyof T]: Database.Statement } {
  const cache = new WeakMap<Db, { [K in keyof T]: Database.Statement }>();
  return (db) => {
    let prepared = cache.get(db);
    if (!prepared) {
      prepared = Object.fromEntries(
        Object.entries(sql).map(([name, text]) => [name, rawSqlite(db).prepare(text)]),
      ) as {
        [K in keyof T]: Database.Statement;
      };
      cache.set(db, prepared);
    }
    return prepared;
  };
}
