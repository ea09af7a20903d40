'use client';

import { useQuery } from '@tanstack/react-query';
import { useWorkspaces } from '@/components/shell/use-workspaces';
import { bulkActionQueries } from '@/lib/queries/bulk-actions';
import type { BulkTarget, BulkTargetInput } from '@/lib/schemas/api-bulk-actions';

/**
 * The count a confirm dialog shows before a bulk action: a query keyed by the active workspace and
 * the target, read while the dialog is open (`target` null: no dialog, nothing is asked).
 */
export function useBulkPreview(target: BulkTarget | BulkTargetInput | null) {
  const workspaces = useWorkspaces();
  const workspaceId = workspaces.data?.activeId ?? null;
  const options = bulkActionQueries.preview(workspaceId, target ?? { type: 'keys', keys: [] });
  return useQuery({ ...options, enabled: target !== null && workspaces.isSuccess });
}
