'use client';

import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useActiveWorkspace } from '@/components/shell/use-workspaces';
import { ROW_BLOCK_SIZE, type RowsView, accountQueries } from '@/lib/queries/accounts';
import { keepPreviousInWorkspace, workspaceSegment } from '@/lib/queries/workspace-scope';
import type { AccountRow, SyncStatus } from '@/lib/schemas/api-accounts';

/**
 * What the whole table needs of a view, whatever is scrolled into sight: its total (and with it the
 * scroll height) and the sync state, both from block 0, which is always asked for. It does not change
 * while the grid scrolls, so the toolbar, the facets and the bulk bar do not render again meanwhile.
 */
export function useRowsHead(view: RowsView) {
  const queryClient = useQueryClient();
  const active = useActiveWorkspace();
  // The first block keeps the previous view's answer while a new filter loads, so the total and the
  // scroll height do not collapse to zero in between (never another workspace's, after a switch).
  const head = useQuery({
    ...accountQueries.block(active, view, 0),
    placeholderData: keepPreviousInWorkspace(workspaceSegment(view.scope, active)),
  });

  /** Rows for any index range, fetching blocks not on screen (a shift-click range that scrolled far). */
  const loadRange = useCallback(
    async (from: number, to: number): Promise<AccountRow[]> => {
      const rows: AccountRow[] = [];
      for (
        let block = Math.floor(from / ROW_BLOCK_SIZE);
        block <= Math.floor(to / ROW_BLOCK_SIZE);
        block += 1
      ) {
        const data = await queryClient.ensureQueryData(accountQueries.block(active, view, block));
        data.rows.forEach((row, i) => {
          const index = block * ROW_BLOCK_SIZE + i;
          if (index >= from && index <= to) rows.push(row);
        });
      }
      return rows;
    },
    [queryClient, active, view],
  );

  const sync: SyncStatus[] = head.data?.sync ?? [];
  return {
    total: head.data?.total ?? 0,
    sync,
    loadRange,
    isPending: head.isPending,
    isPlaceholder: head.isPlaceholderData,
    error: head.error,
    refetch: head.refetch,
  };
}

// While a scrollbar is dragged, the range passes blocks it will not stop at: a block is asked for once
// the range has rested this long (the rows in between show placeholders, or what the cache holds).
const SETTLE_MS = 60;

/**
 * The rows of the visible range, fetched in blocks of ROW_BLOCK_SIZE by offset as the range comes to
 * rest on them. Used by the grid alone, which owns the range. Memory stays proportional to what was
 * looked at, not to the fleet.
 */
export function useRowBlocks(view: RowsView, visible: { start: number; end: number }) {
  const queryClient = useQueryClient();
  const active = useActiveWorkspace();
  const first = Math.floor(visible.start / ROW_BLOCK_SIZE);
  const last = Math.max(first, Math.floor(visible.end / ROW_BLOCK_SIZE));
  const [settled, setSettled] = useState({ first, last });
  useEffect(() => {
    if (settled.first === first && settled.last === last) return;
    const timer = setTimeout(() => setSettled({ first, last }), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [first, last, settled]);

  const blocks = useMemo(() => {
    const wanted = new Set([0]);
    for (let b = settled.first; b <= settled.last; b += 1) wanted.add(b);
    return [...wanted];
  }, [settled]);

  const { byBlock, error } = useQueries({
    queries: blocks.map((block, i) => ({
      ...accountQueries.block(active, view, block),
      // Block 0 is the head's query (useRowsHead): the same options, so both read one cache entry.
      placeholderData: i === 0 ? keepPreviousInWorkspace(workspaceSegment(view.scope, active)) : undefined,
    })),
    combine: (results) => {
      const map = new Map<number, AccountRow[]>();
      results.forEach((result, i) => {
        const block = blocks[i];
        if (block !== undefined && result.data) map.set(block, result.data.rows);
      });
      return { byBlock: map, error: results.find((r) => r.isError)?.error ?? null };
    },
  });

  // A block scrolled over before it was asked for may still be in the cache from an earlier visit.
  // The same function until a block arrives, so the grid's rows are not rebuilt on every render.
  const rowAt = useCallback(
    (index: number): AccountRow | undefined => {
      const block = Math.floor(index / ROW_BLOCK_SIZE);
      const rows =
        byBlock.get(block) ??
        queryClient.getQueryData(accountQueries.block(active, view, block).queryKey)?.rows;
      return rows?.[index % ROW_BLOCK_SIZE];
    },
    [byBlock, queryClient, active, view],
  );
  return { rowAt, error };
}
