import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BulkTargetInput } from '@/lib/schemas/api-bulk-actions';
import { useBulkPreview } from './use-bulk-preview';

// The confirm dialog's count as a query: asked only while a target is given, once per workspace and
// target (a second dialog on the same target reads the cache), and again for another target.

interface Call {
  url: string;
  body: unknown;
}

/** /api/workspaces answers with `activeId`; the preview counts the keys it was sent. */
function fakeApi(activeId: string) {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    const body = init.body ? (JSON.parse(String(init.body)) as unknown) : undefined;
    calls.push({ url, body });
    if (url === '/api/workspaces')
      return Response.json({ workspaces: [], activeId, legacyKeys: [], maxStored: 5 });
    const target = (body as { target: BulkTargetInput }).target;
    const total = target.type === 'keys' ? target.keys.length : 0;
    return Response.json({ total, workspaces: [{ workspaceId: activeId, label: activeId, count: total }] });
  });
  return calls;
}

function fresh() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  return { client, wrapper };
}

const keys = (...emails: string[]): BulkTargetInput => ({
  type: 'keys',
  keys: emails.map((email) => ({ workspaceId: 'demo', email })),
});
const previews = (calls: Call[]) => calls.filter((c) => c.url.startsWith('/api/bulk-actions/preview'));

afterEach(() => vi.unstubAllGlobals());

describe('useBulkPreview', () => {
  it('asks nothing without a target, then counts the target it is given', async () => {
    const calls = fakeApi('demo');
    const { wrapper } = fresh();
    const { result, rerender } = renderHook(({ target }) => useBulkPreview(target), {
      wrapper,
      initialProps: { target: null as BulkTargetInput | null },
    });
    await waitFor(() => expect(calls.map((c) => c.url)).toEqual(['/api/workspaces']));
    expect(result.current.fetchStatus).toBe('idle');

    rerender({ target: keys('a@x.io', 'b@x.io') });
    await waitFor(() => expect(result.current.data?.total).toBe(2));
    expect(previews(calls)).toEqual([
      { url: '/api/bulk-actions/preview', body: { target: keys('a@x.io', 'b@x.io') } },
    ]);
  });

  it('is keyed by workspace and target: the same target is one entry, another target another', async () => {
    const calls = fakeApi('ws-a');
    const { client, wrapper } = fresh();
    const { result, rerender } = renderHook(({ target }) => useBulkPreview(target), {
      wrapper,
      initialProps: { target: keys('a@x.io') as BulkTargetInput | null },
    });
    await waitFor(() => expect(result.current.data?.total).toBe(1));
    expect(result.current.data?.workspaces[0]?.workspaceId).toBe('ws-a');

    rerender({ target: keys('a@x.io', 'b@x.io') });
    await waitFor(() => expect(result.current.data?.total).toBe(2));
    expect(previews(calls)).toHaveLength(2);

    const cached = client
      .getQueryCache()
      .findAll({ queryKey: ['bulk-actions', 'preview'], predicate: (q) => q.state.data !== undefined })
      .map((q) => q.queryKey);
    expect(cached).toEqual([
      ['bulk-actions', 'preview', 'ws-a', keys('a@x.io')],
      ['bulk-actions', 'preview', 'ws-a', keys('a@x.io', 'b@x.io')],
    ]);
  });

  it('a filter target names the workspace the page shows; the agency scope and explicit keys do not', async () => {
    const calls = fakeApi('ws-b');
    const { wrapper } = fresh();
    const filter = (scope: 'active' | 'all'): BulkTargetInput => ({
      type: 'filter',
      filters: { scope, warmup: [0] },
    });
    const { result, rerender } = renderHook(({ target }) => useBulkPreview(target), {
      wrapper,
      initialProps: { target: filter('active') },
    });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    rerender({ target: filter('all') });
    await waitFor(() => expect(previews(calls)).toHaveLength(2));
    rerender({ target: keys('a@x.io') });
    await waitFor(() => expect(previews(calls)).toHaveLength(3));
    expect(previews(calls).map((c) => c.url)).toEqual([
      '/api/bulk-actions/preview?workspace=ws-b',
      '/api/bulk-actions/preview',
      '/api/bulk-actions/preview',
    ]);
  });
});
