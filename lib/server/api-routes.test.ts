import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { problemSchema } from '@/lib/schemas/api-problem';
import { API_ROUTES, refuseApiRequest } from './api-routes';

vi.hoisted(() => {
  process.env.DASHBOARD_SECRET = 'api-routes-test-secret-0123456789abcdef0123';
  process.env.DATA_DIR = `${process.env.TMPDIR ?? '/tmp'}/fleet-api-routes-test-${process.pid}-${Date.now()}`;
  process.env.SIM_ACCOUNTS = '10';
});

afterAll(() => rmSync(process.env.DATA_DIR as string, { recursive: true, force: true }));

const apiDir = path.resolve(__dirname, '../../app/api');
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** app/api/accounts/[email]/route.ts → "/api/accounts/:email". */
function routeFiles(): Array<{ path: string; file: string }> {
  return readdirSync(apiDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => path.basename(f) === 'route.ts')
    .map((f) => {
      const dir = path.dirname(f) === '.' ? '' : `/${path.dirname(f).split(path.sep).join('/')}`;
      return { path: `/api${dir.replace(/\[(\w+)\]/g, ':$1')}`, file: path.join(apiDir, f) };
    });
}

async function body(response: Response | null) {
  expect(response).not.toBeNull();
  const r = response as Response;
  expect(r.headers.get('content-type')).toBe('application/problem+json');
  return problemSchema.parse(await r.json());
}

describe('the /api route table', () => {
  it('lists exactly the route files under app/api and the methods each exports', async () => {
    const actual: Array<{ path: string; methods: string[] }> = [];
    for (const { path: routePath, file } of routeFiles()) {
      const exported = (await import(file)) as Record<string, unknown>;
      const methods = HTTP_METHODS.filter((m) => typeof exported[m] === 'function');
      actual.push({ path: routePath, methods });
    }
    const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);
    const listed = API_ROUTES.map((r) => ({ path: r.path, methods: [...r.methods] }));
    expect(actual.sort(byPath)).toEqual(listed.sort(byPath));
  });

  it('lets through what a route takes, with HEAD beside GET and OPTIONS everywhere', () => {
    expect(refuseApiRequest('GET', '/api/health')).toBeNull();
    expect(refuseApiRequest('HEAD', '/api/accounts')).toBeNull();
    expect(refuseApiRequest('OPTIONS', '/api/workspaces/active')).toBeNull();
    expect(refuseApiRequest('patch', '/api/accounts/ann%40alpha.io')).toBeNull();
    expect(refuseApiRequest('POST', '/api/bulk-actions/job_1/retry')).toBeNull();
  });

  it('refuses an unknown path with a 404 problem, whatever the method', async () => {
    for (const [method, pathname] of [
      ['GET', '/api'],
      ['GET', '/api/v2/accounts'],
      ['DELETE', '/api/leads'],
      ['PROPFIND', '/api/accounts/x/y/z'],
    ] as const) {
      const response = refuseApiRequest(method, pathname);
      expect(response?.status, `${method} ${pathname}`).toBe(404);
      expect(await body(response)).toMatchObject({ type: 'not-found', status: 404 });
    }
  });

  it('refuses a method the route lacks with a 405 problem and an Allow of its real methods', async () => {
    const put = refuseApiRequest('PUT', '/api/health');
    expect(put?.status).toBe(405);
    expect(put?.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(await body(put)).toMatchObject({ type: 'method-not-allowed', status: 405 });

    const propfind = refuseApiRequest('PROPFIND', '/api/accounts/ann%40alpha.io');
    expect(propfind?.headers.get('allow')).toBe('GET, PATCH, HEAD, OPTIONS');
    // A static segment wins over a parameter, as in Next's router: export is its own GET-only route.
    expect(refuseApiRequest('PATCH', '/api/accounts/export')?.headers.get('allow')).toBe(
      'GET, HEAD, OPTIONS',
    );
    expect(refuseApiRequest('HEAD', '/api/workspaces/active')?.headers.get('allow')).toBe('PUT, OPTIONS');
    expect(refuseApiRequest('GET', '/api/workspaces/ws_1')?.headers.get('allow')).toBe(
      'PATCH, DELETE, OPTIONS',
    );
  });
});
