import { describe, expect, it } from 'vitest';
import { markBatchStarting } from '@/lib/store/bulk/batches';
import { setItemState } from '@/lib/store/bulk/items';
import { DEMO_KEY } from '@/lib/simulator/test-helpers';
import { auditForBulkAction, auditAccounts } from '@/lib/store/audit-log';
import { batchesOf } from '@/lib/store/bulk/reads';
import { leaseHolder } from '@/lib/store/leases';
import {
  fixture,
  simClient,
  keysWhere,
  warmupAction,
  perAccountAction,
  warmupPosts,
} from './bulk-test-fixture';

// Resume after a restart or a killed process: the upstream job is polled again, never sent again.

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
    const bClients = new Map([['demo', simClient(f.sim, f.clock, DEMO_KEY, bSeen, { current: null })]]);
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
});
