'use client';

import { useQuery } from '@tanstack/react-query';
import { workspaceQueries } from '@/lib/queries/workspaces';
import type { ActiveWorkspace } from '@/lib/queries/workspace-scope';

/** The workspaces this browser can use and the active one; every data view names its workspace. */
export function useWorkspaces() {
  const query = useQuery(workspaceQueries.list());
  const active = query.data?.workspaces.find((w) => w.id === query.data?.activeId) ?? null;
  return { ...query, active };
}

/**
 * The active workspace's id for the keys of the reads that depend on it: undefined while the list
 * loads; null when nothing is connected or the list could not be read (the reads then go out without
 * naming a workspace and the server says what is wrong).
 */
export function useActiveWorkspace(): ActiveWorkspace {
  const { data, isError } = useQuery(workspaceQueries.list());
  if (data) return data.activeId;
  return isError ? null : undefined;
}
