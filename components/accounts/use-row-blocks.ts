'use client';

import { keepPreviousData, useQueries, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { ROW_BLOCK_SIZE, type RowsView, accountQueries } from '@/lib/queries/accounts';
import type { AccountRow, SyncStatus } from '@/lib/schemas/api-accounts';

/**
 * The rows on screen, fetched in blocks of ROW_BLOCK_SIZE by offset. Block 0 is always asked for, so
 * the total (and with it the scroll height) is known before anything else; other blocks load as
 * the visible range reaches them. Memory stays proportional to what was looked at, not to the fleet.
 */
export function useRowBlocks(view: RowsView, visible: { start: number; end: number }) {
  const queryClient = useQueryClient();
  const first = Math.floor(visible.start / ROW_BLOCK_SIZE);
  const last = Math.max(first, Math.floor(visible.end / ROW_BLOCK_SIZE));
  const blocks = useMemo(() => {
    const wanted = new Set([0]);
    for (let b = first; b <= last; b += 1) wanted.add(b);
    return [...wanted];
  }, [first, last]);

  const results = useQueries({
    queries: blocks.map((block, i) => ({
      ...accountQueries.block(view, block),
      // The first block keeps the previous view's answer while a new filter loads, so the total and
      // the scroll height do not collapse to zero in between.
      placeholderData: i === 0 ? keepPreviousData : undefined,
    })),
  });
  const head = results[0];
  const total = head?.data?.total ?? 0;

  const byBlock = new Map<number, AccountRow[]>();
  results.forEach((result, i) => {
    const block = blocks[i];
    if (block !== undefined && result.data) byBlock.set(block, result.data.rows);
  });

  const rowAt = (index: number): AccountRow | undefined =>
    byBlock.get(Math.floor(index / ROW_BLOCK_SIZE))?.[index % ROW_BLOCK_SIZE];

  /** Rows for any index range, fetching blocks not on screen (a shift-click range that scrolled far). */
  const loadRange = useCallback(
    async (from: number, to: number): Promise<AccountRow[]> => {
      const rows: AccountRow[] = [];
      for (
        let block = Math.floor(from / ROW_BLOCK_SIZE);
        block <= Math.floor(to / ROW_BLOCK_SIZE);
        block += 1
      ) {
        const data = await queryClient.ensureQueryData(accountQueries.block(view, block));
        data.rows.forEach((row, i) => {
          const index = block * ROW_BLOCK_SIZE + i;
          if (index >= from && index <= to) rows.push(row);
        });
      }
      return rows;
    },
    [queryClient, view],
  );

  const sync: SyncStatus[] = head?.data?.sync ?? [];
  const errorResult = results.find((r) => r.isError);
  return {
    total,
    rowAt,
    loadRange,
    sync,
    isPending: head?.isPending ?? true,
    isPlaceholder: head?.isPlaceholderData ?? false,
    isFetching: results.some((r) => r.isFetching),
    error: errorResult?.error ?? null,
    refetch: () => Promise.all(results.map((r) => r.refetch())),
  };
}
