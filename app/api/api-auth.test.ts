import { rmSync } from 'node:fs';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { API_ROUTES } from '@/lib/server/api-route-table.mjs';

// Once an owner exists, every /api route of the table answers a request without a session with 401
// `sign-in-required` (a valid body, so it is the session and not the input that is refused), except
// the few that sign-in itself needs. A route added later is covered without touching this file.
vi.hoisted(() => {
  process.env.DASHBOARD_SECRET = 'auth-gate-test-secret-0123456789abcdef0123';
  process.env.DATA_DIR = `${process.env.TMPDIR ?? '/tmp'}/fleet-auth-gate-test-${process.pid}-${Date.now()}`;
  process.env.SIM_ACCOUNTS = '10';
  process.env.SIM_WORKSPACES = '';
  process.env.DASHBOARD_OWNER_EMAIL = 'owner@example.com';
  process.env.DASHBOARD_OWNER_PASSWORD = 'owner-password-long';
});
afterAll(() => rmSync(process.env.DATA_DIR as string, { recursive: true, force: true }));

const PUBLIC = new Set([
  'GET /api/health',
  'POST /api/auth/sign-in/email',
  'POST /api/auth/sign-out',
  'GET /api/me',
  'POST /api/owner',
  'GET /api/invites/:token',
  'POST /api/invites/:token',
]);

const cases = API_ROUTES.flatMap((route) => route.methods.map((method) => ({ method, path: route.path })));
const fileOf = (routePath: string) =>
  path
    .join(__dirname, '..', routePath.replace(/:(\w+)/g, '[$1]'), 'route.ts')
    .replace(`${path.sep}app${path.sep}api${path.sep}api`, `${path.sep}app${path.sep}api`);

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

describe('with an owner registered', () => {
  it.each(cases.filter((c) => !PUBLIC.has(`${c.method} ${c.path}`)))(
    '$method $path without a session is 401 sign-in-required',
    async ({ method, path: routePath }) => {
      const routeModule = (await import(fileOf(routePath))) as Record<string, Handler>;
      const handler = routeModule[method];
      expect(handler).toBeTypeOf('function');
      const request = new NextRequest(`http://127.0.0.1:3000${routePath.replace(/:(\w+)/g, 'x')}`, {
        method,
        headers: {
          'content-type': 'application/json',
          'sec-fetch-site': 'same-origin',
          host: '127.0.0.1:3000',
        },
        body: ['POST', 'PUT', 'PATCH'].includes(method) ? '{}' : undefined,
      });
      const params = Object.fromEntries([...routePath.matchAll(/:(\w+)/g)].map((m) => [m[1], 'x']));
      const response = await (handler as Handler)(request, { params: Promise.resolve(params) });
      const body = (await response.json()) as { type?: string };
      expect([response.status, body.type]).toEqual([401, 'sign-in-required']);
    },
  );

  it('still answers the routes sign-in needs', async () => {
    const me = (await import('./me/route')) as unknown as Record<string, Handler>;
    const response = await (me.GET as Handler)(
      new NextRequest('http://127.0.0.1:3000/api/me', { headers: { host: '127.0.0.1:3000' } }),
      { params: Promise.resolve({}) },
    );
    expect(await response.json()).toEqual({ person: null, ownerExists: true });
  });
});
