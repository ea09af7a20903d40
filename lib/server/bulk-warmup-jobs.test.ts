import { describe, expect, it } from 'vitest';
import { getIndexedRaw } from '@/lib/store/accounts-index';
import { planWarmupBatches } from './bulk-targets';
import { DEMO_VISITOR } from './auth/actor';
import { DEMO_KEY } from '@/lib/simulator/test-helpers';
import { auditForBulkAction, auditAccounts } from '@/lib/store/audit-log';
import { createBulkAction, createRetryAction } from '@/lib/store/bulk/create';
import {
  fixture,
  keysWhere,
  warmupAction,
  perAccountAction,
  warmupPosts,
  itemsOf,
  workspaces,
} from './bulk-test-fixture';

// Warmup changes run as Instantly background jobs: at most 100 accounts a job, never two jobs on one
// account, per-account results, and a write without a clear answer is never sent again blindly.

describe('warmup changes as Instantly background jobs', () => {
  it('sends explicit jobs of at most 100 emails, polls them to the end and records every account', async () => {
    const f = await fixture();
    const keys = (await keysWhere(f.db)).slice(0, 230);
    const id = await warmupAction(f.db, 'enable-warmup', keys);
    const runner = f.makeRunner();
    await runner.kick(id, f.clients);
    await runner.settled(id);

    const posts = warmupPosts(f.seen);
    expect(posts.map((p) => (p.body as { emails: string[] }).emails.length)).toEqual([100, 100, 30]);
    expect(new Set(posts.flatMap((p) => (p.body as { emails: string[] }).emails))).toEqual(
      new Set(keys.map((k) => k.email)),
    );
    // All three start at once, before the first poll: they share no account.
    expect(f.seen.slice(0, 3)).toEqual(posts);
    // Never a self-inflicted 409.
    expect(f.seen.filter((s) => s.status === 409)).toEqual([]);
    // Every account was reported switched by its job: nothing is read back (no sync of the workspace,
    // no account re-read), the index follows the jobs' own reports.
    expect(f.seen.filter((s) => s.method === 'GET' && !s.path.startsWith('/background-jobs/'))).toEqual([]);

    const summary = await runner.summary(id);
    expect(summary).toMatchObject({
      status: 'done',
      progress: 100,
      counts: { total: 230, done: 230, failed: 0, pending: 0 },
    });
    expect(summary?.jobs).toHaveLength(3);
    expect(summary?.jobs.every((j) => j.id !== null && j.state === 'done')).toBe(true);
    for (const key of keys) expect((await getIndexedRaw(f.db, 'demo', key.email))?.warmup_status).toBe(1);

    const audit = await auditForBulkAction(f.db, id);
    // The three jobs run at once (they share no account), so they finish in any order.
    expect(audit.map((e) => [e.outcome, e.emailCount]).sort()).toEqual([
      ['success', 100],
      ['success', 100],
      ['success', 30],
    ]);
    expect(new Set(audit.map((e) => e.upstreamJobId))).toEqual(new Set(summary?.jobs.map((j) => j.id)));
  });

  it('polls a long job at most every 5 s and stops at the terminal state', async () => {
    // 100 emails at 5 per second: about 20 s of job.
    const f = await fixture({ jobSpeed: 5 });
    const keys = (await keysWhere(f.db)).slice(0, 100);
    const id = await warmupAction(f.db, 'disable-warmup', keys);
    const runner = f.makeRunner();
    const start = f.clock.now();
    await runner.kick(id, f.clients);
    await runner.settled(id);
    const polls = f.seen.filter((s) => s.method === 'GET' && s.path.startsWith('/background-jobs/'));
    expect(polls.length).toBeGreaterThan(3);
    expect(polls.length).toBeLessThan(8);
    expect(f.clock.now() - start).toBeLessThan(30_000);
    expect((await runner.summary(id))?.status).toBe('done');
    // Nothing more once it ended.
    const after = f.seen.length;
    await runner.settled(id);
    expect(f.seen.length).toBe(after);
  });

  it("aims polls at each job's expected end: one job shows the pace, the others are polled once, when done", async () => {
    // Three jobs (100, 100, 40 emails) at 25 per second: up to about 4.3 s each. Backing off from
    // 1 s (1, 2.5, 4.75 s) took three polls a job; every poll is a request from the budget.
    const f = await fixture({ jobSpeed: 25 });
    const keys = await keysWhere(f.db);
    expect(keys).toHaveLength(240);
    const id = await warmupAction(f.db, 'enable-warmup', keys);
    const runner = f.makeRunner();
    const start = f.clock.now();
    await runner.kick(id, f.clients);
    await runner.settled(id);
    const polls = f.seen.filter((s) => s.method === 'GET' && s.path.startsWith('/background-jobs/'));
    const perJob = new Map<string, number>();
    for (const poll of polls) perJob.set(poll.path, (perJob.get(poll.path) ?? 0) + 1);
    expect([...perJob.values()].sort()).toEqual([1, 1, 2]);
    // Done soon after the jobs' end, not a backoff step later.
    expect(f.clock.now() - start).toBeLessThan(6_000);
    expect((await runner.summary(id))?.counts).toMatchObject({ done: 240, failed: 0 });
  });

  it('uses one include_all_emails job when Instantly can select the accounts itself', async () => {
    const f = await fixture();
    const off = await keysWhere(f.db, { warmup: [0] });
    expect(off.length).toBeGreaterThan(5);
    const [excluded, ...rest] = off;
    const batches = planWarmupBatches({
      workspaces: [],
      keys: rest,
      upstream: {
        workspaceId: 'demo',
        filter: { filter: 'ACC_FILTER_W_PAUSED' },
        excluded: [excluded!.email],
      },
    });
    const id = await createBulkAction(f.db, {
      kind: 'enable-warmup',
      workspaces,
      keys: rest,
      batches,
      actor: DEMO_VISITOR,
    });
    const runner = f.makeRunner();
    await runner.kick(id, f.clients);
    await runner.settled(id);

    const posts = warmupPosts(f.seen);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body).toEqual({
      include_all_emails: true,
      filter: { filter: 'ACC_FILTER_W_PAUSED' },
      excluded_emails: [excluded!.email],
    });
    expect(await runner.summary(id)).toMatchObject({
      status: 'done',
      counts: { done: rest.length, failed: 0 },
    });
    expect((await getIndexedRaw(f.db, 'demo', excluded!.email))?.warmup_status).toBe(0);
    for (const key of rest) expect((await getIndexedRaw(f.db, 'demo', key.email))?.warmup_status).toBe(1);
  });

  it('never runs two jobs on one account, also across actions', async () => {
    const f = await fixture({ jobSpeed: 10 });
    const all = await keysWhere(f.db);
    const first = await warmupAction(f.db, 'enable-warmup', all.slice(0, 50), f.clock.now());
    // Overlaps the first on 20 accounts; created a second later.
    const second = await warmupAction(f.db, 'disable-warmup', all.slice(30, 60), f.clock.now() + 1000);
    const runner = f.makeRunner();
    // The later action's loop is started first, so it reaches its start first (on PostgreSQL, under
    // load, either loop could): it must still wait for the earlier action's job on the shared accounts.
    await runner.kick(second, f.clients);
    await runner.kick(first, f.clients);
    await Promise.all([runner.settled(first), runner.settled(second)]);

    expect(f.seen.filter((s) => s.status === 409)).toEqual([]);
    expect((await runner.summary(first))?.status).toBe('done');
    expect((await runner.summary(second))?.status).toBe('done');
    // The second job started only after the first had finished: the shared accounts end disabled.
    for (const key of all.slice(30, 60))
      expect((await getIndexedRaw(f.db, 'demo', key.email))?.warmup_status).toBe(0);
    for (const key of all.slice(0, 30))
      expect((await getIndexedRaw(f.db, 'demo', key.email))?.warmup_status).toBe(1);
  });

  it('a 409 from a job started elsewhere is waited out and retried, not a failure', async () => {
    const f = await fixture({ jobSpeed: 5 });
    const keys = (await keysWhere(f.db)).slice(0, 10);
    // Another integration's job holds two of the accounts for a while.
    const outside = await f.sim.handle(
      new Request('http://sim.test/api/v2/accounts/warmup/enable', {
        method: 'POST',
        headers: { Authorization: `Bearer ${DEMO_KEY}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ emails: keys.slice(0, 2).map((k) => k.email) }),
      }),
    );
    expect(outside.status).toBe(200);
    const id = await warmupAction(f.db, 'disable-warmup', keys);
    const runner = f.makeRunner({ conflictRetryMs: 1000 });
    await runner.kick(id, f.clients);
    await runner.settled(id);
    expect(warmupPosts(f.seen).filter((p) => p.status === 409).length).toBeGreaterThan(0);
    expect(await runner.summary(id)).toMatchObject({ status: 'done', counts: { done: 10, failed: 0 } });
  });

  it('gives up on a job Instantly keeps refusing with 409 after a bounded number of tries, saying why', async () => {
    const f = await fixture();
    const keys = (await keysWhere(f.db)).slice(0, 3);
    const id = await warmupAction(f.db, 'enable-warmup', keys);
    f.hook.current = async (request, forward) =>
      request.method === 'POST' && request.url.endsWith('/warmup/enable')
        ? new Response(
            JSON.stringify({
              statusCode: 409,
              error: 'Conflict',
              message: 'update-warmup-accounts job in progress',
            }),
            {
              status: 409,
              headers: { 'content-type': 'application/json' },
            },
          )
        : forward();
    const runner = f.makeRunner({ maxStartAttempts: 4, conflictRetryMs: 500 });
    await runner.kick(id, f.clients);
    await runner.settled(id);
    expect(warmupPosts(f.seen)).toHaveLength(4);
    expect(await runner.summary(id)).toMatchObject({ status: 'failed', counts: { failed: 3 } });
    expect((await itemsOf(f.db, id))[0]?.error).toMatch(
      /Another warmup job in Instantly kept holding this account \(4 tries\)/,
    );
  });

  it('records exactly which accounts failed inside a successful job, and why; the retry holds only those', async () => {
    const f = await fixture({ accounts: 500 });
    const keys = (await keysWhere(f.db, { warmup: [0] })).slice(0, 40);
    expect(keys).toHaveLength(40);
    const doomed = [keys[3]!.email, keys[17]!.email, keys[38]!.email];
    await f.sim.handleControl(
      new Request('http://sim.test/_control', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          rules: [
            { kind: 'job-failure', emails: doomed, message: 'Warmup pool rejected the account', count: 1 },
          ],
        }),
      }),
    );
    const id = await warmupAction(f.db, 'enable-warmup', keys);
    const runner = f.makeRunner();
    await runner.kick(id, f.clients);
    await runner.settled(id);

    const summary = await runner.summary(id);
    // Instantly says "success"; we say partly failed.
    expect(summary?.jobs[0]?.state).toBe('done');
    expect(summary).toMatchObject({ status: 'partial', counts: { done: 37, failed: 3, pending: 0 } });
    const failed = await itemsOf(f.db, id, 'failed');
    expect(failed.map((i) => i.email).sort()).toEqual([...doomed].sort());
    expect(failed.every((i) => i.error === 'Warmup pool rejected the account')).toBe(true);
    for (const email of doomed) expect((await getIndexedRaw(f.db, 'demo', email))?.warmup_status).toBe(0);

    const [entry] = await auditForBulkAction(f.db, id);
    expect(entry?.outcome).toBe('partial');
    const perAccount = await auditAccounts(f.db, entry!.id);
    expect(
      perAccount
        .filter((a) => a.outcome === 'failed')
        .map((a) => a.email)
        .sort(),
    ).toEqual([...doomed].sort());

    const retry = await createRetryAction(f.db, id, { workspaceIds: ['demo'], actor: DEMO_VISITOR });
    expect((await itemsOf(f.db, retry!)).map((i) => i.email).sort()).toEqual([...doomed].sort());
    await runner.kick(retry!, f.clients);
    await runner.settled(retry!);
    expect(await runner.summary(retry!)).toMatchObject({
      status: 'done',
      retryOf: id,
      counts: { done: 3, failed: 0 },
    });
    expect((warmupPosts(f.seen).at(-1)?.body as { emails: string[] }).emails.sort()).toEqual(
      [...doomed].sort(),
    );
  });

  it('accounts Instantly did not process fail with that reason', async () => {
    const f = await fixture();
    const keys = [
      ...(await keysWhere(f.db)).slice(0, 3),
      { workspaceId: 'demo', email: 'ghost@nowhere.test' },
    ];
    const id = await warmupAction(f.db, 'enable-warmup', keys);
    // Instantly's answer leaves one account out of processed_emails.
    f.hook.current = async (request, forward) => {
      const response = await forward();
      if (request.method !== 'GET' || !request.url.includes('/background-jobs/')) return response;
      const job = (await response.json()) as { data?: { processed_emails?: Array<{ email: string }> } };
      if (job.data?.processed_emails)
        job.data.processed_emails = job.data.processed_emails.filter((p) => p.email !== keys[1]!.email);
      return new Response(JSON.stringify(job), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    };
    const runner = f.makeRunner();
    await runner.kick(id, f.clients);
    await runner.settled(id);
    const failed = Object.fromEntries((await itemsOf(f.db, id, 'failed')).map((i) => [i.email, i.error]));
    expect(failed).toEqual({
      [keys[1]!.email]: 'Instantly did not process this account',
      'ghost@nowhere.test': 'Account not found',
    });
    expect((await runner.summary(id))?.status).toBe('partial');
  });
});

describe('a write without a clear answer is never sent again blindly', () => {
  it('finds the job in Instantly’s recent jobs when the connection dropped after it was created', async () => {
    const f = await fixture();
    const keys = (await keysWhere(f.db)).slice(0, 5);
    const id = await warmupAction(f.db, 'enable-warmup', keys);
    f.hook.current = async (request, forward) => {
      if (request.method === 'POST' && request.url.endsWith('/warmup/enable')) {
        await forward();
        throw new TypeError('socket hang up');
      }
      return forward();
    };
    const runner = f.makeRunner();
    await runner.kick(id, f.clients);
    await runner.settled(id);
    expect(warmupPosts(f.seen)).toHaveLength(1);
    expect(f.seen.some((s) => s.method === 'GET' && s.path === '/background-jobs')).toBe(true);
    expect(await runner.summary(id)).toMatchObject({ status: 'done', counts: { done: 5 } });
    expect((await runner.summary(id))?.jobs[0]?.id).toMatch(/^[0-9a-f]{24}$/);
  });

  it('fails the accounts with a reason saying so when the job cannot be found', async () => {
    const f = await fixture();
    const keys = (await keysWhere(f.db)).slice(0, 5);
    const id = await warmupAction(f.db, 'disable-warmup', keys);
    f.hook.current = async (request, forward) => {
      if (request.method === 'POST' && request.url.endsWith('/warmup/disable'))
        throw new TypeError('socket hang up');
      return forward();
    };
    const runner = f.makeRunner();
    await runner.kick(id, f.clients);
    await runner.settled(id);
    expect(warmupPosts(f.seen)).toHaveLength(1);
    expect(await runner.summary(id)).toMatchObject({ status: 'failed', counts: { failed: 5, done: 0 } });
    for (const item of await itemsOf(f.db, id))
      expect(item.error).toMatch(/may or may not have been applied\. Retry to be sure/);
    expect((await auditForBulkAction(f.db, id))[0]?.outcome).toBe('unknown');
  });

  it('a per-account write that timed out is settled by reading the account', async () => {
    const f = await fixture();
    const keys = (await keysWhere(f.db, { status: [1] })).slice(0, 3);
    const id = await perAccountAction(f.db, 'pause', keys);
    f.hook.current = async (request, forward) => {
      if (request.method === 'POST' && request.url.includes(encodeURIComponent(keys[0]!.email))) {
        await forward();
        throw new TypeError('connection reset');
      }
      if (request.method === 'POST' && request.url.includes(encodeURIComponent(keys[1]!.email)))
        throw new TypeError('connection reset');
      return forward();
    };
    const runner = f.makeRunner();
    await runner.kick(id, f.clients);
    await runner.settled(id);
    const items = Object.fromEntries((await itemsOf(f.db, id)).map((i) => [i.email, i]));
    // Landed: the account shows it. Did not land: failed, with a reason; never re-sent.
    expect(items[keys[0]!.email]).toMatchObject({ state: 'done' });
    expect(items[keys[1]!.email]).toMatchObject({ state: 'failed' });
    expect(items[keys[1]!.email]?.error).toMatch(/did not confirm the change .* Retry to be sure/);
    expect(items[keys[2]!.email]).toMatchObject({ state: 'done' });
    expect(f.seen.filter((s) => s.method === 'POST')).toHaveLength(3);
  });
});
