import 'server-only';
import type { Db } from './connect';

// The table asks for many windows of the same view while a person scrolls, and for the same facet
// counts until a filter changes. Answers computed from the index are kept in this process, each
// tagged with the versions of the workspaces it covers. Every write to a workspace's index rows bumps
// that workspace's version in `index_versions`, in the write's own transaction; a cached answer is
// used only while the versions it was computed at are still the current ones. So a write made by any
// process (another instance on the same PostgreSQL) makes this process's answers stale at once.

interface Entry {
  stamp: string;
  value: Promise<unknown>;
}

const MAX_ENTRIES = 32;
const caches = new WeakMap<Db, Map<string, Entry>>();

function entriesOf(db: Db): Map<string, Entry> {
  let entries = caches.get(db);
  if (!entries) {
    entries = new Map();
    caches.set(db, entries);
  }
  return entries;
}

/**
 * Marks the workspaces' index rows as changed. Call it inside the transaction that changed them, so
 * the new version commits (or rolls back) with the change itself.
 */
export async function bumpIndexVersions(db: Db, workspaceIds: readonly string[]): Promise<void> {
  const ids = [...new Set(workspaceIds)].sort();
  if (ids.length === 0) return;
  await db
    .insertInto('index_versions')
    .values(ids.map((workspace_id) => ({ workspace_id, version: 1 })))
    .onConflict((oc) =>
      oc.column('workspace_id').doUpdateSet((eb) => ({ version: eb('index_versions.version', '+', 1) })),
    )
    .execute();
}

/** The current version of each workspace (a workspace never written is 0). */
export async function indexVersions(db: Db, workspaceIds: readonly string[]): Promise<Map<string, number>> {
  const ids = [...new Set(workspaceIds)].sort();
  const versions = new Map(ids.map((id) => [id, 0]));
  if (ids.length === 0) return versions;
  const rows = await db
    .selectFrom('index_versions')
    .select(['workspace_id', 'version'])
    .where('workspace_id', 'in', ids)
    .execute();
  for (const row of rows) versions.set(row.workspace_id, Number(row.version));
  return versions;
}

/** The current versions of the workspaces, as one comparable text. */
async function stampOf(db: Db, workspaceIds: readonly string[]): Promise<string> {
  const versions = await indexVersions(db, workspaceIds);
  return [...versions].map(([id, version]) => `${id}:${version}`).join(',');
}

/**
 * The cached answer for `key` over `workspaceIds` if none of them changed since it was computed, or
 * computes and keeps it (least recently used ones go first). The versions are read before computing,
 * so an answer is never tagged newer than the rows it was computed from: a write racing the
 * computation only makes the next caller compute again. The promise is kept, so callers asking at the
 * same versions share one computation; a failure is not kept.
 */
export async function cachedQuery<T>(
  db: Db,
  workspaceIds: readonly string[],
  key: string,
  compute: () => Promise<T>,
): Promise<T> {
  const stamp = await stampOf(db, workspaceIds);
  const entries = entriesOf(db);
  const cached = entries.get(key);
  entries.delete(key);
  if (cached && cached.stamp === stamp) {
    entries.set(key, cached);
    return cached.value as Promise<T>;
  }
  const value = compute();
  const entry: Entry = { stamp, value };
  entries.set(key, entry);
  value.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  return value;
}
