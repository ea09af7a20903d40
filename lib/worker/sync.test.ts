import { afterEach, describe, expect, it, vi } from 'vitest';
import { RateBudget } from '@/lib/instantly/rate-budget';
import { DEMO_KEY } from '@/lib/simulator/test-helpers';
import { countIndexed } from '@/lib/store/accounts-index';
import { fleetFixture } from '@/lib/store/fleet-test-helpers';
import { acquireLease, leaseHolder, releaseLease } from '@/lib/store/leases';
import { markSyncDone, markSyncStarted } from '@/lib/store/sync-state';
import { isSyncRunning, mayRefreshOnRequest, needsSync, startSync, syncStatus } from './sync';

describe('fleet sync', () => {
  it('walks every page into the index, including the trailing empty page', async () => {
    const { db, client, requests } = await fleetFixture();
    const result = await (await startSync(db, 'demo', client)).done;
    expect(result).toMatchObject({ ok: true, accounts: 500, removed: 0 });
    expect(await countIndexed(db, 'demo')).toBe(500);
    // 5 full pages of 100, then the empty page that ends the walk.
    expect(requests).toHaveLength(6);
    expect(requests.every((r) => r === 'GET /accounts')).toBe(true);
    expect(await syncStatus(db, 'demo', 'Demo')).toMatchObject({
      state: 'done',
      accountsSeen: 500,
      pages: 5,
      error: null,
    });
  });

  it('removes accounts that disappeared upstream, and only after a complete walk', async () => {
    const { db, client, sim } = await fleetFixture();
    await (
      await startSync(db, 'demo', client)
    ).done;
    const gone = await sim.handle(
      new Request('http://sim.test/api/v2/accounts?limit=1', {
        headers: { Authorization: `Bearer ${DEMO_KEY}` },
      }),
    );
    const email = ((await gone.json()) as { items: Array<{ email: string }> }).items[0]!.email;
    await sim.handle(
      new Request(`http://sim.test/api/v2/accounts/${encodeURIComponent(email)}`, {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${DEMO_KEY}` },
      }),
    );
    const result = await (await startSync(db, 'demo', client)).done;
    expect(result).toMatchObject({ ok: true, accounts: 499, removed: 1 });
    expect(await countIndexed(db, 'demo')).toBe(499);
  });

  it('keeps the old rows and records the reason when a sync fails part way', async () => {
    const { db, client, sim } = await fleetFixture();
    await (
      await startSync(db, 'demo', client)
    ).done;
    await sim.handleControl(
      new Request('http://sim.test/_control', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ rules: [{ kind: 'error', status: 500, path: '^/accounts$', count: 1 }] }),
      }),
    );
    const result = await (await startSync(db, 'demo', client)).done;
    expect(result.ok).toBe(false);
    expect(await countIndexed(db, 'demo')).toBe(500);
    // The reason is kept as the problem a person sees: the upstream 500, in words.
    const status = await syncStatus(db, 'demo', 'Demo');
    expect(status).toMatchObject({
      state: 'failed',
      problem: { type: 'upstream-server', title: 'Instantly had an error', upstreamStatus: 500 },
    });
    expect(status.error).toMatch(/^Instantly had an error\./);
  });

  it('refuses a second sync of the same workspace while one runs', async () => {
    const { db, client } = await fleetFixture();
    const first = await startSync(db, 'demo', client);
    const second = await startSync(db, 'demo', client);
    expect(first.started).toBe(true);
    expect(second.started).toBe(false);
    expect(second.done).toBe(first.done);
    await first.done;
    const third = await startSync(db, 'demo', client);
    expect(third.started).toBe(true);
    await third.done;
  });

  it('stays inside the rate budget: never more than the budget per second reaches the API', async () => {
    let now = 0;
    const budget = new RateBudget({
      perSecond: 2,
      perMinute: 600,
      now: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    });
    const times: number[] = [];
    const { db, client } = await fleetFixture({ budget });
    const originalAcquire = budget.acquire.bind(budget);
    budget.acquire = async (signal) => {
      await originalAcquire(signal);
      times.push(now);
    };
    await (
      await startSync(db, 'demo', client)
    ).done;
    expect(times).toHaveLength(6);
    for (const t of times) expect(times.filter((x) => x >= t && x < t + 1000).length).toBeLessThanOrEqual(2);
  });

  it('reports a sync cut off by a restart as interrupted, not running forever', async () => {
    const { db } = await fleetFixture();
    await db
      .insertInto('workspace_sync')
      .values({ workspace_id: 'demo', state: 'running', started_at: '2026-01-01T00:00:00Z' })
      .execute();
    expect(await syncStatus(db, 'demo', 'Demo')).toMatchObject({
      state: 'failed',
      error: expect.stringContaining('interrupted'),
    });
  });
});

describe('one sync per workspace across processes', () => {
  it('a second process does not start a walk while another holds the lease, and waits for its end', async () => {
    const { db, client, requests } = await fleetFixture();
    // Process A runs a sync right now (its lease, its running row).
    expect(await acquireLease(db, 'sync:demo', 'process-a', 30_000)).toBe(true);
    await markSyncStarted(db, 'demo', '2026-01-01T00:00:00.000Z', Date.now());
    const b = await startSync(db, 'demo', client, undefined, { owner: 'process-b' });
    expect(b.started).toBe(false);
    expect(await isSyncRunning(db, 'demo')).toBe(true);
    expect(await syncStatus(db, 'demo', 'Demo')).toMatchObject({ state: 'running', error: null });
    let settled = false;
    void b.done.then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(settled).toBe(false);
    // A finishes: B's callers get A's result from the row; B itself never called Instantly.
    await markSyncDone(db, 'demo', '2026-01-01T00:00:05.000Z', 3, 250);
    await releaseLease(db, 'sync:demo', 'process-a');
    expect(await b.done).toEqual({ ok: true, accounts: 250, removed: 0, pages: 3, error: null });
    expect(requests).toHaveLength(0);
  });

  it('two processes asking at once run one walk between them', async () => {
    const { db, client, requests } = await fleetFixture();
    const [a, b] = await Promise.all([
      startSync(db, 'demo', client, undefined, { owner: 'process-a' }),
      startSync(db, 'demo', client, undefined, { owner: 'process-b' }),
    ]);
    expect([a.started, b.started].sort()).toEqual([false, true]);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect(ra).toMatchObject({ ok: true, accounts: 500 });
    expect(rb).toMatchObject({ ok: true, accounts: 500 });
    expect(requests).toHaveLength(6);
    // The lease is given back at the end, so the next sync need not wait for it to lapse.
    expect(await leaseHolder(db, 'sync:demo')).toBeNull();
  });

  it('takes over a sync whose holder stopped renewing its lease (a killed process)', async () => {
    const { db, client } = await fleetFixture();
    expect(await acquireLease(db, 'sync:demo', 'killed', 1_000, Date.now() - 5_000)).toBe(true);
    await markSyncStarted(db, 'demo', '2026-01-01T00:00:00.000Z', Date.now() - 5_000);
    expect(await syncStatus(db, 'demo', 'Demo')).toMatchObject({
      state: 'failed',
      error: expect.stringContaining('interrupted'),
    });
    const next = await startSync(db, 'demo', client, undefined, { owner: 'process-b' });
    expect(next.started).toBe(true);
    expect(await next.done).toMatchObject({ ok: true, accounts: 500 });
  });

  it('renews its lease while the walk runs, so nobody else can take it', async () => {
    const { db, client } = await fleetFixture({ latencyMs: 250 });
    const sync = await startSync(db, 'demo', client, undefined, { owner: 'slow', leaseTtlMs: 600 });
    expect(sync.started).toBe(true);
    // 6 pages of 250 ms outlast the 600 ms lease: unrenewed it would have lapsed by now (the margins
    // are wide so that a busy machine's late timers cannot decide the outcome).
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await acquireLease(db, 'sync:demo', 'other', 10_000)).toBe(false);
    expect(await sync.done).toMatchObject({ ok: true, accounts: 500 });
  });

  it('stops, leaving the row to the new holder, when its lease was taken over', async () => {
    const { db, client } = await fleetFixture({ latencyMs: 40 });
    const sync = await startSync(db, 'demo', client, undefined, { owner: 'stalled', leaseTtlMs: 90 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Seen from a clock past the lease's expiry: the stalled holder counts as gone.
    expect(await acquireLease(db, 'sync:demo', 'other', 10_000, Date.now() + 60_000)).toBe(true);
    const result = await sync.done;
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/took over/) });
    expect(result.pages).toBeLessThan(6);
    // Still "running": the row now belongs to the new holder, who finishes it.
    expect((await db.selectFrom('workspace_sync').select('state').executeTakeFirstOrThrow()).state).toBe(
      'running',
    );
    expect(await leaseHolder(db, 'sync:demo', Date.now() + 60_000)).toMatchObject({ owner: 'other' });
  });
});

describe('a failed sync backs off', () => {
  afterEach(async () => {
    vi.useRealTimers();
  });

  const failAccounts = (sim: Awaited<ReturnType<typeof fleetFixture>>['sim'], count?: number) =>
    sim.handleControl(
      new Request('http://sim.test/_control', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ rules: [{ kind: 'error', status: 500, path: '^/accounts$', count }] }),
      }),
    );

  it('is not restarted by table reads until its retry time, which doubles, and resets on success', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse('2026-11-27T10:00:00Z'));
    const { db, client, sim } = await fleetFixture();
    await failAccounts(sim);
    await (
      await startSync(db, 'demo', client)
    ).done;
    const first = await syncStatus(db, 'demo', 'Demo');
    expect(first.state).toBe('failed');
    expect(first.retryAt).toBe('2026-11-27T10:00:15.000Z');
    // What every table read asks: not before the retry time, then yes.
    expect(needsSync(first, 300_000, Date.parse('2026-11-27T10:00:14.999Z'))).toBe(false);
    expect(needsSync(first, 300_000, Date.parse('2026-11-27T10:00:15.000Z'))).toBe(true);

    vi.setSystemTime(Date.parse('2026-11-27T10:00:15Z'));
    await (
      await startSync(db, 'demo', client)
    ).done;
    expect((await syncStatus(db, 'demo', 'Demo')).retryAt).toBe('2026-11-27T10:00:45.000Z');

    await sim.handleControl(new Request('http://sim.test/_control', { method: 'DELETE' }));
    vi.setSystemTime(Date.parse('2026-11-27T10:00:45Z'));
    await (
      await startSync(db, 'demo', client)
    ).done;
    expect(await syncStatus(db, 'demo', 'Demo')).toMatchObject({ state: 'done', retryAt: null });
  });

  it("lets a person's Refresh try again, but not within 10 s of the last try", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse('2026-11-27T10:00:00Z'));
    const { db, client, sim } = await fleetFixture();
    expect(await mayRefreshOnRequest(db, 'demo')).toBe(true);
    await failAccounts(sim);
    await (
      await startSync(db, 'demo', client)
    ).done;
    expect(await mayRefreshOnRequest(db, 'demo')).toBe(false);
    vi.setSystemTime(Date.parse('2026-11-27T10:00:10Z'));
    expect(await mayRefreshOnRequest(db, 'demo')).toBe(true);
  });
});
