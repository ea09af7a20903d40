import 'server-only';
import { sql } from 'kysely';
import type { Db } from './connect';
import { indexVersions } from './query-cache';

// Facet counts under a new filter have to look at every account in scope: each facet counts the rows
// that pass every filter but its own, so no index narrows them. Read from the table, that cost about
// 2.4 µs per account (243 ms at 100,000). Here each workspace's facet columns are kept in this
// process instead, dictionary-coded in typed arrays (about 12 bytes per account, plus its search
// text), and a count is one pass over them. They are read again only when the workspace's version in
// `index_versions` moved, which every write to its index rows bumps in the write's own transaction, so
// another process's write is seen at once, as for the query cache.

/** The single-valued facets, in the order of `WorkspaceColumns.codes`. */
export const CODED_FACETS = ['status', 'warmup', 'provider', 'domain', 'cause', 'error'] as const;
export type CodedFacet = (typeof CODED_FACETS)[number];

/** One facet's column: per account the index of its value in `values`, or -1 when it has none. */
export interface CodedColumn {
  codes: Int32Array;
  values: string[];
}

export interface WorkspaceColumns {
  size: number;
  codes: Record<CodedFacet, CodedColumn>;
  /** Per account, its tags: `tagCodes[tagStart[i] .. tagStart[i + 1])`, indexes into `tagIds`. */
  tagStart: Int32Array;
  tagCodes: Int32Array;
  tagIds: string[];
  /** The label of each tag in `tagIds` (the greatest one, as the table's facet query took it). */
  tagLabels: string[];
  /** Per account, 1 when it has no tag at all (the "No tag" value). */
  untagged: Uint8Array;
  /** Per account, the lower-case text a search looks in. */
  searchText: string[];
}

/** Codes values as they come, in order of first appearance. */
class Coder {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  code(value: string | null): number {
    if (value === null) return -1;
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.index.set(value, code);
    }
    return code;
  }
}

const text = (value: number | string | null): string | null => (value === null ? null : String(value));

async function loadColumns(db: Db, workspaceId: string): Promise<WorkspaceColumns> {
  const [rows, tags] = await Promise.all([
    db
      .selectFrom('accounts')
      .select((eb) => [
        'email',
        'status',
        'warmup_status',
        'provider_code',
        'domain',
        'error_cause',
        'has_error',
        'search_text',
        eb('tags_json', '=', sql.lit('[]')).as('untagged'),
      ])
      .where('workspace_id', '=', workspaceId)
      .execute(),
    db
      .selectFrom('account_tags')
      .select(['email', 'tag_id', 'label'])
      .where('workspace_id', '=', workspaceId)
      .execute(),
  ]);
  const size = rows.length;
  const coders = Object.fromEntries(CODED_FACETS.map((f) => [f, new Coder()])) as Record<CodedFacet, Coder>;
  const codes = Object.fromEntries(CODED_FACETS.map((f) => [f, new Int32Array(size)])) as Record<
    CodedFacet,
    Int32Array
  >;
  const untagged = new Uint8Array(size);
  const searchText = new Array<string>(size);
  const position = new Map<string, number>();
  rows.forEach((row, i) => {
    position.set(row.email, i);
    codes.status[i] = coders.status.code(text(row.status));
    codes.warmup[i] = coders.warmup.code(text(row.warmup_status));
    codes.provider[i] = coders.provider.code(text(row.provider_code));
    codes.domain[i] = coders.domain.code(row.domain);
    // The values the facets and the filters name: no status_message is the cause "none".
    codes.cause[i] = coders.cause.code(row.error_cause ?? 'none');
    codes.error[i] = coders.error.code(Number(row.has_error) === 1 ? 'yes' : 'no');
    untagged[i] = row.untagged ? 1 : 0;
    searchText[i] = row.search_text;
  });

  const tagCoder = new Coder();
  const tagLabels: string[] = [];
  const perAccount = new Int32Array(size + 1);
  const tagged: Array<[number, number]> = [];
  for (const tag of tags) {
    const i = position.get(tag.email);
    if (i === undefined) continue;
    const code = tagCoder.code(tag.tag_id);
    if (tagLabels[code] === undefined || tag.label > tagLabels[code]) tagLabels[code] = tag.label;
    perAccount[i + 1] = (perAccount[i + 1] ?? 0) + 1;
    tagged.push([i, code]);
  }
  const tagStart = new Int32Array(size + 1);
  for (let i = 0; i < size; i += 1) tagStart[i + 1] = (tagStart[i] ?? 0) + (perAccount[i + 1] ?? 0);
  const tagCodes = new Int32Array(tagged.length);
  const filled = tagStart.slice(0, size);
  for (const [i, code] of tagged) {
    tagCodes[filled[i] ?? 0] = code;
    filled[i] = (filled[i] ?? 0) + 1;
  }

  return {
    size,
    codes: Object.fromEntries(
      CODED_FACETS.map((f) => [f, { codes: codes[f], values: coders[f].values }]),
    ) as Record<CodedFacet, CodedColumn>,
    tagStart,
    tagCodes,
    tagIds: tagCoder.values,
    tagLabels,
    untagged,
    searchText,
  };
}

interface Entry {
  version: number;
  columns: Promise<WorkspaceColumns>;
  /** Its accounts, once read. */
  size: number;
}

// Bounded by accounts, not by workspaces: past this many, the least recently used workspaces go.
const MAX_CACHED_ACCOUNTS = 1_000_000;
const caches = new WeakMap<Db, Map<string, Entry>>();

/**
 * Each workspace's facet columns at its current version: from memory when it has not changed, else
 * read again (callers asking at the same version share one read; a failed read is not kept). The
 * version is read before the rows, so columns are never tagged newer than what they hold.
 */
export async function facetColumns(
  db: Db,
  workspaceIds: readonly string[],
): Promise<Array<{ workspaceId: string; columns: WorkspaceColumns }>> {
  let entries = caches.get(db);
  if (!entries) {
    entries = new Map();
    caches.set(db, entries);
  }
  const cache = entries;
  const versions = await indexVersions(db, workspaceIds);
  const wanted = [...versions].map(([workspaceId, version]) => {
    let entry = cache.get(workspaceId);
    cache.delete(workspaceId);
    if (!entry || entry.version !== version) {
      const fresh: Entry = { version, columns: loadColumns(db, workspaceId), size: 0 };
      fresh.columns.then(
        (columns) => {
          fresh.size = columns.size;
        },
        () => {
          if (cache.get(workspaceId) === fresh) cache.delete(workspaceId);
        },
      );
      entry = fresh;
    }
    cache.set(workspaceId, entry);
    return { workspaceId, columns: entry.columns };
  });
  const loaded = await Promise.all(
    wanted.map(async ({ workspaceId, columns }) => ({ workspaceId, columns: await columns })),
  );
  evictBeyondLimit(cache);
  return loaded;
}

function evictBeyondLimit(cache: Map<string, Entry>): void {
  let held = 0;
  for (const entry of cache.values()) held += entry.size;
  // Map order is least recently used first.
  for (const [id, entry] of cache) {
    if (held <= MAX_CACHED_ACCOUNTS) break;
    cache.delete(id);
    held -= entry.size;
  }
}
