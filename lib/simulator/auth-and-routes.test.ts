import 'server-only';
import { describe, expect, it } from 'vitest';
import { call, DEMO_KEY, demoSpec, OTHER_KEY, testSimulator } from './test-helpers';

// Authentication, plan and scope errors, and Fastify's unknown-route answer (REFERENCE §1.4, §8).

const { sim } = testSimulator({
  workspaces: [
    demoSpec({ accounts: 30 }),
    demoSpec({
      slug: 'broke',
      key: 'sim_test_noplan_0123456789',
      name: 'Broke Co',
      seed: 3,
      accounts: 10,
      flag: 'noplan',
    }),
    demoSpec({ slug: 'viewer', key: OTHER_KEY, name: 'Viewer Inc', seed: 4, accounts: 10, flag: 'readonly' }),
  ],
});

describe('authentication', () => {
  it('401 without an Authorization header', async () => {
    const res = await call(sim, 'GET', '/accounts', { key: null });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Missing Authorization header',
    });
  });

  it('401 for an unknown key', async () => {
    const res = await call(sim, 'GET', '/accounts', { key: 'sim_nope_000000000000' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Invalid API key' });
  });

  it('402 on every endpoint for a workspace without a paid plan', async () => {
    for (const [method, path] of [
      ['GET', '/accounts'],
      ['GET', '/workspaces/current'],
      ['POST', '/accounts/warmup-analytics'],
    ] as const) {
      const res = await call(sim, method, path, {
        key: 'sim_test_noplan_0123456789',
        body: method === 'POST' ? { emails: ['a@b.co'] } : undefined,
      });
      expect(res.status).toBe(402);
      expect(res.body).toEqual({
        statusCode: 402,
        error: 'Payment Required',
        message: 'Workspace does not have an active paid plan',
      });
    }
  });

  it('403 for writes with a read-only key; reads (including read-only POSTs) still work', async () => {
    const write = await call(sim, 'POST', '/accounts/warmup/enable', {
      key: OTHER_KEY,
      body: { emails: ['a@b.co'] },
    });
    expect(write.status).toBe(403);
    expect(write.text).toBe('{"statusCode":403,"error":"Forbidden","message":"Forbidden"}');
    expect((await call(sim, 'GET', '/accounts', { key: OTHER_KEY })).status).toBe(200);
    expect(
      (
        await call(sim, 'POST', '/accounts/warmup-analytics', {
          key: OTHER_KEY,
          body: { emails: ['a@b.co'] },
        })
      ).status,
    ).toBe(200);
  });

  it('each key sees only its own workspace', async () => {
    const demo = (await call(sim, 'GET', '/workspaces/current')).body as { id: string; name: string };
    const viewer = (await call(sim, 'GET', '/workspaces/current', { key: OTHER_KEY })).body as {
      id: string;
      name: string;
    };
    expect(demo.name).toBe('Demo workspace');
    expect(viewer.name).toBe('Viewer Inc');
    expect(viewer.id).not.toBe(demo.id);
  });
});

describe('routes', () => {
  it('unknown route → Fastify 404 naming method and URL', async () => {
    const res = await call(sim, 'GET', '/leads');
    expect(res.status).toBe(404);
    expect(res.text).toBe(
      '{"message":"Route GET:/api/v2/leads not found","error":"Not Found","statusCode":404}',
    );
  });

  it('a known path with the wrong method is also an unknown route', async () => {
    const res = await call(sim, 'PUT', '/accounts');
    expect(res.status).toBe(404);
    expect((res.body as { message: string }).message).toBe('Route PUT:/api/v2/accounts not found');
  });

  it('unknown account, job and tag → 404 Resource not found', async () => {
    for (const path of [
      '/accounts/nobody%40nowhere.test',
      '/background-jobs/0123456789abcdef01234567',
      '/custom-tags/5810ba01-0da9-4e2f-b896-67b449443279',
    ]) {
      const res = await call(sim, 'GET', path);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Resource not found' });
    }
  });

  it('serves any prefix before /api/v2 and decodes the email in the path', async () => {
    const first = (await call(sim, 'GET', '/accounts', { query: { limit: 1 } })).body as {
      items: Array<{ email: string }>;
    };
    const email = first.items[0]?.email as string;
    for (const base of [
      'http://sim.test/api/v2',
      'http://sim.test/simulator/api/v2',
      'http://x/api/demo/api/v2',
    ]) {
      const res = await call(sim, 'GET', `/accounts/${encodeURIComponent(email)}`, { base });
      expect(res.status).toBe(200);
      expect((res.body as { email: string }).email).toBe(email);
    }
  });

  it('anything outside /api/v2 is an unknown route', async () => {
    const res = await call(sim, 'GET', '/accounts', { base: 'http://sim.test/api/v1' });
    expect(res.status).toBe(404);
  });

  it('answers JSON with the Fastify content type', async () => {
    const res = await call(sim, 'GET', '/accounts', { key: DEMO_KEY });
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });
});
