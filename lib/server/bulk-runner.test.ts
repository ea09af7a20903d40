import { describe, expect, it } from 'vitest';
import { InstantlyClient } from '@/lib/instantly/client';
import { RateBudget } from '@/lib/instantly/rate-budget';
import type { AccountKey, BulkActionKind } from '@/lib/schemas/api-bulk-actions';
import type { FaultRuleInput } from '@/lib/schemas/simulator-faults';
import {
  DEMO_KEY,
  OTHER_KEY,
  type TestClock,
  demoSpec,
  testClock,
  testSimulator,
} from '@/lib/simulator/test-helpers';
import type { Simulator } from '@/lib/simulator/types';
import { getIndexedRaw } from '@/lib/store/accounts-index';
import { matchingAccountKeys } from '@/lib/store/account-query';
import { auditForAccount, auditForBulkAction, auditAccounts } from '@/lib/store/audit-log';
import { explicitBatches } from '@/lib/bulk/plan';
import { markBatchStarting } from '@/lib/store/bulk/batches';
import { createBulkAction, createRetryAction } from '@/lib/store/bulk/create';
import { setItemState } from '@/lib/store/bulk/items';
import { actionItems, batchesOf, getBulkAction } from '@/lib/store/bulk/reads';
import type { Db } from '@/lib/store/db';
import { testDb } from '@/lib/store/test-db';
import { acquireLease, leaseHolder } from '@/lib/store/leases';
import { startSync } from '@/lib/worker/sync';
import { type AccountSaveContext, saveAccountSettings } from './account-detail';
import { DEMO_VISITOR } from './auth/actor';
import { settingWriters } from './bulk-outcomes';
import { BulkRunner, type BulkRunnerOptions } from './bulk-runner';
import { planWarmupBatches } from './bulk-targets';

// The runner against the in-process simulator, on one fake clock: the simulator's jobs, the client's
// rate budget and backoff, and the runner's waits all advance it, so nothing sleeps for real.

interface Seen {
  method: string;
  path: string;
  status: number | null;
  body: unknown;
}

type Hook = (request: Request, forward: () => Promise<Response>) => Promise<Response>;

function clientFor(
  sim: Simulator,
  clock: TestClock,
  key: string,
  seen: Seen[],
  hook: { current: Hook | null },
) {
  return new InstantlyClient({
    apiKey: key,
    baseUrl: 'http://sim.test',
    budget: new RateBudget({
      perSecond: 10_000,
      perMinute: 1_000_000,
      now: clock.now,
      sleep: async (ms) => void clock.advance(ms),
    }),
    transport: async (request) => {
      const body = request.method === 'GET' ? undefined : await request.clone().text();
      const entry: Seen = {
        method: request.method,
        path: new URL(request.url).pathname.replace('/api/v2', ''),
        status: null,
        body: body ? (JSON.parse(body) as unknown) : undefined,
      };
      seen.push(entry);
      const forward = () => sim.handle(request);
      const response = hook.current ? await hook.current(request, forward) : await forward();
      entry.status = response.status;
      return response;
    },
    random: () => 0.5,
    sleep: async (ms) => void clock.advance(ms),
  });
}

async function fixture(
  options: { accounts?: number; jobSpeed?: number; faults?: FaultRuleInput[]; two?: boolean } = {},
) {
  const clock = testClock();
  const { sim } = testSimulator({
    clock,
    jobSpeed: options.jobSpeed ?? 50,
    faults: options.faults,
    workspaces: [
      demoSpec({ accounts: options.accounts ?? 240 }),
      ...(options.two
        ? [demoSpec({ slug: 'acme', key: OTHER_KEY, name: 'Acme', seed: 7, accounts: 30 })]
        : []),
    ],
  });
  const db = await testDb();
  const seen: Seen[] = [];
  const hook: { current: Hook | null } = { current: null };
  const demo = clientFor(sim, clock, DEMO_KEY, seen, hook);
  const acme = clientFor(sim, clock, OTHER_KEY, seen, hook);
  await (
    await startSync(db, 'demo', demo, () => new Date(clock.now()))
  ).done;
  if (options.two) await (await startSync(db, 'acme', acme, () => new Date(clock.now()))).done;
  seen.length = 0;
  const makeRunner = (overrides: Partial<BulkRunnerOptions> = {}) =>
    new BulkRunner({ db, now: clock.now, sleep: async (ms) => void clock.advance(ms), ...overrides });
  const clients = new Map([['demo', demo]]);
  if (options.two) clients.set('acme', acme);
  return { db, sim, clock, seen, hook, demo, acme, clients, makeRunner };
}

const workspaces = [
  { workspaceId: 'demo', label: 'Demo' },
  { workspaceId: 'acme', label: 'Acme' },
];

async function keysWhere(
  db: Db,
  filters: { warmup?: number[]; status?: number[] } = {},
  workspaceIds = ['demo'],
): Promise<AccountKey[]> {
  return await matchingAccountKeys(db, { workspaceIds, ...filters });
}

async function warmupAction(db: Db, kind: BulkActionKind, keys: AccountKey[]) {
  return await createBulkAction(db, {
    actor: DEMO_VISITOR,
    kind,
    workspaces,
    keys,
    batches: explicitBatches(keys),
  });
}

async function perAccountAction(db: Db, kind: BulkActionKind, keys: AccountKey[], dailyLimit?: number) {
  return await createBulkAction(db, {
    actor: DEMO_VISITOR,
    kind,
    workspaces,
    keys,
    params: dailyLimit === undefined ? {} : { dailyLimit },
  });
}

const warmupPosts = (seen: Seen[]) =>
  seen.filter((s) => s.method === 'POST' && /^\/accounts\/warmup\/(enable|disable)$/.test(s.path));
const itemsOf = async (db: Db, id: string, state?: 'pending' | 'running' | 'done' | 'failed') =>
  (await actionItems(db, id, { workspaceIds: ['demo', 'acme'], state, offset: 0, limit: 500 })).items;

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
    // Never a self-inflicted 409.
    expect(f.seen.filter((s) => s.status === 409)).toEqual([]);

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
    expect(audit.map((e) => [e.outcome, e.emailCount])).toEqual([
      ['success', 100],
      ['success', 100],
      ['success', 30],
    ]);
    expect(new Set(audit.map((e) => e.upstreamJobId))).toEqual(new Set(summary?.jobs.map((j) => j.id)));
  });

  it('polls with backoff (1 s × 1.5 up to 5 s) and stops at the terminal state', async () => {
    // 100 emails at 5 per second: about 20 s of job.
    const f = await fixture({ jobSpeed: 5 });
    const keys = (await keysWhere(f.db)).slice(0, 100);
    const id = await warmupAction(f.db, 'disable-warmup', keys);
    const runner = f.makeRunner();
    const start = f.clock.now();
    await runner.kick(id, f.clients);
    await runner.settled(id);
    const polls = f.seen.filter((s) => s.method === 'GET' && s.path.startsWith('/background-jobs/'));
    expect(polls.length).toBeGreaterThan(4);
    expect(polls.length).toBeLessThan(12);
    expect(f.clock.now() - start).toBeLessThan(40_000);
    expect((await runner.summary(id))?.status).toBe('done');
    // Nothing more once it ended.
    const after = f.seen.length;
    await runner.settled(id);
    expect(f.seen.length).toBe(after);
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
      actor: DEMO_VISITOR,
      kind: 'enable-warmup',
      workspaces,
      keys: rest,
      batches,
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
    const first = await warmupAction(f.db, 'enable-warmup', all.slice(0, 50));
    // Overlaps the first on 20 accounts.
    const second = await warmupAction(f.db, 'disable-warmup', all.slice(30, 60));
    const runner = f.makeRunner();
    await runner.kick(first, f.clients);
    await runner.kick(second, f.clients);
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

describe('after a restart', () => {
  it('a new runner over the same database goes on polling the upstream job and loses no result', async () => {
    const f = await fixture({ jobSpeed: 5 });
    const keys = (await keysWhere(f.db)).slice(0, 60);
    const id = await warmupAction(f.db, 'enable-warmup', keys);
    // The first process sends the job, then stops for good (its waits never end).
    const dying = f.makeRunner({ sleep: () => new Promise<void>(() => undefined) });
    await dying.kick(id, f.clients);
    for (let i = 0; i < 50 && (await batchesOf(f.db, id))[0]?.state !== 'running'; i += 1)
      await new Promise((r) => setTimeout(r, 5));
    expect((await batchesOf(f.db, id))[0]?.state).toBe('running');
    f.clock.advance(4000);

    const restarted = f.makeRunner();
    // Before any browser comes back: the action says what it waits for.
    expect((await restarted.summary(id))?.waitingFor).toBe(
      'Open the dashboard with access to Demo to continue',
    );
    await restarted.kick(id, f.clients);
    await restarted.settled(id);
    expect(warmupPosts(f.seen)).toHaveLength(1);
    expect(await restarted.summary(id)).toMatchObject({
      status: 'done',
      waitingFor: null,
      counts: { done: 60, failed: 0, pending: 0, running: 0 },
    });
    expect(await auditForBulkAction(f.db, id)).toHaveLength(1);
  });

  it('a job whose write was cut off by the restart is found, not sent twice', async () => {
    const f = await fixture();
    const keys = (await keysWhere(f.db)).slice(0, 4);
    const id = await warmupAction(f.db, 'enable-warmup', keys);
    const [batch] = await batchesOf(f.db, id);
    // The dead process had marked the batch and its request reached Instantly; the answer was lost.
    await markBatchStarting(f.db, batch!.id, {}, new Date(f.clock.now()).toISOString());
    await f.sim.handle(
      new Request('http://sim.test/api/v2/accounts/warmup/enable', {
        method: 'POST',
        headers: { Authorization: `Bearer ${DEMO_KEY}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ emails: keys.map((k) => k.email) }),
      }),
    );
    const runner = f.makeRunner();
    await runner.kick(id, f.clients);
    await runner.settled(id);
    expect(warmupPosts(f.seen)).toHaveLength(0);
    expect(await runner.summary(id)).toMatchObject({ status: 'done', counts: { done: 4 } });
  });
  it('a per-account change cut off by the restart is settled by reading the account, not sent again', async () => {
    const f = await fixture();
    const keys = (await keysWhere(f.db, { status: [1] })).slice(0, 2);
    const id = await perAccountAction(f.db, 'pause', keys);
    // The dead process had sent the first pause (it landed) and recorded the account as running.
    await setItemState(f.db, id, keys[0]!, 'running');
    await f.sim.handle(
      new Request(`http://sim.test/api/v2/accounts/${encodeURIComponent(keys[0]!.email)}/pause`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${DEMO_KEY}` },
      }),
    );
    const runner = f.makeRunner();
    await runner.kick(id, f.clients);
    await runner.settled(id);
    expect(f.seen.filter((s) => s.method === 'POST').map((s) => s.path)).toEqual([
      `/accounts/${encodeURIComponent(keys[1]!.email)}/pause`,
    ]);
    expect(await runner.summary(id)).toMatchObject({ status: 'done', counts: { done: 2 } });
  });
});

describe('per-account actions', () => {
  it('pause runs with bounded concurrency, updates the index and audits each account', async () => {
    const f = await fixture();
    const keys = (await keysWhere(f.db, { status: [1] })).slice(0, 20);
    const id = await perAccountAction(f.db, 'pause', keys);
    let inFlight = 0;
    let most = 0;
    f.hook.current = async (_request, forward) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      // Long next to an item's own database work (a few round trips on PostgreSQL), so that calls
      // allowed to overlap do.
      await new Promise((r) => setTimeout(r, 25));
      inFlight -= 1;
      return forward();
    };
    const runner = f.makeRunner({ concurrency: 4 });
    await runner.kick(id, f.clients);
    await runner.settled(id);
    expect(most).toBeLessThanOrEqual(4);
    expect(most).toBeGreaterThan(1);
    expect(await runner.summary(id)).toMatchObject({ status: 'done', counts: { done: 20 } });
    for (const key of keys) expect((await getIndexedRaw(f.db, 'demo', key.email))?.status).toBe(2);
    const [marker] = await auditForAccount(f.db, 'demo', keys[0]!.email);
    expect(marker).toMatchObject({
      action: 'pause',
      accountOutcome: 'success',
      accountChanges: { status: { old: 1, new: 2 } },
    });
  });

  it('set daily limit records old → new in the audit log', async () => {
    const f = await fixture();
    const key = (await keysWhere(f.db))[0]!;
    const old = (await getIndexedRaw(f.db, 'demo', key.email))?.daily_limit ?? null;
    const id = await perAccountAction(f.db, 'set-daily-limit', [key], 43);
    const runner = f.makeRunner();
    await runner.kick(id, f.clients);
    await runner.settled(id);
    expect((await runner.summary(id))?.status).toBe('done');
    expect((await getIndexedRaw(f.db, 'demo', key.email))?.daily_limit).toBe(43);
    expect((await auditForAccount(f.db, 'demo', key.email))[0]?.accountChanges).toEqual({
      daily_limit: { old, new: 43 },
    });
  });

  it('mark fixed that does not stick fails with a reason a person understands', async () => {
    const f = await fixture();
    const broken = (await keysWhere(f.db, { status: [-1, -2, -3] })).slice(0, 3);
    expect(broken.length).toBe(3);
    await f.sim.handleControl(
      new Request('http://sim.test/_control', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ rules: [{ kind: 'job-failure', emails: [broken[0]!.email] }] }),
      }),
    );
    const id = await perAccountAction(f.db, 'mark-fixed', broken);
    const runner = f.makeRunner();
    await runner.kick(id, f.clients);
    await runner.settled(id);
    const failed = await itemsOf(f.db, id, 'failed');
    expect(failed.map((i) => i.email)).toEqual([broken[0]!.email]);
    expect(failed[0]?.error).toMatch(/re-checked the account and the problem is still there/);
    expect(await runner.summary(id)).toMatchObject({ status: 'partial', counts: { done: 2, failed: 1 } });
  });

  it('an account Instantly keeps rate limiting waits with the reason shown, then gives up after bounded tries', async () => {
    const f = await fixture();
    const [key] = await keysWhere(f.db, { status: [1] });
    const id = await perAccountAction(f.db, 'pause', [key!]);
    const whileWaiting: Array<string | null | undefined> = [];
    let pauses = 0;
    f.hook.current = async (request, forward) => {
      if (request.method !== 'POST' || !request.url.endsWith('/pause')) return forward();
      pauses += 1;
      // What the job page shows while a later try runs: the reason from the one before.
      whileWaiting.push((await itemsOf(f.db, id))[0]?.error);
      return new Response(
        JSON.stringify({ statusCode: 429, error: 'Too Many Requests', message: 'Rate limit' }),
        {
          status: 429,
          headers: { 'content-type': 'application/json' },
        },
      );
    };
    const runner = f.makeRunner({ maxStartAttempts: 3, conflictRetryMs: 100 });
    await runner.kick(id, f.clients);
    await runner.settled(id);
    expect(pauses).toBeGreaterThanOrEqual(3);
    expect(whileWaiting).toContain(
      'Instantly kept rate limiting this workspace. Trying again shortly (1 of 3 tries).',
    );
    expect((await itemsOf(f.db, id, 'failed'))[0]?.error).toMatch(
      /rate limiting this workspace\. Gave up after 3 tries/,
    );
  });

  it('a refused account fails alone with Instantly’s reason; the rest go on', async () => {
    const f = await fixture();
    const keys = [(await keysWhere(f.db))[0]!, { workspaceId: 'demo', email: 'gone@nowhere.test' }];
    const id = await perAccountAction(f.db, 'resume', keys);
    const runner = f.makeRunner();
    await runner.kick(id, f.clients);
    await runner.settled(id);
    const failed = await itemsOf(f.db, id, 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ email: 'gone@nowhere.test' });
    expect(failed[0]?.error).toMatch(/does not know this account/);
  });
});

describe('an action whose accounts a later write changed again', () => {
  const detailOf = async (runner: BulkRunner, id: string) =>
    (await runner.detail(id, { workspaceIds: ['demo'], offset: 0, limit: 500 }))!;

  it('enable then disable on overlapping accounts: the first names the second for the shared ones', async () => {
    const f = await fixture({ jobSpeed: 10 });
    const all = await keysWhere(f.db);
    const first = await warmupAction(f.db, 'enable-warmup', all.slice(0, 50));
    const second = await warmupAction(f.db, 'disable-warmup', all.slice(30, 60));
    const runner = f.makeRunner();
    await runner.kick(first, f.clients);
    await runner.kick(second, f.clients);
    await Promise.all([runner.settled(first), runner.settled(second)]);
    // A pause writes another setting: it changes nothing about the warmup story.
    const pause = await perAccountAction(f.db, 'pause', all.slice(0, 5));
    await runner.kick(pause, f.clients);
    await runner.settled(pause);

    const detail = await detailOf(runner, first);
    expect(detail.action.status).toBe('done');
    expect(detail.changedAgain).toEqual([
      {
        actionId: second,
        kind: 'disable-warmup',
        label: 'Disable warmup',
        startedAt: (await getBulkAction(f.db, second))?.createdAt,
        count: 20,
      },
    ]);
    const marked = detail.items.filter((i) => i.changedAgainBy !== null);
    expect(new Set(marked.map((i) => i.email))).toEqual(new Set(all.slice(30, 50).map((k) => k.email)));
    expect(marked.every((i) => i.changedAgainBy?.actionId === second)).toBe(true);
    // Instantly has the later value, which is what the page says.
    for (const item of marked) expect((await getIndexedRaw(f.db, 'demo', item.email))?.warmup_status).toBe(0);
    expect((await detailOf(runner, second)).changedAgain).toEqual([]);
  });

  it('a daily limit saved on the account page afterwards changes a bulk daily limit again', async () => {
    const f = await fixture();
    const keys = (await keysWhere(f.db, { status: [1] })).slice(0, 3);
    const id = await perAccountAction(f.db, 'set-daily-limit', keys, 43);
    const runner = f.makeRunner();
    await runner.kick(id, f.clients);
    await runner.settled(id);
    f.clock.advance(60_000);
    const ctx: AccountSaveContext = {
      db: f.db,
      workspace: { id: 'demo', label: 'Demo', kind: 'user' },
      client: f.demo,
      actor: DEMO_VISITOR,
      now: () => new Date(f.clock.now()),
    };
    await saveAccountSettings(ctx, keys[0]!.email, { dailyLimit: 21 });
    await saveAccountSettings(ctx, keys[1]!.email, { sendingGap: 17 });

    const detail = await detailOf(runner, id);
    expect(detail.changedAgain).toEqual([
      {
        actionId: null,
        kind: null,
        label: 'A save on the account page',
        startedAt: new Date(f.clock.now()).toISOString(),
        count: 1,
      },
    ]);
    expect(detail.items.filter((i) => i.changedAgainBy).map((i) => i.email)).toEqual([keys[0]!.email]);
  });

  it('each kind counts only writes of its own setting; mark fixed sets none', async () => {
    expect(settingWriters('enable-warmup')).toEqual({ actions: ['enable-warmup', 'disable-warmup'] });
    expect(settingWriters('resume')).toEqual({ actions: ['pause', 'resume'] });
    expect(settingWriters('set-daily-limit')).toEqual({
      actions: ['set-daily-limit'],
      byFields: { action: 'update-settings', fields: ['dailyLimit'] },
    });
    expect(settingWriters('mark-fixed')).toBeNull();
  });
});

describe('keys live only in browsers', () => {
  it('work in a workspace without a key waits, says so, and goes on when a browser brings the key', async () => {
    const f = await fixture({ two: true });
    const keys = [
      ...(await keysWhere(f.db)).slice(0, 3),
      ...(await keysWhere(f.db, {}, ['acme'])).slice(0, 2),
    ];
    const id = await perAccountAction(f.db, 'pause', keys);
    const runner = f.makeRunner();
    await runner.kick(id, new Map([['demo', f.demo]]));
    await runner.settled(id);
    expect(await runner.summary(id)).toMatchObject({
      status: 'running',
      waitingFor: 'Open the dashboard with access to Acme to continue',
      counts: { done: 3, pending: 2 },
    });
    expect(runner.isRunning(id)).toBe(false);

    await runner.kick(id, f.clients);
    await runner.settled(id);
    expect(await runner.summary(id)).toMatchObject({
      status: 'done',
      waitingFor: null,
      counts: { done: 5, pending: 0 },
    });
  });

  it('a second kick while running only refreshes the clients: one loop per action', async () => {
    const f = await fixture({ jobSpeed: 5 });
    const keys = (await keysWhere(f.db)).slice(0, 30);
    const id = await warmupAction(f.db, 'enable-warmup', keys);
    const runner = f.makeRunner();
    await runner.kick(id, f.clients);
    await runner.kick(id, f.clients);
    await runner.kick(id, f.clients);
    await runner.settled(id);
    expect(warmupPosts(f.seen)).toHaveLength(1);
    expect((await runner.summary(id))?.status).toBe('done');
  });

  it('a finished action is not started again', async () => {
    const f = await fixture();
    const id = await perAccountAction(f.db, 'pause', (await keysWhere(f.db, { status: [1] })).slice(0, 1));
    const runner = f.makeRunner();
    await runner.kick(id, f.clients);
    await runner.settled(id);
    const requests = f.seen.length;
    await runner.kick(id, f.clients);
    expect(runner.isRunning(id)).toBe(false);
    await runner.settled(id);
    expect(f.seen.length).toBe(requests);
    expect((await getBulkAction(f.db, id))?.status).toBe('done');
  });
});

describe('two engines on one database (two processes)', () => {
  it('B takes over an action A abandoned mid-way once A’s lease lapsed; every account ends once, none in two jobs', async () => {
    const f = await fixture({ jobSpeed: 5 });
    const keys = await keysWhere(f.db);
    expect(keys).toHaveLength(240);
    const id = await warmupAction(f.db, 'enable-warmup', keys);
    const ttl = 6000;
    const a = f.makeRunner({ owner: 'instance-a', leaseTtlMs: ttl });
    const b = f.makeRunner({ owner: 'instance-b', leaseTtlMs: ttl });
    // A is killed while its second job is on its way: Instantly created the job, A never heard back.
    let killed = false;
    let posts = 0;
    f.hook.current = async (request, forward) => {
      if (killed) return new Promise<Response>(() => undefined);
      if (request.method === 'POST' && /\/accounts\/warmup\//.test(new URL(request.url).pathname)) {
        posts += 1;
        if (posts === 2) {
          await forward();
          a.halt();
          killed = true;
          return new Promise<Response>(() => undefined);
        }
      }
      return forward();
    };
    await a.kick(id, f.clients);
    for (let i = 0; i < 400 && !killed; i += 1) await new Promise((r) => setTimeout(r, 5));
    expect(killed).toBe(true);
    expect((await batchesOf(f.db, id)).map((batch) => batch.state)).toEqual([
      'running',
      'starting',
      'queued',
    ]);
    expect((await leaseHolder(f.db, `bulk:${id}`, f.clock.now()))?.owner).toBe('instance-a');

    // B's own key, its own connection to Instantly.
    const bSeen: typeof f.seen = [];
    const bClients = new Map([['demo', clientFor(f.sim, f.clock, DEMO_KEY, bSeen, { current: null })]]);
    // While A's lease is live, B leaves the action alone.
    await b.kick(id, bClients);
    await b.settled(id);
    expect(b.isRunning(id)).toBe(false);
    expect(bSeen).toHaveLength(0);
    expect((await b.summary(id))?.waitingFor).toBeNull();

    f.clock.advance(ttl + 1);
    await b.kick(id, bClients);
    await b.settled(id);

    const summary = await b.summary(id);
    expect(summary).toMatchObject({ status: 'done', waitingFor: null });
    expect(summary?.counts).toEqual({ total: 240, pending: 0, running: 0, done: 240, failed: 0 });
    // B found A's second job instead of sending it again, and sent only the third.
    const jobs = [...warmupPosts(f.seen), ...warmupPosts(bSeen)];
    expect(jobs).toHaveLength(3);
    expect(warmupPosts(bSeen)).toHaveLength(1);
    const perAccount = new Map<string, number>();
    for (const job of jobs)
      for (const email of (job.body as { emails: string[] }).emails)
        perAccount.set(email, (perAccount.get(email) ?? 0) + 1);
    expect(perAccount.size).toBe(240);
    expect([...perAccount.values()].every((n) => n === 1)).toBe(true);
    // Every account ended exactly once: one audit entry per job, each account in one of them.
    const entries = await auditForBulkAction(f.db, id);
    expect(entries).toHaveLength(3);
    const audited = (await Promise.all(entries.map((e) => auditAccounts(f.db, e.id))))
      .flat()
      .map((x) => x.email);
    expect(new Set(audited).size).toBe(240);
    expect(audited).toHaveLength(240);
    expect(await leaseHolder(f.db, `bulk:${id}`, f.clock.now())).toBeNull();
  });

  it('a job-tray poll runs a small fixed number of statements, however many actions there are', async () => {
    const f = await fixture({ accounts: 60 });
    const keys = await keysWhere(f.db);
    const statements = { count: 0 };
    const counted = f.db.withPlugin({
      transformQuery: (args) => {
        statements.count += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    // Another instance drives every action (live leases), as with two instances behind a balancer.
    const runner = new BulkRunner({ db: counted, owner: 'here', now: f.clock.now });
    const poll = async () => {
      statements.count = 0;
      await runner.kickActive(f.clients);
      const list = await runner.list({ workspaceIds: ['demo'], active: true });
      return { statements: statements.count, listed: list.length };
    };
    const make = async (n: number) => {
      for (let i = 0; i < n; i += 1) {
        const slice = keys.slice((i * 3) % 57, ((i * 3) % 57) + 3);
        const id =
          i % 2 === 0
            ? await warmupAction(f.db, 'enable-warmup', slice)
            : await perAccountAction(f.db, 'pause', slice);
        await acquireLease(f.db, `bulk:${id}`, 'elsewhere', 60_000, f.clock.now());
      }
    };
    await make(5);
    const few = await poll();
    await make(15);
    const many = await poll();
    expect(few.listed).toBe(5);
    expect(many.listed).toBe(20);
    expect(many.statements).toBe(few.statements);
    expect(many.statements).toBeLessThanOrEqual(10);
  });
});
