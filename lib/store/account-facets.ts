import 'server-only';
import { causeCatalog, type CauseId } from '@/lib/diagnostics/cause-catalog';
import { describeAccountStatus, describeWarmupStatus, providerLabel } from '@/lib/diagnostics/account-status';
import { FACET_KEYS, type FacetKey, type FacetValue } from '@/lib/schemas/api-accounts';
import type { IndexFilters } from './account-clauses';
import type { Db } from './connect';
import { CODED_FACETS, type CodedFacet, facetColumns, type WorkspaceColumns } from './facet-columns';

const MAX_FACET_VALUES = 200;

function facetLabel(facet: FacetKey, value: string, workspaceLabels: ReadonlyMap<string, string>): string {
  const n = Number(value);
  switch (facet) {
    case 'workspace':
      return workspaceLabels.get(value) ?? value;
    case 'status':
      return describeAccountStatus(n).label;
    case 'warmup':
      return describeWarmupStatus(n).label;
    case 'provider':
      return providerLabel(n);
    case 'cause':
      return value === 'none' ? 'No error message' : (causeCatalog[value as CauseId]?.title ?? value);
    case 'error':
      return value === 'yes' ? 'Has an error' : 'No error';
    default:
      return value;
  }
}

/**
 * What each filter lets through, by the value its facet names: the meaning the row query's clauses
 * (account-clauses.ts) give the same filters, and a test holds the two together. `null`: no filter.
 */
function allowedValues(filters: IndexFilters): Record<CodedFacet | 'tag', ReadonlySet<string> | null> {
  const set = (values: ReadonlyArray<string | number> | undefined) =>
    values && values.length > 0 ? new Set(values.map(String)) : null;
  return {
    status: set(filters.status),
    warmup: set(filters.warmup),
    provider: set(filters.provider),
    domain: set(filters.domain?.map((d) => d.toLowerCase())),
    cause: set(filters.cause),
    error: filters.error ? new Set([filters.error]) : null,
    tag: set(filters.tag),
  };
}

type Counts = Record<FacetKey, Map<string, number>>;

const WORKSPACE = CODED_FACETS.length;
const TAG = CODED_FACETS.length + 1;

/**
 * Adds one workspace's accounts to `counts`, returning how many pass every filter. One pass: an
 * account that fails no filter counts in every facet; one that fails exactly one counts in that
 * facet alone (changing that facet's ticks would bring it in); one that fails two counts nowhere.
 */
function countWorkspace(
  workspaceId: string,
  columns: WorkspaceColumns,
  filters: IndexFilters,
  allowed: ReturnType<typeof allowedValues>,
  counts: Counts,
  tagLabels: Map<string, string>,
): number {
  const needle = filters.q ? filters.q.toLowerCase() : null;
  const workspaceFails =
    filters.ws !== undefined && filters.ws.length > 0 && !filters.ws.includes(workspaceId);
  // The coded filters in force: per value code, 1 when the value passes (code -1, no value, never does).
  const active = CODED_FACETS.flatMap((facet, index) => {
    const values = allowed[facet];
    if (!values) return [];
    const { codes, values: names } = columns.codes[facet];
    return [{ index, codes, passes: Uint8Array.from(names, (name) => (values.has(name) ? 1 : 0)) }];
  });
  const tagFilter = allowed.tag;
  const tagPasses = tagFilter ? Uint8Array.from(columns.tagIds, (id) => (tagFilter.has(id) ? 1 : 0)) : null;
  const noTagPasses = tagFilter?.has('none') ?? false;

  const coded = CODED_FACETS.map((facet) => ({
    codes: columns.codes[facet].codes,
    tally: new Int32Array(columns.codes[facet].values.length),
  }));
  const tagTally = new Int32Array(columns.tagIds.length);
  let untaggedTally = 0;
  let inWorkspaceFacet = 0;
  let total = 0;
  const { tagStart, tagCodes, untagged, searchText } = columns;

  const countTags = (i: number) => {
    for (let t = tagStart[i]!; t < tagStart[i + 1]!; t += 1) tagTally[tagCodes[t]!]! += 1;
    untaggedTally += untagged[i]!;
  };

  for (let i = 0; i < columns.size; i += 1) {
    if (needle !== null && !searchText[i]!.includes(needle)) continue;
    let failures = workspaceFails ? 1 : 0;
    let failed: number = WORKSPACE;
    for (const filter of active) {
      const code = filter.codes[i]!;
      if (code < 0 || filter.passes[code] === 0) {
        failures += 1;
        failed = filter.index;
        if (failures > 1) break;
      }
    }
    if (failures > 1) continue;
    if (tagPasses) {
      let passes = noTagPasses && untagged[i] === 1;
      for (let t = tagStart[i]!; !passes && t < tagStart[i + 1]!; t += 1)
        passes = tagPasses[tagCodes[t]!] === 1;
      if (!passes) {
        failures += 1;
        failed = TAG;
        if (failures > 1) continue;
      }
    }
    if (failures === 0) {
      total += 1;
      inWorkspaceFacet += 1;
      for (const column of coded) {
        const code = column.codes[i]!;
        if (code >= 0) column.tally[code]! += 1;
      }
      countTags(i);
    } else if (failed === WORKSPACE) inWorkspaceFacet += 1;
    else if (failed === TAG) countTags(i);
    else {
      const column = coded[failed]!;
      const code = column.codes[i]!;
      if (code >= 0) column.tally[code]! += 1;
    }
  }

  const add = (facet: FacetKey, value: string, n: number) => {
    if (n > 0) counts[facet].set(value, (counts[facet].get(value) ?? 0) + n);
  };
  add('workspace', workspaceId, inWorkspaceFacet);
  CODED_FACETS.forEach((facet, index) => {
    const column = coded[index]!;
    columns.codes[facet].values.forEach((value, code) => add(facet, value, column.tally[code]!));
  });
  columns.tagIds.forEach((id, code) => {
    add('tag', id, tagTally[code]!);
    const label = columns.tagLabels[code]!;
    const known = tagLabels.get(id);
    if (known === undefined || label > known) tagLabels.set(id, label);
  });
  add('tag', 'none', untaggedTally);
  return total;
}

/** Counts per value of every facet under the other filters, and the total under all of them. */
export async function accountFacets(
  db: Db,
  filters: IndexFilters,
  workspaceLabels: ReadonlyMap<string, string>,
): Promise<{ total: number; facets: Record<FacetKey, FacetValue[]> }> {
  const counts = Object.fromEntries(FACET_KEYS.map((f) => [f, new Map<string, number>()])) as Counts;
  const tagLabels = new Map<string, string>([['none', 'No tag']]);
  const allowed = allowedValues(filters);
  let total = 0;
  for (const { workspaceId, columns } of await facetColumns(db, filters.workspaceIds))
    total += countWorkspace(workspaceId, columns, filters, allowed, counts, tagLabels);

  const facets = Object.fromEntries(
    FACET_KEYS.map((facet) => {
      const values = [...counts[facet]].map(([value, count]) => ({
        value,
        label: facet === 'tag' ? (tagLabels.get(value) ?? value) : facetLabel(facet, value, workspaceLabels),
        count,
      }));
      // Most common first, then by name; "No tag" last.
      values.sort(
        (a, b) =>
          Number(a.value === 'none' && facet === 'tag') - Number(b.value === 'none' && facet === 'tag') ||
          b.count - a.count ||
          a.label.localeCompare(b.label),
      );
      return [facet, values.slice(0, MAX_FACET_VALUES)];
    }),
  ) as Record<FacetKey, FacetValue[]>;
  return { total, facets };
}
