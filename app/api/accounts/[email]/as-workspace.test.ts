import { rmSync } from 'node:fs';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// x-as-workspace is the server's to set, from a stored workspace: a browser that sends one (to make
// the key act as another client workspace) has it ignored on every route that calls Instantly.
vi.hoisted(() => {
  process.env.DASHBOARD_SECRET = 'route-test-secret-0123456789abcdef0123456789';
  process.env.DATA_DIR = `${process.env.TMPDIR ?? '/tmp'}/fleet-as-ws-test-${process.pid}-${Date.now()}`;
  process.env.SIM_ACCOUNTS = '20';
  process.env.SIM_WORKSPACES = '';
});

const { GET, PATCH } = await import('./route');
const { DEMO_API_KEY, getSimulator } = await import('@/lib/simulator/registry');
const { listAll } = await import('@/lib/simulator/test-helpers');

const seen: Array<string | null> = [];
let email: string;

beforeAll(async () => {
  const sim = getSimulator();
  email = String((await listAll(sim, {}, DEMO_API_KEY)).items[0]!.email);
  const handle = sim.handle.bind(sim);
  vi.spyOn(sim, 'handle').mockImplementation(async (request: Request) => {
    seen.push(request.headers.get('x-as-workspace'));
    return handle(request);
  });
});

afterAll(() => {
  vi.restoreAllMocks();
  rmSync(process.env.DATA_DIR as string, { recursive: true, force: true });
});

describe('a browser’s x-as-workspace', () => {
  it('is never forwarded to Instantly, on a read or a write', async () => {
    const client = getSimulator().workspaces().find((w) => w.memberOf?.status === 'accepted')!;
    const headers = { 'x-as-workspace': client.id, 'sec-fetch-site': 'same-origin' };
    const url = `http://127.0.0.1:3000/api/accounts/${encodeURIComponent(email)}?workspace=demo`;
    const ctx = { params: Promise.resolve({ email }) };
    const read = await GET(new NextRequest(url, { headers }), ctx);
    expect(read.status).toBe(200);
    const write = await PATCH(
      new NextRequest(url, {
        method: 'PATCH',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ dailyLimit: 21 }),
      }),
      ctx,
    );
    expect(write.status).toBe(200);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((header) => header === null)).toBe(true);
  });
});
