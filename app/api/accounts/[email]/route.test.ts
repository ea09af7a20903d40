import { rmSync } from 'node:fs';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// The handler as Next calls it, against the in-process demo simulator: an invalid body is refused
// with its field named before any call to Instantly; an unchanged value never travels.
vi.hoisted(() => {
  process.env.DASHBOARD_SECRET = 'route-test-secret-0123456789abcdef0123456789';
  process.env.DATA_DIR = `${process.env.TMPDIR ?? '/tmp'}/fleet-route-test-${process.pid}-${Date.now()}`;
  process.env.SIM_ACCOUNTS = '60';
  process.env.SIM_WORKSPACES = '';
});

const { GET, PATCH } = await import('./route');
const { DEMO_API_KEY, getSimulator } = await import('@/lib/simulator/registry');
const { listAll } = await import('@/lib/simulator/test-helpers');

type Account = { email: string; status: number; daily_limit?: number; sending_gap?: number };

let account: Account;
const upstream: string[] = [];

beforeAll(async () => {
  const sim = getSimulator();
  const items = (await listAll(sim, {}, DEMO_API_KEY)).items as Account[];
  const found = items.find(
    (a) => a.status === 1 && typeof a.daily_limit === 'number' && typeof a.sending_gap === 'number',
  );
  if (!found) throw new Error('no active demo account');
  account = found;
  const handle = sim.handle.bind(sim);
  vi.spyOn(sim, 'handle').mockImplementation(async (request: Request) => {
    upstream.push(`${request.method} ${new URL(request.url).pathname}`);
    return handle(request);
  });
});

afterAll(() => {
  vi.restoreAllMocks();
  rmSync(process.env.DATA_DIR as string, { recursive: true, force: true });
});

const url = (email: string) =>
  `http://127.0.0.1:3000/api/accounts/${encodeURIComponent(email)}?workspace=demo`;
const ctx = (email: string) => ({ params: Promise.resolve({ email }) });

function patch(email: string, body: unknown) {
  return PATCH(
    new NextRequest(url(email), {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify(body),
    }),
    ctx(email),
  );
}

describe('PATCH /api/accounts/[email]', () => {
  it('refuses out-of-range values with the field named and no upstream call', async () => {
    upstream.length = 0;
    for (const [body, field] of [
      [{ sendingGap: 1441 }, 'sendingGap'],
      [{ dailyLimit: 0 }, 'dailyLimit'],
      [{ dailyLimit: 'lots' }, 'dailyLimit'],
      [{ warmupIncrement: '7' }, 'warmupIncrement'],
      [{ warmupLimit: 500 }, 'warmupLimit'],
      [{ trackingDomain: 'not a host' }, 'trackingDomain'],
    ] as const) {
      const response = await patch(account.email, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const problem = (await response.json()) as { field?: string; title: string; detail?: string };
      expect(problem.field).toBe(field);
      expect(problem.title).toMatch(/^Check the /);
    }
    expect(upstream).toEqual([]);
  });

  it('refuses an invalid email in the path without an upstream call', async () => {
    upstream.length = 0;
    const response = await patch('not-an-email', { dailyLimit: 30 });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { field?: string }).field).toBe('email');
    expect(upstream).toEqual([]);
  });

  it('refuses a cross-site write without an upstream call', async () => {
    upstream.length = 0;
    const response = await PATCH(
      new NextRequest(url(account.email), {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
        body: JSON.stringify({ dailyLimit: 30 }),
      }),
      ctx(account.email),
    );
    expect(response.status).toBe(403);
    expect(upstream).toEqual([]);
  });

  it('GET reads the account; PATCH sends only what changed, and an unchanged value is "nothing to save"', async () => {
    upstream.length = 0;
    const got = await GET(new NextRequest(url(account.email)), ctx(account.email));
    expect(got.status).toBe(200);
    expect(got.headers.get('cache-control')).toBe('private, no-store');
    const detail = (await got.json()) as { settings: { dailyLimit: number; sendingGap: number } };
    expect(detail.settings.dailyLimit).toBe(account.daily_limit);
    expect(upstream).toEqual([`GET /api/v2/accounts/${encodeURIComponent(account.email)}`]);

    upstream.length = 0;
    const same = await patch(account.email, {
      dailyLimit: account.daily_limit,
      sendingGap: account.sending_gap,
    });
    expect(same.status).toBe(400);
    expect(((await same.json()) as { type: string }).type).toBe('nothing-to-save');
    expect(upstream).toEqual([]);

    const saved = await patch(account.email, {
      dailyLimit: (account.daily_limit ?? 0) + 1,
      sendingGap: account.sending_gap,
    });
    expect(saved.status).toBe(200);
    const body = (await saved.json()) as { changed: string[]; settings: { dailyLimit: number } };
    expect(body.changed).toEqual(['dailyLimit']);
    expect(body.settings.dailyLimit).toBe((account.daily_limit ?? 0) + 1);
    expect(upstream).toEqual([`PATCH /api/v2/accounts/${encodeURIComponent(account.email)}`]);
  });

  it('a save whose answer is lost is re-read in the same request and answered as saved or not, never re-sent', async () => {
    const sim = getSimulator();
    const inject = async (rules: unknown[]) => {
      const response = await sim.handleControl(
        new Request('http://sim.test/_control', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ rules }),
        }),
      );
      expect(response.status).toBe(200);
    };
    const path = `/api/v2/accounts/${encodeURIComponent(account.email)}`;
    const got = (await (await GET(new NextRequest(url(account.email)), ctx(account.email))).json()) as {
      settings: { sendingGap: number };
    };
    const gap = got.settings.sendingGap;

    await inject([{ kind: 'error', workspace: 'demo', method: 'PATCH', status: 500, count: 1 }]);
    upstream.length = 0;
    const refused = await patch(account.email, { sendingGap: gap + 5 });
    expect(refused.status).toBe(502);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(await refused.json()).toMatchObject({
      type: 'save-not-applied',
      title: 'Instantly had an error — try again',
      writeOutcome: 'not-applied',
    });
    expect(upstream).toEqual([`PATCH ${path}`, `GET ${path}`]);

    await inject([{ kind: 'malformed', workspace: 'demo', method: 'PATCH', afterApplying: true, count: 1 }]);
    upstream.length = 0;
    const confirmed = await patch(account.email, { sendingGap: gap + 5 });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toMatchObject({
      confirmedBy: 're-read',
      changed: ['sendingGap'],
      settings: { sendingGap: gap + 5 },
    });
    expect(upstream).toEqual([`PATCH ${path}`, `GET ${path}`]);
  });
});
