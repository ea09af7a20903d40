'use client';

import { useWorkspaces } from '@/components/shell/use-workspaces';

/** A workspace id → its label, for alerts that span every workspace the person sees. */
export function useWorkspaceLabels(): (id: string) => string {
  const { data } = useWorkspaces();
  return (id) => data?.workspaces.find((w) => w.id === id)?.label ?? id;
}
