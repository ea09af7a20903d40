// A view of the accounts table as a URL query, in one canonical form, apart from the zod schemas
// (api-saved-views.ts) so the browser can tell which saved view is on screen without shipping zod.

/** The URL names a view carries: every filter, the sort and the order (never a page offset). */
export const VIEW_KEYS = [
  'scope',
  'ws',
  'q',
  'status',
  'warmup',
  'provider',
  'tag',
  'domain',
  'cause',
  'error',
  'sort',
  'order',
] as const;

const isViewKey = (key: string): boolean => (VIEW_KEYS as readonly string[]).includes(key);

/** The names in a query that are not part of a view (a caller refuses them or drops them). */
export const foreignViewKeys = (raw: string): string[] =>
  [...new URLSearchParams(raw).keys()].filter((key) => !isViewKey(key));

/**
 * The view's names only, empty values dropped, sorted by name: two queries that show the same view
 * are the same string. Defaults (`scope=active`, `sort=email`) are left as given.
 */
export function canonicalViewSearch(raw: string): string {
  const canonical = new URLSearchParams();
  for (const [key, value] of new URLSearchParams(raw)) {
    if (isViewKey(key) && value.trim() !== '') canonical.set(key, value.trim());
  }
  canonical.sort();
  return canonical.toString();
}
