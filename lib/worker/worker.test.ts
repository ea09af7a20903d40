import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { InstantlyClient } from '@/lib/instantly/client';
import { fixture, keysWhere, simClient, warmupAction, warmupPosts } from '@/lib/server/bulk-test-fixture';
import { BulkRunner } from '@/lib/server/bulk-runner';
import { createLogger } from '@/lib/server/log';
import { judgeHeartbeat } from '@/lib/server/worker-health';
import { DEMO_KEY, testClock } from '@/lib/simulator/test-helpers';
import { batchesOf, getBulkAction } from '@/lib/store/bulk/reads';
import { type Db, openDb } from '@/lib/store/db';
import { acquireLease, leaseHolder } from '@/lib/store/leases';
import { sharedTestTarget, testDb } from '@/lib/store/test-db';
import { latestBeatAt, recentBeats, slotsOf } from '@/lib/store/worker-state';
import { SYNC_TASK } from './slots';
import type { SyncResult } from './sync';
import { Worker, type WorkerWorkspace } from './worker';

// The worker's rules on a test clock: ticks are called directly, syncs are recorded instead of run
// (lib/worker/sync.ts has its own tests), bulk actions run against the in-process simulator.

const quiet = createLogger({ destination: new Writable({ write: (_c, _e, done) => done() }) });
const INTERVAL = 900_000;
const spaces: WorkerWorkspace[] = ['w1', 'w2', 'w3'].map((id) => ({ id, kind: 'user', label: id }));
const ok: SyncResult = { ok: true, accounts: 1, removed: 0, pages: 1, error: null };
const opened: Db[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.destroy()));
});

function makeWorker(
  db: Db,
  owner: string,
  now: () => number,
  syncs: Array<{ id: string; at: number; by: string }>,
  takes: (done: () => void) => void = (done) => done(),
) {
  return new Worker({
    db,
    owner,
    version: 'test',
    intervalMs: INTERVAL,
    now,
    workspaces: async () => spaces,
    clientFor: () => ({}) as InstantlyClient,
    engine: null,
    sync: (w) => {
      syncs.push({ id: w.id, at: now(), by: owner });
      return new Promise<SyncResult>((resolve) => takes(() => resolve(ok)));
    },
    log: quiet,
  });
}

describe('the scheduled sync', () => {
  it('syncs each workspace once per interval, the workspaces spread over it (not all at once)', async () => {
    const db = await testDb();
    const clock = testClock();
    const t0 = clock.now();
    const syncs: Array<{ id: string; at: number; by: string }> = [];
    const worker = makeWorker(db, 'solo', clock.now, syncs);
    for (let t = 0; t <= 2 * INTERVAL; t += 60_000) {
      clock.set(t0 + t);
      await worker.tick();
      await worker.settled();
    }
    expect(syncs.map((s) => [s.id, (s.at - t0) / 60_000])).toEqual([
      ['w1', 0],
      ['w2', 5],
      ['w3', 10],
      ['w1', 15],
      ['w2', 20],
      ['w3', 25],
      ['w1', 30],
    ]);
    const slots = await slotsOf(db, SYNC_TASK);
    expect(slots.map((s) => (s.next_at - t0) / 60_000)).toEqual([45, 35, 40]);
  });

  it('two workers on one database share the slots and never sync a workspace twice in an interval', async () => {
    const target = sharedTestTarget();
    const [a, b] = [await openDb(target), await openDb(target)];
    opened.push(a, b);
    const clock = testClock();
    const t0 = clock.now();
    const syncs: Array<{ id: string; at: number; by: string }> = [];
    // Each sync takes 6 minutes: while one worker is busy, the next slot (5 minutes on) goes to the other.
    const running: Array<{ until: number; done: () => void }> = [];
    const takes = (done: () => void) => running.push({ until: clock.now() + 6 * 60_000, done });
    const workers = [
      makeWorker(a, 'proc-a', clock.now, syncs, takes),
      makeWorker(b, 'proc-b', clock.now, syncs, takes),
    ];
    for (let t = 0; t <= 2 * INTERVAL; t += 30_000) {
      clock.set(t0 + t);
      for (const r of running.filter((x) => x.until <= clock.now())) r.done();
      await new Promise((r) => setTimeout(r, 0));
      // At the same moment, as two processes would.
      await Promise.all(workers.map((w) => w.tick()));
    }
    for (const r of running) r.done();
    await Promise.all(workers.map((w) => w.settled()));
    const perWorkspace = new Map<string, number[]>();
    for (const s of syncs) perWorkspace.set(s.id, [...(perWorkspace.get(s.id) ?? []), s.at - t0]);
    expect([...perWorkspace.keys()].sort()).toEqual(['w1', 'w2', 'w3']);
    for (const times of perWorkspace.values()) {
      for (let i = 1; i < times.length; i += 1)
        expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(INTERVAL);
    }
    expect(syncs).toHaveLength(7);
    expect(new Set(syncs.map((s) => s.by)).size).toBe(2);
  });
});

describe('heartbeats', () => {
  it('each tick beats; a clean stop removes the row and gives every lease of the process up', async () => {
    const db = await testDb();
    const worker = makeWorker(db, 'proc-x', Date.now, []);
    await worker.tick();
    const beat = await latestBeatAt(db);
    expect(beat).not.toBeNull();
    expect((await recentBeats(db, 0)).map((r) => [r.process_id, r.version])).toEqual([['proc-x', 'test']]);
    await acquireLease(db, 'sync:w1', 'proc-x', 60_000);
    await acquireLease(db, 'sync:w2', 'someone-else', 60_000);
    await worker.stop(0);
    expect(await recentBeats(db, 0)).toEqual([]);
    expect(await leaseHolder(db, 'sync:w1')).toBeNull();
    expect((await leaseHolder(db, 'sync:w2'))?.owner).toBe('someone-else');
  });

  it('a worker counts as not running once none has beaten for two intervals', () => {
    const now = 10_000_000;
    expect(judgeHeartbeat(null, now, INTERVAL).running).toBe(false);
    expect(judgeHeartbeat(now - 2 * INTERVAL, now, INTERVAL).running).toBe(true);
    expect(judgeHeartbeat(now - 2 * INTERVAL - 1, now, INTERVAL)).toEqual({
      running: false,
      lastBeatAt: now - 2 * INTERVAL - 1,
      staleAfterMs: 2 * INTERVAL,
    });
  });
});

describe('bulk actions in the worker', () => {
  it('picks up an action orphaned by a killed process and polls its job again instead of re-sending it', async () => {
    const f = await fixture({ jobSpeed: 5 });
    const keys = (await keysWhere(f.db)).slice(0, 150);
    const id = await warmupAction(f.db, 'enable-warmup', keys);
    // Process A sends the first job, then dies (SIGKILL: nothing released, nothing recorded).
    const a = f.makeRunner({ owner: 'killed', leaseTtlMs: 6000 });
    f.hook.current = async (request, forward) => {
      const response = await forward();
      if (request.method === 'POST' && /\/accounts\/warmup\//.test(new URL(request.url).pathname)) a.halt();
      return response;
    };
    await a.kick(id, f.clients);
    for (let i = 0; i < 400 && (await batchesOf(f.db, id))[0]?.state !== 'running'; i += 1)
      await new Promise((r) => setTimeout(r, 5));
    await a.settled(id);
    f.hook.current = null;
    expect((await batchesOf(f.db, id)).map((b) => b.state)).toEqual(['running', 'queued']);
    const sentByA = warmupPosts(f.seen).length;
    expect(sentByA).toBe(1);

    // The worker of a fresh process, with no browser anywhere, once A's lease lapsed.
    const seen: typeof f.seen = [];
    const engine = f.makeRunner({ owner: 'fresh', leaseTtlMs: 6000 });
    const worker = new Worker({
      db: f.db,
      owner: 'fresh',
      version: 'test',
      intervalMs: INTERVAL,
      now: f.clock.now,
      workspaces: async () => [{ id: 'demo', kind: 'demo', label: 'Demo' }],
      clientFor: () => simClient(f.sim, f.clock, DEMO_KEY, seen, { current: null }),
      engine,
      sync: async () => ok,
      log: quiet,
    });
    await worker.tick();
    expect(engine.isRunning(id)).toBe(false);
    f.clock.advance(6001);
    await worker.tick();
    await engine.settled(id);
    expect((await getBulkAction(f.db, id))?.status).toBe('done');
    // The job A sent was polled to its end; only the second batch was sent, by the worker.
    expect(warmupPosts(seen)).toHaveLength(1);
    expect(seen.some((s) => s.method === 'GET' && s.path.startsWith('/background-jobs/'))).toBe(true);
    const emails = [...warmupPosts(f.seen), ...warmupPosts(seen)].flatMap(
      (p) => (p.body as { emails: string[] }).emails,
    );
    expect(emails).toHaveLength(150);
    expect(new Set(emails).size).toBe(150);
    expect(engine).toBeInstanceOf(BulkRunner);
  });
});

describe('every-tick tasks', () => {
  it('run on every tick, never twice at once, and a failure does not stop the next tick', async () => {
    const db = await testDb();
    const clock = testClock();
    const runs: number[] = [];
    let release: () => void = () => undefined;
    let failNext = false;
    const worker = new Worker({
      db,
      owner: 'solo',
      version: 'test',
      intervalMs: INTERVAL,
      now: clock.now,
      workspaces: async () => [],
      clientFor: () => ({}) as InstantlyClient,
      engine: null,
      sync: async () => ok,
      everyTick: [
        {
          name: 'deliveries',
          run: (now) => {
            runs.push(now);
            if (failNext) return Promise.reject(new Error('receiver away'));
            return new Promise<void>((resolve) => {
              release = resolve;
            });
          },
        },
      ],
      log: quiet,
    });
    await worker.tick();
    clock.set(clock.now() + 1000);
    await worker.tick();
    expect(runs).toHaveLength(1);
    release();
    await worker.settled();
    failNext = true;
    await worker.tick();
    await worker.settled();
    failNext = false;
    await worker.tick();
    expect(runs).toHaveLength(3);
    release();
    await worker.settled();
  });
});
