import { QueryClient, QueryClientProvider, useMutation, useQuery } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useRowsHead } from '@/components/accounts/use-row-blocks';
import { accountQueries } from '@/lib/queries/accounts';
import { alertQueries } from '@/lib/queries/alerts';
import { diagnosticsQueries } from '@/lib/queries/diagnostics';
import { overviewQueries } from '@/lib/queries/overview';
import { applyActiveWorkspace, applyWorkspaceChange, workspaceMutations } from '@/lib/queries/workspaces';
import { useActiveWorkspace } from './use-workspaces';

// A switch of workspace changes the keys of every read that depends on it: the new workspace's data
// is fetched under its own key (its request names it), the previous workspace's cache stays as it was,
// and nothing of the previous workspace is shown meanwhile. The agency view (scope=all) does not move.

const TOTALS: Record<string, number> = { 'ws-a': 11, 'ws-b': 22, all: 33 };

interface FakeApi {
  urls: string[];
  /** Holds every answer for `workspace` until released, to look at the page while it loads. */
  hold: (workspace: string) => () => void;
}

/** The server: a cookie says which workspace is active; a read naming one answers for that one. */
function fakeApi(initial: string): FakeApi {
  let cookie = initial;
  const urls: string[] = [];
  const held = new Map<string, Promise<void>>();
  const list = () => ({
    workspaces: ['ws-a', 'ws-b'].map((id) => ({ id, active: id === cookie })),
    activeId: cookie,
    legacyKeys: null,
    maxStored: 5,
  });
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    urls.push(`${init.method ?? 'GET'} ${url}`);
    const parsed = new URL(url, 'http://dashboard.test');
    if (parsed.pathname === '/api/workspaces') return Response.json(list());
    if (parsed.pathname === '/api/workspaces/active') {
      cookie = (JSON.parse(String(init.body)) as { id: string }).id;
      return Response.json(list());
    }
    const scope = parsed.searchParams.get('scope') ?? 'active';
    const workspace = scope === 'all' ? 'all' : (parsed.searchParams.get('workspace') ?? cookie);
    await held.get(workspace);
    const total = TOTALS[workspace] ?? 0;
    switch (parsed.pathname) {
      case '/api/accounts':
        return Response.json({ rows: [], total, offset: 0, sync: [] });
      case '/api/accounts/facets':
        return Response.json({ total, facets: {} });
      case '/api/overview':
        return Response.json({ total, workspaces: [{ id: workspace, label: workspace }], sync: [] });
      case '/api/diagnostics':
        return Response.json({ scope, total, groups: [], sync: [] });
      case '/api/alerts/settings':
        return Response.json({ workspaceId: workspace, settings: {}, updatedAt: null });
      default:
        return Response.json({ type: 'not-found', title: 'No such route', status: 404 }, { status: 404 });
    }
  });
  return {
    urls,
    hold: (workspace) => {
      let release = () => {};
      held.set(
        workspace,
        new Promise<void>((resolve) => {
          release = () => {
            held.delete(workspace);
            resolve();
          };
        }),
      );
      return release;
    },
  };
}

function fresh() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  return { client, wrapper };
}

/** The switcher's mutation, as the workspace switcher runs it. */
function useSwitch(client: QueryClient) {
  return useMutation({
    ...workspaceMutations.setActive(),
    onSuccess: (next) => applyActiveWorkspace(client, next),
  });
}

const activeView = { scope: 'active' as const, sort: 'email' as const, order: 'asc' as const };
const allView = { ...activeView, scope: 'all' as const };
const reads = (api: FakeApi, path: string) => api.urls.filter((u) => u.startsWith(`GET ${path}?`));

afterEach(() => vi.unstubAllGlobals());

describe('the active workspace in the query keys', () => {
  it('waits for the workspace list, then names the active workspace in key and request', async () => {
    const api = fakeApi('ws-a');
    const { client, wrapper } = fresh();
    const { result } = renderHook(() => useQuery(overviewQueries.fleet(useActiveWorkspace(), 'active')), {
      wrapper,
    });
    await waitFor(() => expect(result.current.data).toMatchObject({ total: 11 }));
    expect(api.urls).toEqual(['GET /api/workspaces', 'GET /api/overview?scope=active&workspace=ws-a']);
    expect(client.getQueryData(['overview', 'fleet', 'ws-a', 'active'])).toMatchObject({ total: 11 });
  });

  it('a switch fetches the table under the new key, never shows the old rows, and keeps their cache', async () => {
    const api = fakeApi('ws-a');
    const { client, wrapper } = fresh();
    const { result } = renderHook(() => ({ head: useRowsHead(activeView), switcher: useSwitch(client) }), {
      wrapper,
    });
    await waitFor(() => expect(result.current.head.total).toBe(11));
    const keyA = accountQueries.block('ws-a', activeView, 0).queryKey;
    const cachedA = client.getQueryData(keyA);

    const release = api.hold('ws-b');
    await act(() => result.current.switcher.mutateAsync('ws-b'));
    // Loading ws-b: the table shows nothing of ws-a meanwhile (no placeholder across workspaces).
    await waitFor(() => expect(reads(api, '/api/accounts')).toHaveLength(2));
    expect(result.current.head.isPending).toBe(true);
    expect(result.current.head.total).toBe(0);
    release();
    await waitFor(() => expect(result.current.head.total).toBe(22));
    expect(reads(api, '/api/accounts').at(-1)).toContain('workspace=ws-b');

    // ws-a's answer is where it was, untouched: back to ws-a it shows at once, from the cache.
    expect(client.getQueryData(keyA)).toBe(cachedA);
    expect(client.getQueryState(keyA)?.status).toBe('success');
    const releaseA = api.hold('ws-a');
    await act(() => result.current.switcher.mutateAsync('ws-a'));
    await waitFor(() => expect(result.current.head.total).toBe(11));
    expect(result.current.head.isPlaceholder).toBe(false);
    releaseA();
  });

  it('facets, the triage board and the alert rules follow the switch as well', async () => {
    const api = fakeApi('ws-a');
    const { client, wrapper } = fresh();
    const { result } = renderHook(
      () => {
        const active = useActiveWorkspace();
        return {
          facets: useQuery(accountQueries.facets(active, { scope: 'active' })),
          board: useQuery(diagnosticsQueries.board(active, 'active')),
          rules: useQuery(alertQueries.settings(active)),
          switcher: useSwitch(client),
        };
      },
      { wrapper },
    );
    await waitFor(() => {
      expect(result.current.facets.data).toMatchObject({ total: 11 });
      expect(result.current.board.data).toMatchObject({ total: 11 });
      expect(result.current.rules.data).toMatchObject({ workspaceId: 'ws-a' });
    });

    const release = api.hold('ws-b');
    await act(() => result.current.switcher.mutateAsync('ws-b'));
    await waitFor(() => expect(result.current.facets.fetchStatus).toBe('fetching'));
    // keepPreviousData would have shown ws-a's counts here; within one workspace it still does.
    expect(result.current.facets.data).toBeUndefined();
    expect(result.current.board.data).toBeUndefined();
    expect(result.current.rules.data).toBeUndefined();
    release();
    await waitFor(() => {
      expect(result.current.facets.data).toMatchObject({ total: 22 });
      expect(result.current.board.data).toMatchObject({ total: 22 });
      expect(result.current.rules.data).toMatchObject({ workspaceId: 'ws-b' });
    });
    expect(api.urls).toContain('GET /api/alerts/settings?workspace=ws-b');
    expect(api.urls).toContain('GET /api/diagnostics?scope=active&workspace=ws-b');
    expect(api.urls).toContain('GET /api/accounts/facets?workspace=ws-b');
  });

  it('the all-workspaces view keeps its key and its data across a switch: nothing is asked again', async () => {
    const api = fakeApi('ws-a');
    const { client, wrapper } = fresh();
    const { result } = renderHook(
      () => ({
        head: useRowsHead(allView),
        overview: useQuery(overviewQueries.fleet(useActiveWorkspace(), 'all')),
        switcher: useSwitch(client),
      }),
      { wrapper },
    );
    await waitFor(() => {
      expect(result.current.head.total).toBe(33);
      expect(result.current.overview.data).toMatchObject({ total: 33 });
    });
    // The agency view does not depend on the active workspace: it is asked without naming one.
    expect(reads(api, '/api/accounts')).toEqual(['GET /api/accounts?scope=all&offset=0&limit=100']);
    await act(() => result.current.switcher.mutateAsync('ws-b'));
    await waitFor(() =>
      expect(client.getQueryData(['workspaces', 'list'])).toMatchObject({ activeId: 'ws-b' }),
    );
    expect(result.current.head.total).toBe(33);
    expect(reads(api, '/api/accounts')).toHaveLength(1);
    expect(reads(api, '/api/overview')).toHaveLength(1);
  });

  it('a changed set of workspaces refreshes what is shown without dropping it first', async () => {
    const api = fakeApi('ws-a');
    const { client, wrapper } = fresh();
    const { result } = renderHook(() => useRowsHead(allView), { wrapper });
    await waitFor(() => expect(result.current.total).toBe(33));
    const release = api.hold('all');
    const next = client.getQueryData(['workspaces', 'list']) as Parameters<typeof applyWorkspaceChange>[1];
    act(() => applyWorkspaceChange(client, next));
    await waitFor(() => expect(reads(api, '/api/accounts')).toHaveLength(2));
    // Marked stale and refetched, not reset: the table keeps its rows while the new answer comes.
    expect(result.current.total).toBe(33);
    expect(result.current.isPending).toBe(false);
    release();
  });
});
