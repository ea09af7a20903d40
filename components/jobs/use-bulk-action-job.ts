'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { type BulkActionItemsView, bulkActionQueries, pollInterval } from '@/lib/queries/bulk-actions';
import type { BulkActionDetail } from '@/lib/schemas/api-bulk-actions';

/**
 * Follows one bulk action until it ends: polled while it runs (each look also moves the work on, as
 * the server advances jobs while someone with the key asks), and the polling stops by itself at a
 * terminal state or on an error. `onFinish` runs once per action, the first time it is seen ended.
 */
export function useBulkActionJob(
  id: string | null,
  options: { view?: BulkActionItemsView; onFinish?: (detail: BulkActionDetail) => void } = {},
) {
  const query = useQuery({
    ...bulkActionQueries.detail(id ?? '', options.view),
    enabled: id !== null,
    refetchInterval: (q) => {
      if (q.state.status === 'error') return false;
      const action = q.state.data?.action;
      if (!action) return 1000;
      return pollInterval([action]);
    },
  });

  const onFinish = useRef(options.onFinish);
  useEffect(() => {
    onFinish.current = options.onFinish;
  });
  const finished = useRef<string | null>(null);
  const detail = query.data;
  useEffect(() => {
    if (!detail || detail.action.id !== id || detail.action.status === 'running') return;
    if (finished.current === id) return;
    finished.current = id;
    onFinish.current?.(detail);
  }, [detail, id]);

  return query;
}
