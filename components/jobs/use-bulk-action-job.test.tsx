import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ActionStatus, BulkActionDetail } from '@/lib/schemas/api-bulk-actions';
import { useBulkActionJob } from './use-bulk-action-job';

// The hook against a scripted /api/bulk-actions/{id}: it polls while the action runs, calls onFinish
// once when it ends, and stops polling by itself at the end and on an error.

function detail(status: ActionStatus): BulkActionDetail {
  const now = new Date().toISOString();
  return {
    action: {
      id: 'ba_1',
      kind: 'enable-warmup',
      status,
      title: 'Enable warmup',
      createdAt: now,
      updatedAt: now,
      finishedAt: status === 'running' ? null : now,
      retryOf: null,
      startedBy: 'Ada',
      counts: {
        total: 1,
        pending: 0,
        running: status === 'running' ? 1 : 0,
        done: status === 'done' ? 1 : 0,
        failed: 0,
      },
      progress: status === 'running' ? 50 : 100,
      workspaces: [{ workspaceId: 'demo', label: 'Demo', count: 1 }],
      jobs: [],
      waitingFor: null,
    },
    items: [],
    itemsTotal: 1,
    changedAgain: [],
  };
}

/** Answers each GET with the next scripted reply (the last one repeats), counting the calls. */
function scriptFetch(replies: Array<BulkActionDetail | number>) {
  const calls: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    calls.push(url);
    const reply = replies[Math.min(calls.length - 1, replies.length - 1)]!;
    return typeof reply === 'number'
      ? new Response(JSON.stringify({ type: 'server', title: 'Broken', detail: 'x', status: reply }), {
          status: reply,
        })
      : Response.json(reply);
  });
  return calls;
}

function wrapper() {
  // A fresh client per test, no retries: an error shows at once.
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return function FreshQueryClient({ children }: { children: ReactNode }) {
    return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(() => vi.unstubAllGlobals());

describe('useBulkActionJob', () => {
  it('polls while the action runs, calls onFinish once at its end, then stops polling', async () => {
    const calls = scriptFetch([detail('running'), detail('running'), detail('done')]);
    const onFinish = vi.fn();
    const { result } = renderHook(() => useBulkActionJob('ba_1', { onFinish }), { wrapper: wrapper() });
    await waitFor(() => expect(result.current.data?.action.status).toBe('done'), { timeout: 5000 });
    expect(calls).toHaveLength(3);
    expect(calls[0]).toBe('/api/bulk-actions/ba_1');
    expect(onFinish).toHaveBeenCalledTimes(1);
    expect(onFinish.mock.calls[0]?.[0].action.status).toBe('done');
    await pause(2500);
    expect(calls).toHaveLength(3);
    expect(onFinish).toHaveBeenCalledTimes(1);
  });

  it('stops polling on an error and reports it', async () => {
    const calls = scriptFetch([detail('running'), 500]);
    const onFinish = vi.fn();
    const { result } = renderHook(() => useBulkActionJob('ba_1', { onFinish }), { wrapper: wrapper() });
    await waitFor(() => expect(result.current.isError).toBe(true), { timeout: 5000 });
    expect(result.current.error?.message).toBe('Broken');
    await pause(2500);
    expect(calls).toHaveLength(2);
    expect(onFinish).not.toHaveBeenCalled();
  });

  it('reads nothing without an action, and passes the items view', async () => {
    const calls = scriptFetch([detail('done')]);
    const { rerender } = renderHook(({ id }) => useBulkActionJob(id, { view: { limit: 1 } }), {
      wrapper: wrapper(),
      initialProps: { id: null as string | null },
    });
    await pause(100);
    expect(calls).toHaveLength(0);
    rerender({ id: 'ba_1' });
    await waitFor(() => expect(calls).toEqual(['/api/bulk-actions/ba_1?limit=1']));
  });
});
