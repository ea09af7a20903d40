'use client';

import { useQuery } from '@tanstack/react-query';
import { workspaceQueries } from '@/lib/queries/workspaces';

/** The workspaces this browser can use and the active one; every data view names its workspace. */
export function useWorkspaces() {
  const query = useQuery(workspaceQueries.list());
  const active = query.data?.workspaces.find((w) => w.id === query.data?.activeId) ?? null;
  return { ...query, active };
}
