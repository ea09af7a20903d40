import 'server-only';
import { describe, expect, it } from 'vitest';
import { accountListSchema } from '@/lib/schemas/instantly-account';
import { buildRequest, call, control, demoSpec, listAll, OTHER_KEY, testSimulator } from './test-helpers';

// Fault rules: each kind, matching, count/duration expiry, job failures, and the control endpoint.

const twoWorkspaces = () => [
  demoSpec({ accounts: 30 }),
  demoSpec({ slug: 'acme', key: OTHER_KEY, name: 'Acme Outreach', seed: 7, accounts: 30 }),
];

describe('fault kinds', () => {
  it('latency delays the answer', async () => {
    const { sim } = testSimulator({
      workspaces: twoWorkspaces(),
      faults: [{ kind: 'latency', latencyMs: 120 }],
    });
    const started = performance.now();
    expect((await call(sim, 'GET', '/workspaces/current')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
  });

  it('error answers the status with its envelope (500 by default)', async () => {
    const { sim } = testSimulator({
      workspaces: twoWorkspaces(),
      faults: [
        { kind: 'error', path: '^/accounts$', method: 'GET' },
        { kind: 'error', path: '^/workspaces/current$', status: 503 },
      ],
    });
    expect((await call(sim, 'GET', '/accounts')).body).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Internal Server Error',
    });
    const unavailable = await call(sim, 'GET', '/workspaces/current');
    expect(unavailable.status).toBe(503);
    expect(unavailable.body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'Service Unavailable',
    });
    // Method and path must both match.
    expect((await call(sim, 'GET', '/custom-tags')).status).toBe(200);
  });

  it('rate-limit answers 429 with an optional Retry-After', async () => {
    const { sim } = testSimulator({
      workspaces: twoWorkspaces(),
      faults: [{ kind: 'rate-limit', retryAfterSeconds: 7 }],
    });
    const res = await call(sim, 'GET', '/accounts');
    expect(res.status).toBe(429);
    expect(res.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: 'Rate limit exceeded' });
    expect(res.headers.get('retry-after')).toBe('7');
  });

  it('hang never answers until the caller aborts', async () => {
    const { sim } = testSimulator({ workspaces: twoWorkspaces(), faults: [{ kind: 'hang' }] });
    const controller = new AbortController();
    const pending = sim.handle(buildRequest('GET', '/accounts', { signal: controller.signal }));
    let settled = false;
    void pending.then(
      () => (settled = true),
      () => (settled = true),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('malformed answers an HTML edge page with a 200, or a truncated JSON body', async () => {
    const { sim } = testSimulator({
      workspaces: twoWorkspaces(),
      faults: [
        { kind: 'malformed', path: '^/accounts$' },
        { kind: 'malformed', path: '^/custom-tags$', message: 'truncated' },
      ],
    });
    const html = await call(sim, 'GET', '/accounts');
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.text).toMatch(/^<!DOCTYPE html>/);
    const cut = await call(sim, 'GET', '/custom-tags');
    expect(cut.status).toBe(200);
    expect(cut.headers.get('content-type')).toContain('application/json');
    expect(() => JSON.parse(cut.text)).toThrow();
    expect(cut.text.startsWith('{"items":[')).toBe(true);
  });

  it('afterApplying: the write lands, then the answer is the fault (a 5xx or a cut-off body)', async () => {
    const { sim } = testSimulator({
      workspaces: twoWorkspaces(),
      faults: [
        { kind: 'error', method: 'PATCH', status: 502, afterApplying: true, count: 1 },
        { kind: 'malformed', method: 'PATCH', afterApplying: true, count: 1 },
      ],
    });
    const [account] = (await listAll(sim, {})).items as Array<{ email: string }>;
    const path = `/accounts/${encodeURIComponent(account!.email)}`;
    const failed = await call(sim, 'PATCH', path, { body: { daily_limit: 41 } });
    expect(failed.status).toBe(502);
    expect((await call(sim, 'GET', path)).body).toMatchObject({ daily_limit: 41 });
    const cut = await call(sim, 'PATCH', path, { body: { daily_limit: 42 } });
    expect(cut.status).toBe(200);
    expect(() => JSON.parse(cut.text)).toThrow();
    expect((await call(sim, 'GET', path)).body).toMatchObject({ daily_limit: 42 });
  });

  it('answers an error as an edge block page or with no body, and a 200 with no body', async () => {
    const { sim } = testSimulator({
      workspaces: twoWorkspaces(),
      faults: [
        { kind: 'error', status: 403, body: 'html', path: '^/accounts$' },
        { kind: 'error', status: 503, body: 'empty', path: '^/custom-tags$' },
        { kind: 'malformed', body: 'empty', path: '^/workspaces/current$' },
      ],
    });
    const block = await call(sim, 'GET', '/accounts');
    expect(block.status).toBe(403);
    expect(block.headers.get('content-type')).toContain('text/html');
    expect(block.text).toContain('Sorry, you have been blocked');
    const empty = await call(sim, 'GET', '/custom-tags');
    expect(empty.status).toBe(503);
    expect(empty.text).toBe('');
    const blank = await call(sim, 'GET', '/workspaces/current');
    expect(blank.status).toBe(200);
    expect(blank.text).toBe('');
  });
});

describe('malformed-row', () => {
  it('spoils one list row (daily_limit as text) and leaves the rest of the page readable', async () => {
    const clean = testSimulator({ workspaces: twoWorkspaces() }).sim;
    const page = (await call(clean, 'GET', '/accounts', { query: { limit: 10 } })).body as {
      items: Array<{ email: string }>;
    };
    const odd = page.items[3]!.email;
    const { sim } = testSimulator({
      workspaces: twoWorkspaces(),
      faults: [
        { kind: 'malformed-row', workspace: 'demo', method: 'GET', path: '^/accounts$', emails: [odd] },
      ],
    });
    const answer = await call(sim, 'GET', '/accounts', { query: { limit: 10 } });
    expect(answer.status).toBe(200);
    const read = accountListSchema.parse(answer.body);
    expect(read.unreadable).toEqual([
      { email: odd, reason: 'daily_limit: expected number, received string' },
    ]);
    expect(read.items.map((a) => a.email)).toEqual(page.items.map((a) => a.email).filter((e) => e !== odd));
    // The account itself reads normally, and so does the other workspace's list.
    const detail = await call(sim, 'GET', `/accounts/${encodeURIComponent(odd)}`);
    expect(accountListSchema.safeParse({ items: [detail.body] }).data?.unreadable).toEqual([]);
    const other = await call(sim, 'GET', '/accounts', { query: { limit: 10 }, key: OTHER_KEY });
    expect(accountListSchema.parse(other.body).unreadable).toEqual([]);
  });

  it('without emails spoils the first row of each page, with the message as the odd value', async () => {
    const { sim } = testSimulator({
      workspaces: twoWorkspaces(),
      faults: [{ kind: 'malformed-row', path: '^/accounts$', message: 'fifty' }],
    });
    const answer = (await call(sim, 'GET', '/accounts', { query: { limit: 5 } })).body as {
      items: Array<{ daily_limit?: unknown }>;
    };
    expect(answer.items.map((row) => row.daily_limit === 'fifty')).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('matching and expiry', () => {
  it('matches by workspace slug', async () => {
    const { sim } = testSimulator({
      workspaces: twoWorkspaces(),
      faults: [{ kind: 'error', workspace: 'acme', status: 502 }],
    });
    expect((await call(sim, 'GET', '/accounts')).status).toBe(200);
    expect((await call(sim, 'GET', '/accounts', { key: OTHER_KEY })).status).toBe(502);
  });

  it('expires after `count` hits', async () => {
    const { sim } = testSimulator({
      workspaces: twoWorkspaces(),
      faults: [{ kind: 'error', status: 500, count: 2 }],
    });
    expect((await call(sim, 'GET', '/accounts')).status).toBe(500);
    expect((await call(sim, 'GET', '/accounts')).status).toBe(500);
    expect((await call(sim, 'GET', '/accounts')).status).toBe(200);
    expect(sim.faultRules()).toEqual([]);
  });

  it('expires `durationMs` after it was added (injected clock)', async () => {
    const { sim, clock } = testSimulator({
      workspaces: twoWorkspaces(),
      faults: [{ kind: 'rate-limit', durationMs: 1_000 }],
    });
    expect((await call(sim, 'GET', '/accounts')).status).toBe(429);
    clock.advance(999);
    expect((await call(sim, 'GET', '/accounts')).status).toBe(429);
    clock.advance(1);
    expect((await call(sim, 'GET', '/accounts')).status).toBe(200);
  });

  it('rate < 1 hits only a fraction of requests', async () => {
    const { sim } = testSimulator({ workspaces: twoWorkspaces(), faults: [{ kind: 'error', rate: 0.3 }] });
    let errors = 0;
    for (let i = 0; i < 200; i++)
      if ((await call(sim, 'GET', '/workspaces/current')).status === 500) errors++;
    expect(errors).toBeGreaterThan(30);
    expect(errors).toBeLessThan(90);
  });
});

describe('job-failure', () => {
  it('makes the listed emails fail inside a successful job, with the rule message', async () => {
    const { sim, clock } = testSimulator({ workspaces: twoWorkspaces() });
    const emails = (await listAll(sim)).items.slice(0, 3).map((a) => a.email as string);
    await control(sim, 'POST', {
      rules: [
        { kind: 'job-failure', emails: [emails[1]], message: 'Warmup could not be enabled for this account' },
      ],
    });
    const job = (await call(sim, 'POST', '/accounts/warmup/enable', { body: { emails } })).body as {
      id: string;
    };
    clock.advance(5_000);
    const done = (await call(sim, 'GET', `/background-jobs/${job.id}`)).body as {
      status: string;
      data: { processed_emails: unknown[]; failed_count: number; success_count: number };
    };
    expect(done.status).toBe('success');
    expect(done.data.processed_emails).toEqual([
      { email: emails[0], status: 'success' },
      { email: emails[1], status: 'failed', error: 'Warmup could not be enabled for this account' },
      { email: emails[2], status: 'success' },
    ]);
    expect(done.data).toMatchObject({ success_count: 2, failed_count: 1 });
  });

  it('failRate 1 fails every email with a realistic reason; the account is left unchanged', async () => {
    const { sim, clock } = testSimulator({
      workspaces: twoWorkspaces(),
      faults: [{ kind: 'job-failure', failRate: 1 }],
    });
    const account = (await listAll(sim)).items.find((a) => a.warmup_status === 1) as { email: string };
    const job = (await call(sim, 'POST', '/accounts/warmup/disable', { body: { emails: [account.email] } }))
      .body as { id: string };
    clock.advance(5_000);
    const done = (await call(sim, 'GET', `/background-jobs/${job.id}`)).body as {
      data: { processed_emails: Array<{ status: string; error: string }> };
    };
    expect(done.data.processed_emails[0]?.status).toBe('failed');
    expect(done.data.processed_emails[0]?.error.length).toBeGreaterThan(10);
    const after = (await call(sim, 'GET', `/accounts/${encodeURIComponent(account.email)}`)).body as {
      warmup_status: number;
    };
    expect(after.warmup_status).toBe(1);
  });

  it('also keeps mark-fixed from sticking for the listed account', async () => {
    const { sim } = testSimulator({ workspaces: [demoSpec({ accounts: 200 })] });
    const broken = (await listAll(sim)).items.filter((a) => (a.status as number) < 0);
    const [stuck, fixable] = broken;
    await control(sim, 'POST', { rules: [{ kind: 'job-failure', emails: [stuck?.email] }] });
    const a = (await call(sim, 'POST', `/accounts/${encodeURIComponent(stuck?.email as string)}/mark-fixed`))
      .body as Record<string, unknown>;
    expect(a.status).toBe(stuck?.status);
    expect(a.autofix_failed).toBe(true);
    expect(a.status_message).toEqual(stuck?.status_message);
    const b = (
      await call(sim, 'POST', `/accounts/${encodeURIComponent(fixable?.email as string)}/mark-fixed`)
    ).body as Record<string, unknown>;
    expect(b.status).toBe(1);
    expect(b).not.toHaveProperty('status_message');
    expect(b).not.toHaveProperty('autofix_failed');
  });
});

describe('control endpoint', () => {
  it('GET lists rules and workspaces; POST adds; DELETE clears', async () => {
    const { sim } = testSimulator({ workspaces: twoWorkspaces() });
    const initial = await control(sim, 'GET');
    expect(initial.status).toBe(200);
    expect(initial.body.rules).toEqual([]);
    expect(initial.body.workspaces).toEqual([
      { slug: 'demo', id: expect.any(String), name: 'Demo workspace', accounts: 30 },
      { slug: 'acme', id: expect.any(String), name: 'Acme Outreach', accounts: 30 },
    ]);
    const added = await control(sim, 'POST', { rules: [{ kind: 'error', status: 502, path: '^/accounts' }] });
    expect(added.status).toBe(200);
    expect(added.body.rules).toEqual([{ kind: 'error', status: 502, path: '^/accounts', rate: 1 }]);
    expect((await call(sim, 'GET', '/accounts')).status).toBe(502);
    const cleared = await control(sim, 'DELETE');
    expect(cleared.body.rules).toEqual([]);
    expect((await call(sim, 'GET', '/accounts')).status).toBe(200);
  });

  it('400 naming the field for a bad rule', async () => {
    const { sim } = testSimulator({ workspaces: twoWorkspaces() });
    const badKind = await control(sim, 'POST', { rules: [{ kind: 'explode' }] });
    expect(badKind.status).toBe(400);
    expect(String(badKind.body.message)).toMatch(/^rules\/0\/kind: /);
    const badRate = await control(sim, 'POST', { rules: [{ kind: 'error' }, { kind: 'latency', rate: 2 }] });
    expect(String(badRate.body.message)).toMatch(/^rules\/1\/rate: /);
    const badRegex = await control(sim, 'POST', { rules: [{ kind: 'error', path: '([' }] });
    expect(String(badRegex.body.message)).toBe('rules/0/path: must be a valid regular expression');
    const stray = await control(sim, 'POST', { rules: [{ kind: 'error', colour: 'red' }] });
    expect(String(stray.body.message)).toMatch(/^rules\/0: .*colour/);
    expect((await control(sim, 'POST', { nonsense: true })).status).toBe(400);
    expect((await control(sim, 'GET')).body.rules).toEqual([]);
  });

  it('reset restores a workspace to its seed', async () => {
    const { sim } = testSimulator({ workspaces: twoWorkspaces() });
    const original = (await listAll(sim)).items;
    const victim = original[0]?.email as string;
    await call(sim, 'DELETE', `/accounts/${encodeURIComponent(victim)}`);
    await call(sim, 'POST', '/custom-tags', { body: { label: 'Temporary' } });
    expect((await listAll(sim)).items).toHaveLength(29);
    const other = (await listAll(sim, {}, OTHER_KEY)).items;
    await call(sim, 'DELETE', `/accounts/${encodeURIComponent(other[0]?.email as string)}`, {
      key: OTHER_KEY,
    });

    expect((await control(sim, 'POST', { reset: 'demo' })).status).toBe(200);
    expect(JSON.stringify((await listAll(sim)).items)).toBe(JSON.stringify(original));
    const tags = (await call(sim, 'GET', '/custom-tags', { query: { limit: 100 } })).body as {
      items: Array<{ label: string }>;
    };
    expect(tags.items.some((t) => t.label === 'Temporary')).toBe(false);
    expect((await listAll(sim, {}, OTHER_KEY)).items).toHaveLength(29);

    expect((await control(sim, 'POST', { reset: 'all' })).status).toBe(200);
    expect((await listAll(sim, {}, OTHER_KEY)).items).toHaveLength(30);
    expect((await control(sim, 'POST', { reset: 'nope' })).status).toBe(404);
  });
});
