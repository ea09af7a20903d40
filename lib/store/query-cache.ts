import 'server-only';
import type { Db } from './db';

// The table asks for many windows of the same view while a person scrolls, and for the same facet
// counts until a filter changes. Answers computed from the index are cached until the index changes:
// every write to the accounts table bumps the version, which empties the cache for that database.

interface Cache {
  version: number;
  entries: Map<string, unknown>;
}

const MAX_ENTRIES = 32;
const caches = new WeakMap<Db, Cache>();

function cacheOf(db: Db): Cache {
  let cache = caches.get(db);
  if (!cache) {
    cache = { version: 0, entries: new Map() };
    caches.set(db, cache);
  }
  return cache;
}

/** Called by every write to the fleet index. */
export function indexChanged(db: Db): void {
  const cache = cacheOf(db);
  cache.version += 1;
  cache.entries.clear();
}

/**
 * The cached answer for `key`, or computes and keeps it (least recently used ones go first). The
 * promise is what is kept, so callers asking while it is computed share one computation; a write
 * meanwhile empties the cache, so that answer is not kept for later callers. A failure is not kept.
 */
export function cachedQuery<T>(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
  const { entries } = cacheOf(db);
  if (entries.has(key)) {
    const value = entries.get(key) as Promise<T>;
    entries.delete(key);
    entries.set(key, value);
    return value;
  }
  const value = compute();
  entries.set(key, value);
  value.catch(() => {
    if (entries.get(key) === value) entries.delete(key);
  });
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  return value;
}
