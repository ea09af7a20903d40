import { rmSync } from 'node:fs';
import { NextRequest } from 'next/server';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

// The key routes as Next calls them, with Instantly stood in for by a counting fetch: foreign Hosts are
// refused before anything happens, key checks are throttled, a forgotten cookie stops opening, and the
// server-configured workspace is never handed to a request a browser marked cross-site.
vi.hoisted(() => {
  process.env.DASHBOARD_SECRET = 'route-test-secret-0123456789abcdef0123456789';
  process.env.DATA_DIR = `${process.env.TMPDIR ?? '/tmp'}/fleet-ws-route-test-${process.pid}-${Date.now()}`;
  process.env.INSTANTLY_API_BASE_URL = 'http://upstream.test';
  process.env.INSTANTLY_API_KEY = 'server_key_0123456789';
  process.env.SIM_ACCOUNTS = '20';
  process.env.SIM_WORKSPACES = '';
});

// Adding keys needs an admin: these requests come from a signed-in owner.
vi.mock('@/lib/server/auth/people', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/server/auth/people')>()),
  personOfRequest: async () => ({
    person: { id: 'p_owner', email: 'o@example.com', name: 'Owner', role: 'owner', workspaceIds: null },
    ownerExists: true,
    setCookies: [],
  }),
}));

const { GET, POST, DELETE } = await import('./route');
const { GET: GET_ACCOUNTS } = await import('../accounts/route');
const { GET: GET_ACCOUNT } = await import('../accounts/[email]/route');
const { resetProcessSingleton } = await import('@/lib/server/singleton');

const upstreamCalls: string[] = [];
vi.stubGlobal(
  'fetch',
  vi.fn(async (request: Request) => {
    upstreamCalls.push(`${request.method} ${new URL(request.url).pathname}`);
    return new Response(JSON.stringify({ id: 'f9cc070d-8dba-4341-b847-f083c358e460', name: 'Acme' }), {
      headers: { 'content-type': 'application/json' },
    });
  }),
);

afterAll(() => {
  vi.unstubAllGlobals();
  rmSync(process.env.DATA_DIR as string, { recursive: true, force: true });
});

beforeEach(() => {
  upstreamCalls.length = 0;
  resetProcessSingleton('verify-throttles');
});

const noParams = { params: Promise.resolve({}) };

function request(
  method: string,
  path: string,
  {
    host = '127.0.0.1:3000',
    cookie,
    body,
    headers = {},
  }: {
    host?: string;
    cookie?: string;
    body?: unknown;
    headers?: Record<string, string>;
  } = {},
) {
  const all: Record<string, string> = {
    host,
    'sec-fetch-site': 'same-origin',
    'x-forwarded-for': '192.0.2.10',
    ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...(cookie ? { cookie: `fleet_keys=${cookie}` } : {}),
    ...headers,
  };
  return new NextRequest(`http://${host}${path}`, {
    method,
    // An empty value leaves the header out (a plain-http browser request has no Sec-Fetch-*).
    headers: Object.fromEntries(Object.entries(all).filter(([, value]) => value !== '')),
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
}

const addKey = (options: Parameters<typeof request>[2] = {}, key = 'user_key_0123456789') =>
  POST(request('POST', '/api/workspaces', { body: { key }, ...options }), noParams);

function cookieFrom(response: Response): string {
  const match = /fleet_keys=([^;]*)/.exec(response.headers.get('set-cookie') ?? '');
  if (!match?.[1]) throw new Error('no key cookie was set');
  return match[1];
}

describe('a foreign Host (DNS rebinding)', () => {
  it('is refused with 421 before any key is used or any call is made', async () => {
    const list = await GET(request('GET', '/api/workspaces', { host: 'evil.example:3300' }), noParams);
    expect(list.status).toBe(421);
    expect(await list.json()).toMatchObject({ type: 'host-not-allowed' });
    const accounts = await GET_ACCOUNTS(
      request('GET', '/api/accounts?workspace=server', { host: 'evil.example:3300' }),
      noParams,
    );
    expect(accounts.status).toBe(421);
    const add = await addKey({ host: 'evil.example:3300', headers: { origin: 'http://evil.example:3300' } });
    expect(add.status).toBe(421);
    expect(upstreamCalls).toEqual([]);
  });
});

describe('the server-configured workspace', () => {
  const kinds = async (headers: Record<string, string>) => {
    const response = await GET(request('GET', '/api/workspaces', { headers }), noParams);
    return ((await response.json()) as { workspaces: Array<{ kind: string }> }).workspaces.map((w) => w.kind);
  };

  it('is offered to our own pages and to local scripts', async () => {
    expect(await kinds({ 'sec-fetch-site': 'same-origin' })).toEqual(['demo', 'server']);
    expect(await kinds({ 'sec-fetch-site': 'none' })).toEqual(['demo', 'server']);
  });

  it('is not offered to a request a browser sent from another site', async () => {
    expect(await kinds({ 'sec-fetch-site': 'cross-site' })).toEqual(['demo']);
    // Over plain http (no Sec-Fetch-* headers), another site still shows in Origin or Referer.
    const plain = (headers: Record<string, string>) => kinds({ 'sec-fetch-site': '', ...headers });
    expect(await plain({ origin: 'http://evil.example' })).toEqual(['demo']);
    expect(await plain({ referer: 'http://evil.example/page' })).toEqual(['demo']);
    expect(await plain({ referer: 'http://127.0.0.1:3000/accounts' })).toEqual(['demo', 'server']);
    const account = await GET_ACCOUNT(
      request('GET', '/api/accounts/someone%40example.com?workspace=server', {
        headers: { 'sec-fetch-site': 'same-site' },
      }),
      { params: Promise.resolve({ email: 'someone@example.com' }) },
    );
    expect(account.status).toBe(401);
    // The table falls back to the demo workspace instead of the server's.
    const table = await GET_ACCOUNTS(
      request('GET', '/api/accounts?limit=5', { headers: { 'sec-fetch-site': 'cross-site' } }),
      noParams,
    );
    const rows = ((await table.json()) as { rows: Array<{ workspaceId: string }> }).rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.workspaceId))).toEqual(new Set(['demo']));
    expect(upstreamCalls).toEqual([]);
  });
});

describe('key verification', () => {
  it('is throttled per client: the sixth check in a minute never reaches Instantly', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await addKey()).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    expect(upstreamCalls).toHaveLength(5);
    const refused = await addKey();
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await refused.json()).toMatchObject({ type: 'verify-throttled', field: 'key' });
    // Another client is not held back by this one.
    expect((await addKey({ headers: { 'x-forwarded-for': '192.0.2.77' } })).status).toBe(201);
  });

  it('is throttled globally for clients that keep changing address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      // A key of its own each time, so the per-key request budget does not slow the loop down.
      const key = `user_key_${i}_0123456789`;
      statuses.push((await addKey({ headers: { 'x-forwarded-for': `198.51.100.${i}` } }, key)).status);
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(30);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
    expect(upstreamCalls).toHaveLength(30);
  });
});

describe('forgetting keys', () => {
  it('revokes the old cookie, so a copy of it no longer opens', async () => {
    const copy = cookieFrom(await addKey());
    const before = await GET(request('GET', '/api/workspaces', { cookie: copy }), noParams);
    expect(((await before.json()) as { session: string }).session).toBe('ok');

    const forgotten = await DELETE(request('DELETE', '/api/workspaces', { cookie: copy }), noParams);
    expect(forgotten.status).toBe(200);
    expect(forgotten.headers.get('set-cookie')).toMatch(/Max-Age=0/);

    const after = await GET(request('GET', '/api/workspaces', { cookie: copy }), noParams);
    expect(await after.json()).toMatchObject({ session: 'invalid', sessionProblem: 'revoked' });
    const id = 'ws_f9cc070d-8dba-4341-b847-f083c358e460';
    const use = await GET_ACCOUNT(
      request('GET', `/api/accounts/someone%40example.com?workspace=${id}`, { cookie: copy }),
      { params: Promise.resolve({ email: 'someone@example.com' }) },
    );
    expect(use.status).toBe(401);
    expect(await use.json()).toMatchObject({ type: 'session-invalid' });
    expect(upstreamCalls).toEqual(['GET /api/v2/workspaces/current']);
  });
});
