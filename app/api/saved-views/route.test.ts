import { rmSync } from 'node:fs';
import { NextRequest } from 'next/server';
import { afterAll, describe, expect, it, vi } from 'vitest';

// The saved-view routes as Next calls them: a viewer saves a view of their own, shares it, and a
// teammate sees it, may make it their default but not change it; an admin may delete it; bad
// input is refused with what is wrong and changes nothing.
vi.hoisted(() => {
  process.env.DASHBOARD_SECRET = 'saved-view-route-test-secret-0123456789abcdef';
  process.env.DATA_DIR = `${process.env.TMPDIR ?? '/tmp'}/fleet-saved-views-test-${process.pid}-${Date.now()}`;
  process.env.SIM_WORKSPACES = '';
  process.env.SIM_ACCOUNTS = '5';
});

const auth = vi.hoisted(() => ({ id: 'p_vera', role: 'viewer' as 'viewer' | 'operator' | 'admin' }));
vi.mock('@/lib/server/auth/people', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/server/auth/people')>()),
  personOfRequest: async () => ({
    person: {
      id: auth.id,
      email: `${auth.id}@example.com`,
      name: auth.id.slice(2),
      role: auth.role,
      workspaceIds: null,
    },
    ownerExists: true,
    setCookies: [],
  }),
}));

const list = await import('./route');
const one = await import('./[id]/route');
const fallback = await import('./default/route');

afterAll(() => rmSync(process.env.DATA_DIR as string, { recursive: true, force: true }));

const as = (id: string, role: typeof auth.role) => {
  auth.id = id;
  auth.role = role;
};
const noParams = { params: Promise.resolve({}) };
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });
function request(method: string, path: string, body?: unknown) {
  return new NextRequest(`http://127.0.0.1:3000${path}`, {
    method,
    headers: {
      host: '127.0.0.1:3000',
      'sec-fetch-site': 'same-origin',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
}
const views = async () =>
  (await (await list.GET(request('GET', '/api/saved-views'), noParams)).json()) as {
    views: Array<{
      id: string;
      name: string;
      search: string;
      mine: boolean;
      shared: boolean;
      ownerName: string;
    }>;
    defaultViewId: string | null;
  };

describe('/api/saved-views', () => {
  it('keeps a view per person, shares it with the team on request, and lets only its owner change it', async () => {
    as('p_vera', 'viewer');
    const created = await list.POST(
      request('POST', '/api/saved-views', {
        name: 'Broken Gmail',
        search: 'provider=2&status=-1,-2&sort=warmupScore&order=desc',
        columns: { tags: false },
      }),
      noParams,
    );
    expect(created.status).toBe(201);
    const { view } = (await created.json()) as { view: { id: string; search: string } };
    expect(view.search).toBe('order=desc&provider=2&sort=warmupScore&status=-1%2C-2');

    as('p_otto', 'operator');
    expect((await views()).views).toEqual([]);

    as('p_vera', 'viewer');
    const shared = await one.PATCH(
      request('PATCH', `/api/saved-views/${view.id}`, { shared: true }),
      idParams(view.id),
    );
    expect(shared.status).toBe(200);

    as('p_otto', 'operator');
    const seen = await views();
    expect(seen.views.map((v) => [v.name, v.mine, v.shared, v.ownerName])).toEqual([
      ['Broken Gmail', false, true, 'vera'],
    ]);
    const hijack = await one.PATCH(
      request('PATCH', `/api/saved-views/${view.id}`, { name: 'Mine now' }),
      idParams(view.id),
    );
    expect([hijack.status, ((await hijack.json()) as { type: string }).type]).toEqual([
      403,
      'saved-view-not-yours',
    ]);
    expect(
      (await fallback.PUT(request('PUT', '/api/saved-views/default', { viewId: view.id }), noParams)).status,
    ).toBe(200);
    expect((await views()).defaultViewId).toBe(view.id);

    as('p_ada', 'admin');
    const removed = await one.DELETE(request('DELETE', `/api/saved-views/${view.id}`), idParams(view.id));
    expect([removed.status, await removed.json()]).toEqual([200, { deleted: view.id }]);
    as('p_otto', 'operator');
    expect(await views()).toEqual({ views: [], defaultViewId: null });
  });

  it('refuses bad input with what is wrong, and saves nothing', async () => {
    as('p_nina', 'viewer');
    const cases: Array<[unknown, string]> = [
      [{ name: '', search: '' }, 'Give the view a name'],
      [{ name: 'x', search: 'sort=colour' }, 'sort'],
      [{ name: 'x', search: 'limit=500' }, '"limit" is not a filter or sort of the accounts table'],
      [{ name: 'x', search: '', columns: { 'a b': true } }, 'must be column ids'],
      [{ name: 'x', search: '', owner: 'p_vera' }, 'owner'],
    ];
    for (const [body, words] of cases) {
      const response = await list.POST(request('POST', '/api/saved-views', body), noParams);
      const problem = (await response.json()) as { detail?: string; title: string };
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(`${problem.title} ${problem.detail ?? ''}`).toContain(words);
    }
    await list.POST(request('POST', '/api/saved-views', { name: 'Fine', search: '' }), noParams);
    const twice = await list.POST(
      request('POST', '/api/saved-views', { name: 'fine', search: 'q=x' }),
      noParams,
    );
    expect([twice.status, ((await twice.json()) as { title: string }).title]).toEqual([
      409,
      'You already have a view with this name',
    ]);
    expect((await views()).views.map((v) => [v.name, v.search])).toEqual([['Fine', '']]);
    const missing = await one.DELETE(request('DELETE', '/api/saved-views/sv_nope'), idParams('sv_nope'));
    expect(missing.status).toBe(404);
  });
});
