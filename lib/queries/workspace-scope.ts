// Which workspace a read is for, in its query key and in its request. The server answers a read of
// the "active" scope for the workspace the request names (`?workspace=`), so an answer is always
// stored under the key of the workspace it belongs to: a switch changes the keys, React Query fetches
// the new workspace's data, and what is cached for the previous one stays true for it.

/**
 * The active workspace as this browser knows it: its id once the workspace list has loaded; null when
 * none is connected (or the list could not be read: the server then decides, and says why);
 * undefined while the list loads.
 */
export type ActiveWorkspace = string | null | undefined;

/** The key part of a read over every workspace (the agency view): it does not follow the switch. */
export const ALL_WORKSPACES = '*';

/** What stands in a key where the workspace goes (always the third part, after resource and kind). */
export type WorkspaceSegment = string | null;
export const WORKSPACE_SEGMENT_INDEX = 2;

export type Scope = 'active' | 'all';

/** The key part for a read of one scope: every workspace, or the active one. */
export const workspaceSegment = (scope: Scope, active: ActiveWorkspace): WorkspaceSegment =>
  scope === 'all' ? ALL_WORKSPACES : (active ?? null);

/** A read of the active scope waits until the list says which workspace is active. */
export const scopeReady = (scope: Scope, active: ActiveWorkspace): boolean =>
  scope === 'all' || active !== undefined;

/** A query string (without `?`) with `workspace=<id>` added for a read of the active scope. */
export function withWorkspaceParam(search: string, scope: Scope, active: ActiveWorkspace): string {
  if (scope === 'all' || !active) return search;
  const param = `workspace=${encodeURIComponent(active)}`;
  return search === '' ? param : `${search}&${param}`;
}

/**
 * `placeholderData` that keeps the previous answer on screen while a new filter or scope loads, but
 * never one of another workspace: after a switch the page waits for its own data.
 */
export function keepPreviousInWorkspace(segment: WorkspaceSegment) {
  return <T>(previous: T | undefined, previousQuery?: { queryKey: readonly unknown[] }): T | undefined => {
    const before = previousQuery?.queryKey[WORKSPACE_SEGMENT_INDEX];
    return before === segment || before === ALL_WORKSPACES || segment === ALL_WORKSPACES
      ? previous
      : undefined;
  };
}
