import { AsyncLocalStorage } from 'node:async_hooks';
import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Every /api handler, as Next calls it, fed random query strings, bodies and path parameters: it
// never answers 5xx, always answers JSON (CSV for a valid export), and when it refuses the input it
// names the field and has made no call to Instantly (the in-process demo simulator counts calls).
// The suite runs a fixed seed so CI is repeatable; FUZZ_RUNS=1000 npx vitest run app/api explores anew.
vi.hoisted(() => {
  process.env.DASHBOARD_SECRET = 'fuzz-test-secret-0123456789abcdef0123456789';
  process.env.DATA_DIR = `${process.env.TMPDIR ?? '/tmp'}/fleet-fuzz-test-${process.pid}-${Date.now()}`;
  process.env.SIM_ACCOUNTS = '40';
  process.env.SIM_WORKSPACES = '';
});

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const routes: Array<{
  name: string;
  method: string;
  path: string;
  params?: string[];
  handler: () => Promise<Handler>;
}> = [
  {
    name: 'GET /api/accounts',
    method: 'GET',
    path: '/api/accounts',
    handler: async () => (await import('./accounts/route')).GET,
  },
  {
    name: 'GET /api/accounts/facets',
    method: 'GET',
    path: '/api/accounts/facets',
    handler: async () => (await import('./accounts/facets/route')).GET,
  },
  {
    name: 'GET /api/accounts/sync',
    method: 'GET',
    path: '/api/accounts/sync',
    handler: async () => (await import('./accounts/sync/route')).GET,
  },
  {
    name: 'POST /api/accounts/sync',
    method: 'POST',
    path: '/api/accounts/sync',
    handler: async () => (await import('./accounts/sync/route')).POST,
  },
  {
    name: 'GET /api/accounts/export',
    method: 'GET',
    path: '/api/accounts/export',
    handler: async () => (await import('./accounts/export/route')).GET,
  },
  {
    name: 'GET /api/accounts/:email',
    method: 'GET',
    path: '/api/accounts/x',
    params: ['email'],
    handler: async () => (await import('./accounts/[email]/route')).GET,
  },
  {
    name: 'PATCH /api/accounts/:email',
    method: 'PATCH',
    path: '/api/accounts/x',
    params: ['email'],
    handler: async () => (await import('./accounts/[email]/route')).PATCH,
  },
  {
    name: 'GET /api/accounts/:email/analytics',
    method: 'GET',
    path: '/api/accounts/x/analytics',
    params: ['email'],
    handler: async () => (await import('./accounts/[email]/analytics/route')).GET,
  },
  {
    name: 'POST /api/accounts/vitals',
    method: 'POST',
    path: '/api/accounts/vitals',
    handler: async () => (await import('./accounts/vitals/route')).POST,
  },
  {
    name: 'GET /api/bulk-actions',
    method: 'GET',
    path: '/api/bulk-actions',
    handler: async () => (await import('./bulk-actions/route')).GET,
  },
  {
    name: 'POST /api/bulk-actions',
    method: 'POST',
    path: '/api/bulk-actions',
    handler: async () => (await import('./bulk-actions/route')).POST,
  },
  {
    name: 'POST /api/bulk-actions/preview',
    method: 'POST',
    path: '/api/bulk-actions/preview',
    handler: async () => (await import('./bulk-actions/preview/route')).POST,
  },
  {
    name: 'GET /api/bulk-actions/:id',
    method: 'GET',
    path: '/api/bulk-actions/x',
    params: ['id'],
    handler: async () => (await import('./bulk-actions/[id]/route')).GET,
  },
  {
    name: 'POST /api/bulk-actions/:id/retry',
    method: 'POST',
    path: '/api/bulk-actions/x/retry',
    params: ['id'],
    handler: async () => (await import('./bulk-actions/[id]/retry/route')).POST,
  },
  {
    name: 'GET /api/diagnostics',
    method: 'GET',
    path: '/api/diagnostics',
    handler: async () => (await import('./diagnostics/route')).GET,
  },
  {
    name: 'GET /api/diagnostics/accounts',
    method: 'GET',
    path: '/api/diagnostics/accounts',
    handler: async () => (await import('./diagnostics/accounts/route')).GET,
  },
  {
    name: 'GET /api/overview',
    method: 'GET',
    path: '/api/overview',
    handler: async () => (await import('./overview/route')).GET,
  },
  {
    name: 'GET /api/workspaces',
    method: 'GET',
    path: '/api/workspaces',
    handler: async () => (await import('./workspaces/route')).GET,
  },
  {
    name: 'POST /api/workspaces',
    method: 'POST',
    path: '/api/workspaces',
    handler: async () => (await import('./workspaces/route')).POST,
  },
  {
    name: 'DELETE /api/workspaces/:id',
    method: 'DELETE',
    path: '/api/workspaces/x',
    params: ['id'],
    handler: async () => (await import('./workspaces/[id]/route')).DELETE,
  },
  {
    name: 'PUT /api/workspaces/active',
    method: 'PUT',
    path: '/api/workspaces/active',
    handler: async () => (await import('./workspaces/active/route')).PUT,
  },
];

// Parameter names the handlers know, so the fuzzer also hits the validators, not just unknown keys.
const knownKeys = [
  'scope',
  'ws',
  'q',
  'status',
  'warmup',
  'provider',
  'tag',
  'domain',
  'cause',
  'error',
  'sort',
  'order',
  'offset',
  'limit',
  'range',
  'state',
  'group',
  'active',
  'workspace',
];
const queryArb = fc.dictionary(
  fc.oneof(fc.constantFrom(...knownKeys), fc.string({ maxLength: 8 })),
  fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.integer().map(String),
    fc.constantFrom('-1', '1,2', 'all', 'desc', '99999999', 'none'),
  ),
  { maxKeys: 5 },
);
const bodyArb = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record(
    {
      key: fc.oneof(fc.string(), fc.constant('x')),
      kind: fc.oneof(fc.string(), fc.constantFrom('pause', 'enable-warmup')),
      target: fc.jsonValue({ maxDepth: 2 }),
      dailyLimit: fc.oneof(fc.integer(), fc.string()),
      sendingGap: fc.oneof(fc.integer({ min: -5000, max: 5000 }), fc.string()),
      emails: fc.array(fc.string(), { maxLength: 3 }),
      id: fc.string(),
      scope: fc.string(),
    },
    { requiredKeys: [] },
  ),
);
const paramArb = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.emailAddress(),
  fc.constant('%'),
  fc.constant('../../v2/accounts'),
);

// Each fuzzed request runs in its own async context, so an upstream call is charged to the request
// that caused it, not to background work (a sync) that an earlier valid request started.
const requestContext = new AsyncLocalStorage<number>();
const upstreamCallsBy = new Map<number, number>();
let requestCounter = 0;

beforeAll(async () => {
  const { getSimulator } = await import('@/lib/simulator/registry');
  const sim = getSimulator();
  const handle = sim.handle.bind(sim);
  vi.spyOn(sim, 'handle').mockImplementation(async (request: Request) => {
    const id = requestContext.getStore();
    if (id !== undefined) upstreamCallsBy.set(id, (upstreamCallsBy.get(id) ?? 0) + 1);
    return handle(request);
  });
});

afterAll(() => {
  vi.restoreAllMocks();
  rmSync(process.env.DATA_DIR as string, { recursive: true, force: true });
});

describe('every /api handler under random input', () => {
  it.each(routes)('$name: never a 5xx; refusals are JSON, name the field, and call nobody', async (route) => {
    const handler = await route.handler();
    await fc.assert(
      fc.asyncProperty(queryArb, bodyArb, paramArb, async (query, body, param) => {
        const url = new URL(`http://127.0.0.1:3000${route.path}`);
        for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
        const withBody = route.method === 'POST' || route.method === 'PATCH' || route.method === 'PUT';
        const request = new NextRequest(url, {
          method: route.method,
          headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
          body: withBody ? JSON.stringify(body) : undefined,
        });
        const params = Object.fromEntries((route.params ?? []).map((name) => [name, param]));
        const id = ++requestCounter;
        const response = await requestContext.run(id, () =>
          handler(request, { params: Promise.resolve(params) }),
        );
        expect(response.status, `${route.name} ${url.search} ${JSON.stringify(body)}`).toBeLessThan(500);
        const type = response.headers.get('content-type') ?? '';
        if (type.startsWith('text/csv')) {
          expect(response.status).toBe(200);
          await response.body?.cancel();
          return;
        }
        expect(type).toMatch(/json/);
        const json = (await response.json()) as { type?: string; title?: string; field?: string };
        expect(response.headers.get('cache-control')).toBe('private, no-store');
        if (json.type === 'invalid-input') {
          expect(response.status).toBe(400);
          expect(json.title, `${route.name}: a refusal without a title`).toMatch(/\S/);
          expect(json.field, `${route.name}: ${json.title} names no field`).toMatch(/\S/);
          expect(upstreamCallsBy.get(id) ?? 0, `${route.name} called Instantly for invalid input`).toBe(0);
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 60), seed: process.env.FUZZ_RUNS ? undefined : 20_261_127 },
    );
  });
});
