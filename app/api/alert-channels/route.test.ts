import { rmSync } from 'node:fs';
import { NextRequest } from 'next/server';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

// The channel routes as Next calls them, with ALERTS_ALLOW_PRIVATE_URLS off (the default): private
// addresses are refused with a message that says why, secrets never come back, viewers may look but
// not change, members limited to some workspaces may do neither, only admins send a test, and
// "Send a test alert" queues one delivery.
vi.hoisted(() => {
  process.env.DASHBOARD_SECRET = 'alert-route-test-secret-0123456789abcdef0123';
  process.env.DATA_DIR = `${process.env.TMPDIR ?? '/tmp'}/fleet-alert-route-test-${process.pid}-${Date.now()}`;
  process.env.SIM_WORKSPACES = '';
  process.env.SIM_ACCOUNTS = '5';
  process.env.ALERTS_SLACK_WEBHOOK_URL = 'https://hooks.slack.com/services/T000/B000/envsecretpath';
});

const auth = vi.hoisted(() => ({
  role: 'admin' as 'admin' | 'operator' | 'viewer',
  workspaceIds: null as string[] | null,
}));
vi.mock('@/lib/server/auth/people', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/server/auth/people')>()),
  personOfRequest: async () => ({
    person: {
      id: `p_${auth.role}`,
      email: `${auth.role}@example.com`,
      name: auth.role,
      role: auth.role,
      workspaceIds: auth.workspaceIds,
    },
    ownerExists: true,
    setCookies: [],
  }),
}));

const { GET, POST } = await import('./route');
const one = await import('./[id]/route');
const { POST: TEST } = await import('./[id]/test/route');

afterAll(() => rmSync(process.env.DATA_DIR as string, { recursive: true, force: true }));
beforeEach(() => {
  auth.role = 'admin';
  auth.workspaceIds = null;
});

const noParams = { params: Promise.resolve({}) };
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });

function request(method: string, path: string, body?: unknown) {
  return new NextRequest(`http://127.0.0.1:3000${path}`, {
    method,
    headers: {
      host: '127.0.0.1:3000',
      'sec-fetch-site': 'same-origin',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
}

const SIGNING = 'receiver-shared-secret-42';
const webhookInput = (url: string) => ({
  kind: 'webhook',
  name: 'Ops receiver',
  workspaceIds: null,
  severities: ['critical', 'warning'],
  digestHour: 8,
  timeZone: 'Europe/Paris',
  quietHours: { start: 22, end: 7 },
  url,
  signingSecret: SIGNING,
});

const create = (body: unknown) => POST(request('POST', '/api/alert-channels', body), noParams);

describe('/api/alert-channels', () => {
  it.each([
    ['https://127.0.0.1/hook', '127.0.0.1 is a loopback address'],
    ['https://10.0.0.1/hook', '10.0.0.1 is a private (RFC 1918) address'],
    ['https://169.254.169.254/latest/meta-data/', '169.254.169.254 is the cloud metadata address'],
    ['https://[::ffff:10.0.0.1]/hook', 'a private (RFC 1918) address'],
    ['https://localhost/hook', 'localhost resolves to'],
    ['http://93.184.215.14/hook', 'must be an https:// URL'],
  ])('refuses a webhook at %s, saying why, on the url field', async (url, message) => {
    const response = await create(webhookInput(url));
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { field: string; detail: string };
    expect(problem.field).toBe('url');
    expect(problem.detail).toContain(message);
  });

  it('stores a public channel, shows it without its secrets, beside the environment’s', async () => {
    const response = await create(webhookInput('https://93.184.215.14/hooks/secret-path-xyz'));
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const listed = await GET(request('GET', '/api/alert-channels'), noParams);
    const text = await listed.text();
    expect(text).not.toContain('secret-path-xyz');
    expect(text).not.toContain(SIGNING);
    expect(text).not.toContain('envsecretpath');
    const { channels } = JSON.parse(text) as { channels: Array<Record<string, unknown>> };
    expect(channels.find((c) => c.id === id)).toMatchObject({
      kind: 'webhook',
      source: 'database',
      target: '93.184.215.14',
      quietHours: { start: 22, end: 7 },
      secretsReadable: true,
      lastDelivery: null,
    });
    expect(channels.find((c) => c.id === 'env-slack')).toMatchObject({
      source: 'environment',
      target: 'hooks.slack.com',
    });
  });

  it('names the field of an invalid channel', async () => {
    const response = await create({
      ...webhookInput('https://93.184.215.14/h'),
      name: '',
      timeZone: 'Nowhere/City',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ field: 'name' });
    const zone = await create({ ...webhookInput('https://93.184.215.14/h'), timeZone: 'Nowhere/City' });
    expect(await zone.json()).toMatchObject({
      field: 'timeZone',
      detail: 'timeZone: an IANA time zone such as Europe/Paris',
    });
  });

  it('lets a viewer look but not change, and keeps secrets left out of a change', async () => {
    const { id } = (await (await create(webhookInput('https://93.184.215.14/keep-me'))).json()) as {
      id: string;
    };
    auth.role = 'viewer';
    expect((await GET(request('GET', '/api/alert-channels'), noParams)).status).toBe(200);
    expect((await create(webhookInput('https://93.184.215.14/x'))).status).toBe(403);
    expect((await one.DELETE(request('DELETE', `/api/alert-channels/${id}`), idParams(id))).status).toBe(403);
    auth.role = 'admin';
    const { url: _url, signingSecret: _secret, ...change } = webhookInput('');
    const patched = await one.PATCH(
      request('PATCH', `/api/alert-channels/${id}`, { ...change, name: 'Renamed' }),
      idParams(id),
    );
    expect(patched.status).toBe(200);
    const detail = (await (
      await one.GET(request('GET', `/api/alert-channels/${id}`), idParams(id))
    ).json()) as {
      channel: { name: string; target: string; secretsReadable: boolean };
    };
    expect(detail.channel).toMatchObject({ name: 'Renamed', target: '93.184.215.14', secretsReadable: true });
    const refused = await one.PATCH(
      request('PATCH', `/api/alert-channels/${id}`, { ...change, url: 'https://169.254.169.254/' }),
      idParams(id),
    );
    expect(await refused.json()).toMatchObject({ status: 400, field: 'url' });
    expect((await one.DELETE(request('DELETE', `/api/alert-channels/${id}`), idParams(id))).status).toBe(200);
    expect((await one.GET(request('GET', `/api/alert-channels/${id}`), idParams(id))).status).toBe(404);
  });

  it('an operator cannot send a test alert: it reaches the channel’s real recipients', async () => {
    auth.role = 'operator';
    const response = await TEST(
      request('POST', '/api/alert-channels/env-slack/test', {}),
      idParams('env-slack'),
    );
    expect(response.status).toBe(403);
  });

  it('a member limited to some workspaces neither sees nor changes channels, which serve them all', async () => {
    const { id } = (await (await create(webhookInput('https://93.184.215.14/all'))).json()) as { id: string };
    auth.workspaceIds = ['demo'];
    const list = await GET(request('GET', '/api/alert-channels'), noParams);
    expect(list.status).toBe(403);
    expect(await list.json()).toMatchObject({ title: 'Alert channels serve every workspace' });
    expect((await one.GET(request('GET', `/api/alert-channels/${id}`), idParams(id))).status).toBe(403);
    expect((await create(webhookInput('https://93.184.215.14/mine'))).status).toBe(403);
    expect((await one.DELETE(request('DELETE', `/api/alert-channels/${id}`), idParams(id))).status).toBe(403);
    expect((await TEST(request('POST', `/api/alert-channels/${id}/test`, {}), idParams(id))).status).toBe(
      403,
    );
  });

  it('queues one test alert to the chosen channel, also to an environment channel', async () => {
    const response = await TEST(
      request('POST', '/api/alert-channels/env-slack/test', {}),
      idParams('env-slack'),
    );
    expect(response.status).toBe(202);
    const { delivery } = (await response.json()) as { delivery: Record<string, unknown> };
    expect(delivery).toMatchObject({ channelId: 'env-slack', status: 'queued', attempts: 0, kind: 'event' });
    const detail = (await (
      await one.GET(request('GET', '/api/alert-channels/env-slack'), idParams('env-slack'))
    ).json()) as {
      deliveries: Array<{ id: string }>;
    };
    expect(detail.deliveries.map((d) => d.id)).toEqual([delivery.id]);
    expect(
      (await one.DELETE(request('DELETE', '/api/alert-channels/env-slack'), idParams('env-slack'))).status,
    ).toBe(404);
  });
});
