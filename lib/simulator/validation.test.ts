import 'server-only';
import { describe, expect, it } from 'vitest';
import { call, demoSpec, testSimulator } from './test-helpers';
import { WARMUP_TOGGLE_NO_TARGET } from '@/lib/schemas/instantly-requests';

// Fastify's 400s: body parsing (FST_ERR_CTP_*) and AJV-worded schema validation (FST_ERR_VALIDATION).

const { sim } = testSimulator({ workspaces: [demoSpec({ accounts: 20 })] });

const validation = (message: string) => ({
  statusCode: 400,
  code: 'FST_ERR_VALIDATION',
  error: 'Bad Request',
  message,
});

describe('querystring validation', () => {
  it('limit 101 → the exact recorded body', async () => {
    const res = await call(sim, 'GET', '/accounts', { query: { limit: 101 } });
    expect(res.status).toBe(400);
    expect(res.text).toBe(
      '{"statusCode":400,"code":"FST_ERR_VALIDATION","error":"Bad Request","message":"querystring/limit must be <= 100"}',
    );
  });

  it.each([
    [{ limit: 0 }, 'querystring/limit must be >= 1'],
    [{ limit: 'ten' }, 'querystring/limit must be integer'],
    [{ limit: 1.5 }, 'querystring/limit must be integer'],
    [{ status: 5 }, 'querystring/status must be equal to one of the allowed values'],
    [{ provider_code: 5 }, 'querystring/provider_code must be equal to one of the allowed values'],
    [{ filter: 'ACC_FILTER_NOPE' }, 'querystring/filter must be equal to one of the allowed values'],
    [{ sort_by: 'name' }, 'querystring/sort_by must be equal to one of the allowed values'],
    [{ include_tags: 'yes' }, 'querystring/include_tags must be boolean'],
    [{ skip: -1 }, 'querystring/skip must be >= 0'],
  ])('GET /accounts %o → %s', async (query, message) => {
    const res = await call(sim, 'GET', '/accounts', { query });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(validation(message));
  });

  it('validates the background-jobs list too', async () => {
    const res = await call(sim, 'GET', '/background-jobs', { query: { status: 'pending,done' } });
    expect(res.body).toEqual(validation('querystring/status must be equal to one of the allowed values'));
    const limit = await call(sim, 'GET', '/background-jobs', { query: { limit: 500 } });
    expect(limit.body).toEqual(validation('querystring/limit must be <= 100'));
  });
});

describe('body validation', () => {
  const emails = (n: number) => Array.from({ length: n }, (_, i) => `user${i}@example.com`);

  it.each([
    ['/accounts/warmup/enable', { emails: emails(101) }, 'body/emails must NOT have more than 100 items'],
    ['/accounts/warmup-analytics', {}, "body must have required property 'emails'"],
    ['/accounts/warmup-analytics', { emails: [] }, 'body/emails must NOT have fewer than 1 items'],
    ['/accounts/warmup-analytics', { emails: ['not-an-email'] }, 'body/emails/0 must match format "email"'],
    ['/accounts/warmup-analytics', { emails: { a: 1 } }, 'body/emails must be array'],
    // Bulk pause's body forbids extra fields in the spec; warmup-analytics' does not (see below).
    ['/accounts/pause', { emails: ['a@b.co'], extra: true }, 'body must NOT have additional properties'],
    // No recording: Ajv's errors for the anyOf of requirements, joined as Fastify's default formatter does.
    [
      '/accounts/warmup/enable',
      {},
      "body must have required property 'emails', body must have required property 'include_all_emails', body must match a schema in anyOf",
    ],
    ['/accounts/warmup/disable', { emails: [] }, WARMUP_TOGGLE_NO_TARGET],
    ['/accounts/pause', { emails: emails(101) }, 'body/emails must NOT have more than 100 items'],
    [
      '/custom-tags/toggle-resource',
      { tag_ids: ['x'], resource_type: 3, assign: true },
      'body/resource_type must be equal to one of the allowed values',
    ],
  ])('POST %s → %s', async (path, body, message) => {
    const res = await call(sim, 'POST', path, { body });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(validation(message));
  });

  it('PATCH /accounts/{email} refuses out-of-range and unknown settings', async () => {
    const first = (await call(sim, 'GET', '/accounts', { query: { limit: 1 } })).body as {
      items: Array<{ email: string }>;
    };
    const path = `/accounts/${encodeURIComponent(first.items[0]?.email as string)}`;
    expect((await call(sim, 'PATCH', path, { body: { sending_gap: 1441 } })).body).toEqual(
      validation('body/sending_gap must be <= 1440'),
    );
    expect((await call(sim, 'PATCH', path, { body: { status: 1 } })).body).toEqual(
      validation('body must NOT have additional properties'),
    );
    expect((await call(sim, 'PATCH', path, { body: { daily_limit: 'many' } })).body).toEqual(
      validation('body/daily_limit must be number'),
    );
    expect((await call(sim, 'PATCH', path, { body: { warmup: { increment: '9' } } })).body).toEqual(
      validation('body/warmup/increment must be equal to one of the allowed values'),
    );
  });

  it('a body-less POST to an endpoint that needs a body says the body must be an object', async () => {
    const res = await call(sim, 'POST', '/accounts/warmup-analytics');
    expect(res.body).toEqual(validation('body must be object'));
  });
});

describe("Ajv's coercion and the spec's extra fields", () => {
  const firstEmail = async () =>
    (
      (await call(sim, 'GET', '/accounts', { query: { limit: 1 } })).body as {
        items: Array<{ email: string }>;
      }
    ).items[0]?.email as string;

  it('a number field takes "50" as 50 and false as 0 (coerceTypes), and the account stores numbers', async () => {
    const path = `/accounts/${encodeURIComponent(await firstEmail())}`;
    const fifty = await call(sim, 'PATCH', path, { body: { daily_limit: '50', sending_gap: '12' } });
    expect(fifty.status).toBe(200);
    expect(fifty.body).toMatchObject({ daily_limit: 50, sending_gap: 12 });
    const zero = await call(sim, 'PATCH', path, { body: { sending_gap: false } });
    expect(zero.status).toBe(200);
    expect((zero.body as { sending_gap: unknown }).sending_gap).toBe(0);
  });

  it('a lone value where the spec wants an array is taken as a list of one', async () => {
    const email = await firstEmail();
    const res = await call(sim, 'POST', '/accounts/warmup-analytics', { body: { emails: email } });
    expect(res.status).toBe(200);
    expect(Object.keys((res.body as { aggregate_data: object }).aggregate_data)).toEqual([email]);
  });

  it('warmup-analytics, warmup enable and test/vitals accept fields the spec does not forbid', async () => {
    const email = await firstEmail();
    const analytics = await call(sim, 'POST', '/accounts/warmup-analytics', {
      body: { emails: [email], start_date: '2026-01-01', end_date: '2026-01-31' },
    });
    expect(analytics.status).toBe(200);
    const enable = await call(sim, 'POST', '/accounts/warmup/enable', {
      body: { emails: [email], note: 'x' },
    });
    expect(enable.status).toBe(200);
    expect(enable.body).toMatchObject({ type: 'update-warmup-accounts', status: 'pending' });
    const vitals = await call(sim, 'POST', '/accounts/test/vitals', { body: { accounts: [email], dry: 1 } });
    expect(vitals.status).toBe(200);
  });

  it('test/vitals states no address format and no maximum: 150 entries, one not an address', async () => {
    const accounts = [
      ...Array.from({ length: 149 }, (_, i) => `user${i}@vitals-${i % 7}.example`),
      'localpart',
    ];
    const res = await call(sim, 'POST', '/accounts/test/vitals', { body: { accounts } });
    expect(res.status).toBe(200);
    const body = res.body as { success_list: unknown[]; failure_list: unknown[] };
    // One result per domain: seven domains and the empty domain of the entry without an @.
    expect(body.success_list.length + body.failure_list.length).toBe(8);
  });
});

describe('body parsing', () => {
  it('a declared empty JSON body (Content-Length: 0) → FST_ERR_CTP_EMPTY_JSON_BODY', async () => {
    const first = (await call(sim, 'GET', '/accounts', { query: { limit: 1 } })).body as {
      items: Array<{ email: string }>;
    };
    const path = `/accounts/${encodeURIComponent(first.items[0]?.email as string)}/pause`;
    const res = await call(sim, 'POST', path, { rawBody: '', headers: { 'content-length': '0' } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      statusCode: 400,
      code: 'FST_ERR_CTP_EMPTY_JSON_BODY',
      error: 'Bad Request',
      message: "Body cannot be empty when content-type is set to 'application/json'",
    });
    // The same POST without the header, or with {}, is fine.
    expect((await call(sim, 'POST', path)).status).toBe(200);
    expect((await call(sim, 'POST', path, { body: {} })).status).toBe(200);
  });

  it('a DELETE declaring an empty JSON body hits the same trap', async () => {
    const res = await call(sim, 'DELETE', '/custom-tags/does-not-matter', {
      rawBody: '',
      headers: { 'content-length': '0' },
    });
    expect((res.body as { code: string }).code).toBe('FST_ERR_CTP_EMPTY_JSON_BODY');
  });

  it('the JSON content type on a request that declares no body (no Content-Length, no Transfer-Encoding) is served', async () => {
    const first = (await call(sim, 'GET', '/accounts', { query: { limit: 1 } })).body as {
      items: Array<{ email: string }>;
    };
    const email = encodeURIComponent(first.items[0]?.email as string);
    const json = { 'content-type': 'application/json' };
    const post = await call(sim, 'POST', `/accounts/${email}/pause`, { headers: json });
    expect(post.status).toBe(200);
    expect((post.body as { status: number }).status).toBe(2);
    const tag = await call(sim, 'POST', '/custom-tags', { body: { label: 'No body delete' } });
    const id = (tag.body as { id: string }).id;
    const del = await call(sim, 'DELETE', `/custom-tags/${id}`, { headers: json });
    expect(del.status).toBe(200);
    expect((await call(sim, 'GET', `/custom-tags/${id}`)).status).toBe(404);
  });

  it('invalid JSON → FST_ERR_CTP_INVALID_JSON_BODY', async () => {
    const res = await call(sim, 'POST', '/accounts/warmup-analytics', { rawBody: '{"emails": [' });
    expect(res.status).toBe(400);
    expect((res.body as { code: string }).code).toBe('FST_ERR_CTP_INVALID_JSON_BODY');
  });

  it('an unsupported content type → 415', async () => {
    const res = await call(sim, 'POST', '/accounts/warmup-analytics', {
      rawBody: 'emails=a@b.co',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(415);
    expect((res.body as { code: string }).code).toBe('FST_ERR_CTP_INVALID_MEDIA_TYPE');
  });
});
