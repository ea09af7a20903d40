import { rmSync } from 'node:fs';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

// The demo simulator over HTTP as Next calls it: visitors read within a budget of their own, may not
// write unless the request comes from our own pages, and a foreign Host gets nothing at all.
vi.hoisted(() => {
  process.env.DASHBOARD_SECRET = 'route-test-secret-0123456789abcdef0123456789';
  process.env.DATA_DIR = `${process.env.TMPDIR ?? '/tmp'}/fleet-sim-route-test-${process.pid}-${Date.now()}`;
  process.env.SIM_ACCOUNTS = '20';
  process.env.SIM_WORKSPACES = '';
  process.env.SIM_CONTROL = 'off';
});

const { GET, POST } = await import('./route');
const { DEMO_API_KEY, getSimulator } = await import('@/lib/simulator/registry');
const { resetProcessSingleton } = await import('@/lib/server/singleton');

const reached: string[] = [];
const sim = getSimulator();
const handle = sim.handle.bind(sim);
vi.spyOn(sim, 'handle').mockImplementation(async (request: Request) => {
  reached.push(`${request.method} ${new URL(request.url).pathname}`);
  return handle(request);
});

afterAll(() => {
  vi.restoreAllMocks();
  rmSync(process.env.DATA_DIR as string, { recursive: true, force: true });
});

beforeEach(() => {
  reached.length = 0;
  resetProcessSingleton('simulator-route-throttles');
});

function call(method: 'GET' | 'POST', path: string, headers: Record<string, string> = {}, body?: unknown) {
  const request = new Request(`http://127.0.0.1:3000/simulator/api/v2${path}`, {
    method,
    headers: {
      host: '127.0.0.1:3000',
      authorization: `Bearer ${DEMO_API_KEY}`,
      'x-forwarded-for': '203.0.113.5',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return (method === 'GET' ? GET : POST)(request);
}

describe('/simulator/api/v2 for visitors', () => {
  it('serves reads', async () => {
    const response = await call('GET', '/accounts?limit=2');
    expect(response.status).toBe(200);
    expect(((await response.json()) as { items: unknown[] }).items).toHaveLength(2);
  });

  it('refuses every write while SIM_CONTROL is off, whatever the request claims about itself', async () => {
    const body = { emails: ['someone@example.com'] };
    const claims: Array<Record<string, string>> = [
      {},
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-origin' },
    ];
    for (const headers of claims) {
      const refused = await call('POST', '/accounts/warmup/enable', headers, body);
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    }
    expect(reached).toEqual([]);
  });

  it('limits each client to 20 requests a second, before the demo workspace budget is touched', async () => {
    const statuses = await Promise.all(Array.from({ length: 30 }, () => call('GET', '/accounts?limit=1')));
    expect(statuses.filter((r) => r.status === 200)).toHaveLength(20);
    const limited = statuses.filter((r) => r.status === 429);
    expect(limited).toHaveLength(10);
    expect(limited[0]?.headers.get('retry-after')).toBe('1');
    expect(reached).toHaveLength(20);
    // Someone else still gets through.
    expect((await call('GET', '/accounts?limit=1', { 'x-forwarded-for': '203.0.113.99' })).status).toBe(200);
  });

  it('caps all clients together, so rotating the claimed address buys nothing past 50 a second', async () => {
    const answers = await Promise.all(
      Array.from({ length: 80 }, (_, i) =>
        call('GET', '/accounts?limit=1', { 'x-forwarded-for': `198.51.100.${i}` }),
      ),
    );
    expect(answers.filter((r) => r.status === 200)).toHaveLength(50);
    expect(reached).toHaveLength(50);
  });

  it('answers nothing for a foreign Host', async () => {
    const response = await call('GET', '/accounts?limit=1', { host: 'evil.example:3000' });
    expect(response.status).toBe(421);
    expect(reached).toEqual([]);
  });
});
