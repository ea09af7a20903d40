'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { accountKeys } from '@/lib/queries/accounts';
import { bulkActionKeys } from '@/lib/queries/bulk-actions';
import type { BulkActionSummary } from '@/lib/schemas/api-bulk-actions';
import { fleetChanged, progressSignature } from './format';

/**
 * Keeps the fleet table and job pages in step with running jobs: when an action's done/failed counts
 * move, the table's queries (rows, facets, sync) and the job details are invalidated once, so only
 * the queries on screen refetch — no refetch per poll, no refetch storm. Mounted once, in the job
 * tray, so it works on every page.
 */
export function useBulkActionProgress(actions: readonly BulkActionSummary[] | undefined): void {
  const queryClient = useQueryClient();
  const seen = useRef<Map<string, string> | null>(null);
  useEffect(() => {
    // React Query shares structure, so `actions` only changes identity when its data changed.
    if (!actions) return;
    const next = progressSignature(actions);
    const changed = fleetChanged(seen.current, next);
    seen.current = next;
    if (!changed) return;
    void queryClient.invalidateQueries({ queryKey: accountKeys.all });
    // A finished job's page stops polling, yet another action may be changing its accounts again.
    void queryClient.invalidateQueries({ queryKey: bulkActionKeys.details() });
  }, [actions, queryClient]);
}
