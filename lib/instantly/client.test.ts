import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { listAccounts, listAllAccounts, patchAccount, runAccountAction } from './accounts';
import { buildQuery, parseRetryAfter } from './client';
import { InstantlyError, fieldFromValidationMessage } from './errors';
import { jsonResponse, scriptedTransport, testClient } from './test-helpers';
import { setWarmup } from './warmup';

const ok = { items: [] };

async function rejection(promise: Promise<unknown>): Promise<InstantlyError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InstantlyError);
  return error as InstantlyError;
}

describe('InstantlyClient headers', () => {
  it('builds outgoing headers from scratch: bearer, accept, our user agent, no content type without a body', async () => {
    const { transport, requests } = scriptedTransport([jsonResponse(ok)]);
    const { client } = testClient(transport);
    await listAccounts(client, { limit: 5, search: 'acme.io', tag_ids: ['a', 'b'] });
    const req = requests[0]!;
    expect(req.headers.get('authorization')).toBe('Bearer test-key-123456');
    expect(req.headers.get('accept')).toBe('application/json');
    expect(req.headers.get('user-agent')).toMatch(/^instantly-fleet-dashboard\//);
    expect(req.headers.has('content-type')).toBe(false);
    expect(req.cache).toBe('no-store');
    expect(req.url).toBe('https://api.example.test/api/v2/accounts?limit=5&search=acme.io&tag_ids=a%2Cb');
  });

  it('sets Content-Type only with a body, and encodes the email in the path', async () => {
    const account = { email: 'a+b@x.io' };
    const { transport, requests } = scriptedTransport([jsonResponse(account), jsonResponse(account)]);
    const { client } = testClient(transport);
    await patchAccount(client, 'a+b@x.io', { daily_limit: 30 });
    await runAccountAction(client, 'a+b@x.io', 'pause');
    expect(requests[0]!.headers.get('content-type')).toBe('application/json');
    expect(await requests[0]!.text()).toBe('{"daily_limit":30}');
    expect(new URL(requests[0]!.url).pathname).toBe('/api/v2/accounts/a%2Bb%40x.io');
    expect(requests[1]!.headers.has('content-type')).toBe(false);
    expect(requests[1]!.method).toBe('POST');
  });

  it('uses global fetch when no transport is given (undefined options fall back to defaults)', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(ok));
    try {
      const { client } = testClient(undefined as never, { transport: undefined, readTimeoutMs: undefined });
      await expect(listAccounts(client)).resolves.toEqual({ ...ok, unreadable: [] });
      expect(fetchSpy).toHaveBeenCalledTimes(1);
    } finally {
      fetchSpy.mockRestore();
    }
  });

  it('repeats array query keys', () => {
    expect(buildQuery({ emails: ['a@x.io', 'b@x.io'], start_date: '2026-01-01', skip: undefined })).toBe(
      '?emails=a%40x.io&emails=b%40x.io&start_date=2026-01-01',
    );
  });
});

describe('retries', () => {
  it('retries an idempotent GET on 429/502/503/504 with full-jitter backoff, at most 3 attempts', async () => {
    const { transport, requests } = scriptedTransport([
      jsonResponse({ statusCode: 503, error: 'Service Unavailable', message: 'down' }, 503),
      jsonResponse({ statusCode: 502, error: 'Bad Gateway', message: 'down' }, 502),
      jsonResponse(ok),
    ]);
    const { client, sleeps } = testClient(transport);
    await expect(listAccounts(client)).resolves.toEqual({ ...ok, unreadable: [] });
    expect(requests).toHaveLength(3);
    // random() = 0.5 → half of base(250) × 2^attempt
    expect(sleeps).toEqual([250, 500]);
  });

  it('gives up after 3 attempts with a typed error', async () => {
    const body = { statusCode: 429, error: 'Too Many Requests', message: 'Rate limit exceeded' };
    const { transport, requests } = scriptedTransport([
      jsonResponse(body, 429),
      jsonResponse(body, 429),
      jsonResponse(body, 429),
    ]);
    const { client } = testClient(transport);
    const error = await rejection(listAccounts(client));
    expect(requests).toHaveLength(3);
    expect(error.kind).toBe('rate-limited');
    expect(error.attempts).toBe(3);
  });

  it('honours Retry-After (seconds) and pauses the whole workspace budget', async () => {
    const { transport } = scriptedTransport([
      jsonResponse({ statusCode: 429, error: 'Too Many Requests', message: 'Rate limit exceeded' }, 429, {
        'retry-after': '4',
      }),
      jsonResponse(ok),
    ]);
    const { client, sleeps } = testClient(transport);
    const pause = vi.spyOn(client.budget, 'pauseFor');
    await listAccounts(client);
    expect(sleeps[0]).toBe(4000);
    expect(pause).toHaveBeenCalledWith(4000);
  });

  it('does not sit on a Retry-After longer than its cap: it surfaces the wait to the caller', async () => {
    const { transport, requests } = scriptedTransport([
      jsonResponse({ statusCode: 429, error: 'Too Many Requests', message: 'Rate limit exceeded' }, 429, {
        'retry-after': '600',
      }),
    ]);
    const { client } = testClient(transport);
    const error = await rejection(listAccounts(client));
    expect(requests).toHaveLength(1);
    expect(error.retryAfterMs).toBe(600_000);
  });

  it('parses Retry-After as an HTTP date', () => {
    const now = Date.parse('2026-11-27T10:00:00Z');
    expect(parseRetryAfter('Fri, 27 Nov 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeNull();
  });

  it('retries a GET after a connection reset', async () => {
    const { transport, requests } = scriptedTransport([
      new TypeError('fetch failed: ECONNRESET'),
      jsonResponse(ok),
    ]);
    const { client } = testClient(transport);
    await listAccounts(client);
    expect(requests).toHaveLength(2);
  });

  it('never retries a write after a 5xx, a reset or a timeout: it is sent exactly once', async () => {
    for (const answer of [
      jsonResponse({ statusCode: 503, error: 'Service Unavailable', message: 'x' }, 503),
      new TypeError('fetch failed'),
    ]) {
      const { transport, requests } = scriptedTransport([
        answer,
        jsonResponse({ id: 'x', status: 'pending' }),
      ]);
      const { client } = testClient(transport);
      await rejection(setWarmup(client, true, { emails: ['a@x.io'] }));
      expect(requests).toHaveLength(1);
    }
  });

  it('times a write out after writeTimeoutMs and calls it exactly once', async () => {
    let calls = 0;
    const hang = (req: Request) =>
      new Promise<Response>((_, reject) => {
        calls += 1;
        req.signal.addEventListener('abort', () => reject(req.signal.reason));
      });
    const { transport } = scriptedTransport([hang, hang, hang]);
    const { client } = testClient(transport, { writeTimeoutMs: 50 });
    const error = await rejection(patchAccount(client, 'a@x.io', { sending_gap: 5 }));
    expect(error.kind).toBe('timeout');
    expect(calls).toBe(1);
  });

  it('times out a call whose transport never settles and ignores the signal, and so does the body', async () => {
    // An in-process transport (the demo simulator) holds nothing that keeps a hanging call alive, so
    // the timeout must not depend on the transport listening to the signal.
    const never = () => new Promise<Response>(() => undefined);
    const endless = async () =>
      new Response(new ReadableStream({ start: () => undefined }), {
        headers: { 'content-type': 'application/json' },
      });
    const { transport } = scriptedTransport([never, endless]);
    const { client } = testClient(transport, { readTimeoutMs: 50, maxAttempts: 1 });
    expect((await rejection(listAccounts(client))).kind).toBe('timeout');
    expect((await rejection(listAccounts(client))).kind).toBe('timeout');
  });

  it('times a read out and retries it', async () => {
    const hang = (req: Request) =>
      new Promise<Response>((_, reject) =>
        req.signal.addEventListener('abort', () => reject(req.signal.reason)),
      );
    const { transport, requests } = scriptedTransport([hang, jsonResponse(ok)]);
    const { client } = testClient(transport, { readTimeoutMs: 50 });
    await expect(listAccounts(client)).resolves.toEqual({ ...ok, unreadable: [] });
    expect(requests).toHaveLength(2);
  });

  it('retries a write refused with 429 (the limiter refused it before any work was done)', async () => {
    const { transport, requests } = scriptedTransport([
      jsonResponse({ statusCode: 429, error: 'Too Many Requests', message: 'Rate limit exceeded' }, 429),
      jsonResponse({ id: 'abc', status: 'pending' }),
    ]);
    const { client } = testClient(transport);
    await setWarmup(client, false, { emails: ['a@x.io'] });
    expect(requests).toHaveLength(2);
  });

  it("follows the caller's AbortSignal and does not retry a cancelled call", async () => {
    const controller = new AbortController();
    const hang = (req: Request) =>
      new Promise<Response>((_, reject) =>
        req.signal.addEventListener('abort', () => reject(req.signal.reason)),
      );
    const { transport, requests } = scriptedTransport([hang, jsonResponse(ok)]);
    const { client } = testClient(transport);
    const pending = listAccounts(client, {}, controller.signal);
    setTimeout(() => controller.abort(), 10);
    const error = await rejection(pending);
    expect(error.kind).toBe('aborted');
    expect(requests).toHaveLength(1);
  });
});

describe('error mapping', () => {
  const cases: Array<[number, string]> = [
    [401, 'unauthorized'],
    [402, 'payment-required'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [409, 'conflict'],
    [413, 'too-large'],
    [500, 'server'],
  ];
  it.each(cases)('maps HTTP %i to %s', async (status, kind) => {
    const { transport } = scriptedTransport([
      jsonResponse({ statusCode: status, error: 'X', message: `m${status}` }, status),
    ]);
    const { client } = testClient(transport);
    const error = await rejection(listAccounts(client));
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.message).toBe(`m${status}`);
  });

  it('names the field of a 400 validation error', async () => {
    const { transport } = scriptedTransport([
      jsonResponse(
        {
          statusCode: 400,
          code: 'FST_ERR_VALIDATION',
          error: 'Bad Request',
          message: 'querystring/limit must be <= 100',
        },
        400,
      ),
    ]);
    const { client } = testClient(transport);
    const error = await rejection(listAccounts(client, { limit: 101 }));
    expect(error).toMatchObject({ kind: 'bad-request', field: 'limit', upstreamCode: 'FST_ERR_VALIDATION' });
  });

  it.each([
    ["body must have required property 'name'", 'name'],
    ['body/emails must NOT have more than 100 items', 'emails'],
    ['Start Date must be earlier than End Date', null],
  ])('reads the field of %j', (message, field) => {
    expect(fieldFromValidationMessage(message)).toBe(field);
  });

  it('maps an HTML edge page to a clear typed error, on success and error statuses', async () => {
    const html = () =>
      new Response('<html><body>Attention Required! | Cloudflare</body></html>', {
        status: 200,
        headers: { 'content-type': 'text/html' },
      });
    const { transport } = scriptedTransport([
      html(),
      new Response('<html>blocked</html>', { status: 403, headers: { 'content-type': 'text/html' } }),
    ]);
    const { client } = testClient(transport);
    const first = await rejection(listAccounts(client));
    expect(first.kind).toBe('bad-response');
    expect(first.message).toContain('HTML page');
    const second = await rejection(listAccounts(client));
    expect(second.kind).toBe('edge-blocked');
    expect(second.message).toContain('HTML page');
  });

  it('tells an edge block (a non-JSON 403 or 503) from a scope error (a JSON 403), and never retries a block', async () => {
    const { transport, requests } = scriptedTransport([
      new Response('<html>Sorry, you have been blocked</html>', {
        status: 403,
        headers: { 'content-type': 'text/html; charset=UTF-8' },
      }),
      jsonResponse({ statusCode: 403, error: 'Forbidden', message: 'Forbidden' }, 403),
      new Response('', { status: 403 }),
      new Response('<html>Checking your browser</html>', {
        status: 503,
        headers: { 'content-type': 'text/html' },
      }),
    ]);
    const { client } = testClient(transport);
    const block = await rejection(listAccounts(client));
    expect(block).toMatchObject({ kind: 'edge-blocked', status: 403, attempts: 1 });
    expect(block.message).toMatch(/network edge refused/);
    expect(requests).toHaveLength(1);
    expect(await rejection(listAccounts(client))).toMatchObject({ kind: 'forbidden', status: 403 });
    expect(await rejection(listAccounts(client))).toMatchObject({ kind: 'edge-blocked', status: 403 });
    expect(await rejection(listAccounts(client))).toMatchObject({ kind: 'edge-blocked', status: 503 });
    expect(requests).toHaveLength(4);
  });

  it("names an edge's HTML 5xx page as such, and retries it like the 5xx it is", async () => {
    const page = () =>
      new Response('<html>502 Bad Gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } });
    const { transport, requests } = scriptedTransport([page(), page(), page()]);
    const { client } = testClient(transport);
    const error = await rejection(listAccounts(client));
    expect(error).toMatchObject({ kind: 'edge-error', status: 502, attempts: 3 });
    expect(requests).toHaveLength(3);
  });

  it('maps an empty body and a wrong shape to bad-response', async () => {
    const { transport } = scriptedTransport([
      new Response('', { status: 200 }),
      jsonResponse({ items: 'nope' }),
    ]);
    const { client } = testClient(transport);
    expect((await rejection(listAccounts(client))).message).toContain('empty body');
    expect((await rejection(listAccounts(client))).message).toContain('items');
  });

  it('refuses to send an invalid request body before any call', async () => {
    const { transport, requests } = scriptedTransport([]);
    const { client } = testClient(transport);
    await expect(setWarmup(client, true, { emails: ['not-an-email'] })).rejects.toBeInstanceOf(z.ZodError);
    expect(requests).toHaveLength(0);
  });
});

describe('one deadline per request', () => {
  const storm = (n: number, retryAfter = '5') =>
    Array.from({ length: n }, () =>
      jsonResponse({ statusCode: 429, error: 'Too Many Requests', message: 'Rate limit exceeded' }, 429, {
        'retry-after': retryAfter,
      }),
    );

  it('shares the deadline across attempts and Retry-After waits: no retry starts past it', async () => {
    const { transport, requests } = scriptedTransport(storm(10));
    const { client, clock, sleeps } = testClient(transport, { maxAttempts: 10 });
    const start = clock();
    const error = await rejection(listAccounts(client.withDeadline(start + 20_000)));
    // Attempts at 0, 5, 10 and 15 s; the one at 20 s would start at the deadline, so it never does.
    expect(requests).toHaveLength(4);
    expect(sleeps).toEqual([5000, 5000, 5000]);
    expect(clock() - start).toBe(15_000);
    expect(error).toMatchObject({ kind: 'rate-limited', attempts: 4, retryAfterMs: 5000 });
  });

  it('counts a rate-budget wait against the same deadline', async () => {
    const { transport, requests } = scriptedTransport(storm(10));
    const { client, clock } = testClient(transport, { maxAttempts: 10 });
    const start = clock();
    await client.budget.pauseFor(8000);
    await rejection(listAccounts(client.withDeadline(start + 20_000)));
    // 8 s in the budget, then attempts at 8, 13 and 18 s; the next would start at 23 s.
    expect(requests).toHaveLength(3);
    expect(clock() - start).toBe(18_000);
  });

  it('answers at once when the budget could only grant a slot past the deadline', async () => {
    const { transport, requests } = scriptedTransport([jsonResponse(ok)]);
    const { client, clock } = testClient(transport);
    const start = clock();
    await client.budget.pauseFor(30_000);
    const error = await rejection(listAccounts(client.withDeadline(start + 20_000)));
    expect(requests).toHaveLength(0);
    expect(clock()).toBe(start);
    expect(error).toMatchObject({ kind: 'rate-limited', attempts: 0, retryAfterMs: 30_000 });
  });

  it('a per-request deadline works too, and the earlier of the two wins', async () => {
    const { transport, requests } = scriptedTransport(storm(10));
    const { client, clock } = testClient(transport, { maxAttempts: 10 });
    const start = clock();
    await rejection(
      client.withDeadline(start + 60_000).request({
        method: 'GET',
        path: '/accounts',
        schema: z.object({ items: z.array(z.unknown()) }),
        deadline: start + 7000,
      }),
    );
    expect(requests).toHaveLength(2);
  });

  it('cuts the per-attempt timeout at the deadline and does not retry after it', async () => {
    const hang = (req: Request) =>
      new Promise<Response>((_, reject) =>
        req.signal.addEventListener('abort', () => reject(req.signal.reason)),
      );
    const { transport, requests } = scriptedTransport([hang, hang, hang]);
    // Real time here: the attempt's own timeout (5 s) is longer than what is left of the deadline.
    const { client } = testClient(transport, { readTimeoutMs: 5000, now: Date.now });
    const started = Date.now();
    const error = await rejection(listAccounts(client.withDeadline(started + 150)));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error.kind).toBe('timeout');
    expect(requests).toHaveLength(1);
  });

  it('without a deadline (background work) keeps every retry', async () => {
    const { transport, requests } = scriptedTransport(storm(3));
    const { client, clock } = testClient(transport);
    const start = clock();
    await rejection(listAccounts(client));
    expect(requests).toHaveLength(3);
    expect(clock() - start).toBe(10_000);
    expect(client.deadline).toBeUndefined();
  });
});

describe('listAllAccounts', () => {
  it('follows cursors and stops on the empty page after a last page that still carried a cursor', async () => {
    const { transport, requests } = scriptedTransport([
      jsonResponse({ items: [{ email: 'a@x.io' }, { email: 'b@x.io' }], next_starting_after: 'c1' }),
      jsonResponse({ items: [{ email: 'c@x.io' }], next_starting_after: 'c2' }),
      jsonResponse({ items: [] }),
    ]);
    const { client } = testClient(transport);
    const emails: string[] = [];
    for await (const page of listAllAccounts(client)) emails.push(...page.items.map((a) => a.email));
    expect(emails).toEqual(['a@x.io', 'b@x.io', 'c@x.io']);
    expect(requests.map((r) => new URL(r.url).searchParams.get('starting_after'))).toEqual([
      null,
      'c1',
      'c2',
    ]);
  });

  it('bounds only the first page by firstPageDeadline', async () => {
    const busy = () => jsonResponse({ statusCode: 503, error: 'Service Unavailable', message: 'busy' }, 503);
    const { transport, requests } = scriptedTransport([
      jsonResponse({ items: [{ email: 'a@x.io' }], next_starting_after: 'c1' }),
      busy(),
      busy(),
      jsonResponse({ items: [] }),
    ]);
    // Backoff 8 s and more: past the first page's deadline, but the later pages keep their retries.
    const { client, clock } = testClient(transport, { baseDelayMs: 8000, maxDelayMs: 60_000 });
    const pages: number[] = [];
    for await (const page of listAllAccounts(client, {}, undefined, { firstPageDeadline: clock() + 1000 }))
      pages.push(page.items.length);
    expect(pages).toEqual([1]);
    expect(requests).toHaveLength(4);

    const failing = scriptedTransport([busy(), jsonResponse({ items: [] })]);
    const second = testClient(failing.transport, { baseDelayMs: 8000, maxDelayMs: 60_000 });
    const walk = async () => {
      for await (const _ of listAllAccounts(second.client, {}, undefined, {
        firstPageDeadline: second.clock() + 1000,
      }));
    };
    await rejection(walk());
    expect(failing.requests).toHaveLength(1);
  });

  it('walks on past a page whose rows are all unreadable, giving their emails', async () => {
    const { transport } = scriptedTransport([
      jsonResponse({ items: [{ email: 'odd@x.io', status: 'on' }], next_starting_after: 'c1' }),
      jsonResponse({ items: [{ email: 'b@x.io' }] }),
    ]);
    const { client } = testClient(transport);
    const pages: Array<{ items: string[]; unreadable: Array<string | null> }> = [];
    for await (const page of listAllAccounts(client))
      pages.push({ items: page.items.map((a) => a.email), unreadable: page.unreadable.map((u) => u.email) });
    expect(pages).toEqual([
      { items: [], unreadable: ['odd@x.io'] },
      { items: ['b@x.io'], unreadable: [] },
    ]);
  });

  it('stops when a cursor repeats instead of looping forever', async () => {
    const page = () => jsonResponse({ items: [{ email: 'a@x.io' }], next_starting_after: 'same' });
    const { transport, requests } = scriptedTransport([page(), page(), page()]);
    const { client } = testClient(transport);
    for await (const page of listAllAccounts(client)) expect(page.items).toHaveLength(1);
    expect(requests).toHaveLength(2);
  });
});
