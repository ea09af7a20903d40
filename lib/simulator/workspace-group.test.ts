import 'server-only';
import { describe, expect, it } from 'vitest';
import { createSimulator } from './simulator';
import { call, demoSpec, testSimulator } from './test-helpers';
import type { SimWorkspaceSpec } from './types';

// Workspace groups as Instantly's "Workspace group" guide describes them (REFERENCE §1.1a): one admin
// key acts on every accepted sub workspace with `x-as-workspace: <sub workspace id>`, without the
// header it acts on the admin workspace itself, and a workspace cannot be admin and sub at once.
// What the guide leaves open, recorded here as the simulator answers it: pending and rejected members
// and workspaces outside the group answer 403 with the API's envelope; the members list pages with
// `limit` / `starting_after` like every list.

const ADMIN_KEY = 'sim_test_agency_0123456789';
const client = (slug: string, status: 'accepted' | 'pending' | 'rejected', accounts = 10): SimWorkspaceSpec =>
  demoSpec({
    slug,
    key: '',
    name: `Client ${slug}`,
    seed: slug.length * 7,
    accounts,
    memberOf: { admin: 'agency', status },
  });

const { sim } = testSimulator({
  workspaces: [
    demoSpec({ accounts: 5 }),
    demoSpec({ slug: 'agency', key: ADMIN_KEY, name: 'Agency', seed: 9, accounts: 3 }),
    client('alpha', 'accepted', 12),
    client('bravo', 'accepted', 7),
    client('charlie', 'pending'),
    client('delta', 'rejected'),
  ],
});
const idOf = (slug: string) => sim.workspaceBySlug(slug)!.id;
const as = (slug: string) => ({ key: ADMIN_KEY, headers: { 'x-as-workspace': idOf(slug) } });
type Members = { items: Array<Record<string, unknown>>; next_starting_after?: string };

describe('GET /workspace-group-members', () => {
  it('lists every member of the admin key’s group with names and status, pending and rejected included', async () => {
    const res = await call(sim, 'GET', '/workspace-group-members', { key: ADMIN_KEY, query: { limit: 100 } });
    expect(res.status).toBe(200);
    const body = res.body as Members;
    expect(body.items.map((m) => [m.sub_workspace_name, m.status])).toEqual([
      ['Client alpha', 'accepted'],
      ['Client bravo', 'accepted'],
      ['Client charlie', 'pending'],
      ['Client delta', 'rejected'],
    ]);
    const first = body.items[0]!;
    expect(Object.keys(first)).toEqual([
      'id',
      'admin_workspace_id',
      'sub_workspace_id',
      'status',
      'timestamp_created',
      'timestamp_updated',
      'sub_workspace_name',
      'admin_workspace_name',
    ]);
    expect(first.admin_workspace_id).toBe(idOf('agency'));
    expect(first.sub_workspace_id).toBe(idOf('alpha'));
    expect(first.admin_workspace_name).toBe('Agency');
  });

  it('pages with limit and starting_after, and an unknown cursor ends the list', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const res = await call(sim, 'GET', '/workspace-group-members', {
        key: ADMIN_KEY,
        query: { limit: 3, ...(cursor ? { starting_after: cursor } : {}) },
      });
      const body = res.body as Members;
      seen.push(...body.items.map((m) => String(m.sub_workspace_name)));
      if (body.items.length === 0 || !body.next_starting_after) break;
      cursor = body.next_starting_after;
    }
    expect(seen).toHaveLength(4);
    const unknown = await call(sim, 'GET', '/workspace-group-members', {
      key: ADMIN_KEY,
      query: { starting_after: 'nope' },
    });
    expect((unknown.body as Members).items).toEqual([]);
    const bad = await call(sim, 'GET', '/workspace-group-members', { key: ADMIN_KEY, query: { limit: 101 } });
    expect(bad.status).toBe(400);
  });

  it('is empty for a workspace that administers no group, and for a sub workspace acted on', async () => {
    const plain = await call(sim, 'GET', '/workspace-group-members');
    expect((plain.body as Members).items).toEqual([]);
    const sub = await call(sim, 'GET', '/workspace-group-members', as('alpha'));
    expect((sub.body as Members).items).toEqual([]);
  });
});

describe('x-as-workspace', () => {
  it('acts on an accepted sub workspace on every route: its own workspace and its own fleet', async () => {
    const current = await call(sim, 'GET', '/workspaces/current', as('alpha'));
    expect(current.body).toMatchObject({ id: idOf('alpha'), name: 'Client alpha' });
    const accounts = await call(sim, 'GET', '/accounts', { ...as('bravo'), query: { limit: 100 } });
    expect((accounts.body as Members).items).toHaveLength(7);
    const own = await call(sim, 'GET', '/accounts', { key: ADMIN_KEY, query: { limit: 100 } });
    expect((own.body as Members).items).toHaveLength(3);
    // A write lands in the sub workspace only.
    const email = String((accounts.body as Members).items[0]!.email);
    const patched = await call(sim, 'PATCH', `/accounts/${encodeURIComponent(email)}`, {
      ...as('bravo'),
      body: { daily_limit: 17 },
    });
    expect(patched.status).toBe(200);
    const again = await call(sim, 'GET', `/accounts/${encodeURIComponent(email)}`, as('bravo'));
    expect(again.body).toMatchObject({ daily_limit: 17 });
    expect(
      (await call(sim, 'GET', `/accounts/${encodeURIComponent(email)}`, { key: ADMIN_KEY })).status,
    ).toBe(404);
  });

  it('without the header the admin key acts on the admin workspace; naming it is the same', async () => {
    const plain = await call(sim, 'GET', '/workspaces/current', { key: ADMIN_KEY });
    expect(plain.body).toMatchObject({ id: idOf('agency') });
    const self = await call(sim, 'GET', '/workspaces/current', {
      key: ADMIN_KEY,
      headers: { 'x-as-workspace': idOf('agency') },
    });
    expect(self.body).toMatchObject({ id: idOf('agency') });
  });

  it('403 for a pending or rejected member, a workspace outside the group, or a key that administers none', async () => {
    const forbidden = { statusCode: 403, error: 'Forbidden', message: 'Forbidden' };
    for (const slug of ['charlie', 'delta']) {
      const res = await call(sim, 'GET', '/accounts', as(slug));
      expect(res.status, slug).toBe(403);
      expect(res.body).toEqual(forbidden);
    }
    const outside = await call(sim, 'GET', '/accounts', {
      key: ADMIN_KEY,
      headers: { 'x-as-workspace': idOf('demo') },
    });
    expect(outside.status).toBe(403);
    const notAdmin = await call(sim, 'GET', '/accounts', { headers: { 'x-as-workspace': idOf('alpha') } });
    expect(notAdmin.status).toBe(403);
    const junk = await call(sim, 'GET', '/accounts', {
      key: ADMIN_KEY,
      headers: { 'x-as-workspace': 'not-a-workspace' },
    });
    expect(junk.status).toBe(403);
  });

  it('still needs a valid key: 401 comes before the group check', async () => {
    const res = await call(sim, 'GET', '/accounts', {
      key: 'sim_nope_000000000000',
      headers: { 'x-as-workspace': idOf('alpha') },
    });
    expect(res.status).toBe(401);
  });
});

describe('a workspace cannot be an admin and a sub workspace at once', () => {
  it('refuses a group whose admin is itself a sub workspace', () => {
    expect(() =>
      createSimulator({
        jobSpeed: 25,
        workspaces: [
          demoSpec({ slug: 'top', key: 'sim_test_top_0123456789', accounts: 1 }),
          demoSpec({
            slug: 'mid',
            key: 'sim_test_mid_0123456789',
            accounts: 1,
            memberOf: { admin: 'top', status: 'accepted' },
          }),
          demoSpec({ slug: 'leaf', key: '', accounts: 1, memberOf: { admin: 'mid', status: 'accepted' } }),
        ],
      }),
    ).toThrow(/cannot be an admin workspace: it is itself a sub workspace/);
  });

  it('a sub workspace’s own key administers nothing', async () => {
    const { sim: own } = testSimulator({
      workspaces: [
        demoSpec({ slug: 'top', key: 'sim_test_top_0123456789', accounts: 1 }),
        demoSpec({
          slug: 'sub',
          key: 'sim_test_sub_0123456789',
          accounts: 2,
          memberOf: { admin: 'top', status: 'accepted' },
        }),
      ],
    });
    const members = await call(own, 'GET', '/workspace-group-members', { key: 'sim_test_sub_0123456789' });
    expect((members.body as Members).items).toEqual([]);
    const asTop = await call(own, 'GET', '/accounts', {
      key: 'sim_test_sub_0123456789',
      headers: { 'x-as-workspace': own.workspaceBySlug('top')!.id },
    });
    expect(asTop.status).toBe(403);
  });
});
