import { rmSync } from 'node:fs';
import { NextRequest } from 'next/server';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The key routes as Next calls them, with Instantly stood in for by a counting fetch: foreign Hosts are
// refused before anything happens, adding a key in the open demo asks for the owner before any key
// check, an old key cookie waits for the owner and a forgotten one stops opening, the active choice is
// a plain cookie, and the server-configured workspace is never handed to a request a browser marked
// cross-site. (Signed-in people are tested on lib/server/workspace-keys.ts: no request has one yet.)
vi.hoisted(() => {
  process.env.DASHBOARD_SECRET = 'route-test-secret-0123456789abcdef0123456789';
  process.env.DATA_DIR = `${process.env.TMPDIR ?? '/tmp'}/fleet-ws-route-test-${process.pid}-${Date.now()}`;
  process.env.INSTANTLY_API_BASE_URL = 'http://upstream.test';
  process.env.INSTANTLY_API_KEY = 'server_key_0123456789';
  process.env.SIM_ACCOUNTS = '20';
  process.env.SIM_WORKSPACES = '';
});

// Adding keys needs an admin: these requests come from a signed-in owner, except where a test puts
// the install back into the open demo (nobody registered yet).
const auth = vi.hoisted(() => ({ openDemo: false }));
vi.mock('@/lib/server/auth/people', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/server/auth/people')>()),
  personOfRequest: async () =>
    auth.openDemo
      ? { person: null, ownerExists: false, setCookies: [] }
      : {
          person: { id: 'p_owner', email: 'o@example.com', name: 'Owner', role: 'owner', workspaceIds: null },
          ownerExists: true,
          setCookies: [],
        },
}));

const { GET, POST, DELETE } = await import('./route');
const { PUT: PUT_ACTIVE } = await import('./active/route');
const { DELETE: DELETE_ONE } = await import('./[id]/route');
const { assertVerifyAllowed } = await import('@/lib/server/verify-throttle');
const { emptySessionData, sessionCookie, getSealingKeys } = await import('@/lib/server/session');
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
    ...(cookie ? { cookie } : {}),
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

function cookieFrom(response: Response, name: string): string {
  const match = new RegExp(`${name}=([^;]*)`).exec(response.headers.get('set-cookie') ?? '');
  if (match?.[1] === undefined) throw new Error(`no ${name} cookie was set`);
  return match[1];
}

/** A key cookie as a browser still holds it from before the vault. */
function legacyKeyCookie(): { value: string; sid: string } {
  const data = {
    ...emptySessionData(),
    workspaces: [
      { id: 'ws_acme', name: 'Acme', label: 'Client A', key: 'user_key_0123456789', addedAt: '2026-01-01' },
    ],
    active: 'ws_acme',
  };
  return { value: `fleet_keys=${sessionCookie(data, false, getSealingKeys()).value}`, sid: data.sid };
}

const listOf = async (response: Response) =>
  (await response.json()) as {
    workspaces: Array<{ id: string; kind: string }>;
    activeId: string;
    legacyKeys: unknown;
  };

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
    expect(account.status).toBe(404);
    expect(await account.json()).toMatchObject({ type: 'workspace-not-found' });
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

describe('adding a key in the open demo (nobody registered yet)', () => {
  beforeEach(() => {
    auth.openDemo = true;
  });
  afterEach(() => {
    auth.openDemo = false;
  });
  it('asks for the owner account first, before any key check is spent or any call made', async () => {
    for (let i = 0; i < 8; i += 1) {
      const refused = await addKey();
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ type: 'owner-required' });
    }
    const removed = await DELETE_ONE(request('DELETE', '/api/workspaces/ws_acme'), {
      params: Promise.resolve({ id: 'ws_acme' }),
    });
    expect(removed.status).toBe(401);
    expect(upstreamCalls).toEqual([]);
    // The refused requests took nothing from this client's key checks.
    for (let i = 0; i < 5; i += 1) {
      expect(() => assertVerifyAllowed(request('POST', '/api/workspaces'))).not.toThrow();
    }
  });
});

describe('key verification', () => {
  it('is throttled per client: the sixth check in a minute is refused', async () => {
    const check = (address: string) => () =>
      assertVerifyAllowed(request('POST', '/api/workspaces', { headers: { 'x-forwarded-for': address } }));
    for (let i = 0; i < 5; i += 1) expect(check('192.0.2.10')).not.toThrow();
    let refused: unknown;
    try {
      check('192.0.2.10')();
    } catch (error) {
      refused = error;
    }
    expect(refused).toMatchObject({ problem: { type: 'verify-throttled', field: 'key', status: 429 } });
    expect((refused as { problem: { retryAfterSeconds: number } }).problem.retryAfterSeconds).toBeGreaterThan(
      0,
    );
    // Another client is not held back by this one.
    expect(check('192.0.2.77')).not.toThrow();
  });

  it('is throttled globally for clients that keep changing address', async () => {
    let allowed = 0;
    for (let i = 0; i < 40; i += 1) {
      try {
        assertVerifyAllowed(
          request('POST', '/api/workspaces', { headers: { 'x-forwarded-for': `198.51.100.${i}` } }),
        );
        allowed += 1;
      } catch (error) {
        expect(error).toMatchObject({ problem: { status: 429 } });
      }
    }
    expect(allowed).toBe(30);
  });
});

describe('the active workspace (open demo)', () => {
  beforeEach(() => {
    auth.openDemo = true;
  });
  afterEach(() => {
    auth.openDemo = false;
  });
  it('is a plain cookie holding an id, checked against what the request may use', async () => {
    const chosen = await PUT_ACTIVE(
      request('PUT', '/api/workspaces/active', { body: { id: 'server' } }),
      noParams,
    );
    expect(chosen.status).toBe(200);
    expect((await listOf(chosen)).activeId).toBe('server');
    const value = cookieFrom(chosen, 'fleet_workspace');
    expect(value).toBe('server');
    expect(chosen.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Lax/);
    const list = await GET(
      request('GET', '/api/workspaces', { cookie: `fleet_workspace=${value}` }),
      noParams,
    );
    expect((await listOf(list)).activeId).toBe('server');
    // A cross-site request does not get the server workspace, whatever the cookie says.
    const crossSite = await GET(
      request('GET', '/api/workspaces', {
        cookie: 'fleet_workspace=server',
        headers: { 'sec-fetch-site': 'cross-site' },
      }),
      noParams,
    );
    expect((await listOf(crossSite)).activeId).toBe('demo');
    const unknown = await PUT_ACTIVE(
      request('PUT', '/api/workspaces/active', { body: { id: 'ws_nobody' } }),
      noParams,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('set-cookie')).toBeNull();
  });
});

describe('an old key cookie from before the vault', () => {
  beforeEach(() => {
    auth.openDemo = true;
  });
  afterEach(() => {
    auth.openDemo = false;
  });
  it('waits for the owner: its keys are not used, and forgetting it makes a copy useless', async () => {
    const { value: copy } = legacyKeyCookie();
    const before = await listOf(await GET(request('GET', '/api/workspaces', { cookie: copy }), noParams));
    expect(before.legacyKeys).toEqual({ state: 'waiting-for-owner', count: 1 });
    expect(before.workspaces.map((w) => w.id)).toEqual(['demo', 'server']);
    const use = await GET_ACCOUNT(
      request('GET', '/api/accounts/someone%40example.com?workspace=ws_acme', { cookie: copy }),
      { params: Promise.resolve({ email: 'someone@example.com' }) },
    );
    expect(use.status).toBe(404);

    const forgotten = await DELETE(request('DELETE', '/api/workspaces', { cookie: copy }), noParams);
    expect(forgotten.status).toBe(200);
    expect(forgotten.headers.get('set-cookie')).toMatch(/fleet_keys=; Path=\/; Max-Age=0/);
    expect((await listOf(forgotten)).legacyKeys).toBeNull();

    const after = await listOf(await GET(request('GET', '/api/workspaces', { cookie: copy }), noParams));
    expect(after.legacyKeys).toEqual({ state: 'unreadable', reason: 'revoked' });
    expect(upstreamCalls).toEqual([]);
  });
});
