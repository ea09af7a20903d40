import { afterEach, describe, expect, it, vi } from 'vitest';
import { RateBudget } from '@/lib/instantly/rate-budget';
import { DEMO_KEY } from '@/lib/simulator/test-helpers';
import { countIndexed } from './accounts-index';
import { fleetFixture } from './fleet-test-helpers';
import { mayRefreshOnRequest, needsSync, startSync, syncStatus } from './sync';
import { rawSqlite } from './connect';

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
    rawSqlite(db)
      .prepare(
        "INSERT INTO workspace_sync (workspace_id, state, started_at) VALUES ('demo', 'running', '2026-01-01T00:00:00Z')",
      )
      .run();
    expect(await syncStatus(db, 'demo', 'Demo')).toMatchObject({
      state: 'failed',
      error: expect.stringContaining('interrupted'),
    });
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
