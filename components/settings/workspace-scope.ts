'use client';

import { useQuery } from '@tanstack/react-query';
import { workspaceQueries } from '@/lib/queries/workspaces';

/**
 * "every workspace" or "only Client A, Client B": the workspaces a member or an invite is limited to,
 * by their labels (an id is shown only for a workspace this browser cannot see any more).
 */
export function useWorkspaceScope(): (ids: readonly string[] | null) => string {
  const workspaces = useQuery(workspaceQueries.list());
  const labels = new Map((workspaces.data?.workspaces ?? []).map((w) => [w.id, w.label]));
  return (ids) =>
    ids === null
      ? 'every workspace'
      : `only ${ids.map((id) => labels.get(id) ?? id).join(', ') || 'no workspace'}`;
}
