import { describe, expect, it } from 'vitest';
import { getBulkAction } from '@/lib/store/bulk/reads';
import { acquireLease } from '@/lib/store/leases';
import { BulkRunner, WORKER_NOT_RUNNING } from './bulk-runner';
import { fixture, keysWhere, warmupAction, perAccountAction, warmupPosts } from './bulk-test-fixture';

// What the job centre says about an unfinished action, and how the engine takes kicks.

describe('why an unfinished action waits', () => {
  it('says the worker is not running when no worker beats, and nothing when one does', async () => {
    const f = await fixture();
    const id = await perAccountAction(f.db, 'pause', (await keysWhere(f.db, { status: [1] })).slice(0, 2));
    let beating = false;
    const runner = f.makeRunner({ workerRunning: async () => beating });
    expect(await runner.summary(id)).toMatchObject({ status: 'running', waitingFor: WORKER_NOT_RUNNING });
    const [listed] = await runner.list({ workspaceIds: ['demo'], active: true });
    expect(listed?.waitingFor).toBe(WORKER_NOT_RUNNING);
    beating = true;
    expect((await runner.summary(id))?.waitingFor).toBeNull();
    await runner.kick(id, f.clients);
    await runner.settled(id);
    // A finished action waits for nothing, worker or not.
    beating = false;
    expect(await runner.summary(id)).toMatchObject({ status: 'done', waitingFor: null });
  });

  it('work in a workspace the server holds no key for waits, says which, and goes on once one is there', async () => {
    const f = await fixture({ two: true });
    const keys = [
      ...(await keysWhere(f.db)).slice(0, 3),
      ...(await keysWhere(f.db, {}, ['acme'])).slice(0, 2),
    ];
    const id = await perAccountAction(f.db, 'pause', keys);
    let held = ['demo'];
    const runner = f.makeRunner({ workerWorkspaceIds: async () => held });
    await runner.kick(id, new Map([['demo', f.demo]]));
    await runner.settled(id);
    expect(await runner.summary(id)).toMatchObject({
      status: 'running',
      waitingFor: 'The server holds no key for Acme: add it in Settings',
      counts: { done: 3, pending: 2 },
    });
    expect(runner.isRunning(id)).toBe(false);

    held = ['demo', 'acme'];
    await runner.kick(id, f.clients);
    await runner.settled(id);
    expect(await runner.summary(id)).toMatchObject({
      status: 'done',
      waitingFor: null,
      counts: { done: 5, pending: 0 },
    });
  });

  it('an action that stopped for want of a key rests before the next tick tries it again', async () => {
    const f = await fixture({ two: true });
    const id = await perAccountAction(f.db, 'pause', (await keysWhere(f.db, {}, ['acme'])).slice(0, 1));
    const runner = f.makeRunner({ restMs: 30_000 });
    // A tick with a revoked key: the loop drops it and stops, the account stays pending.
    f.hook.current = async () =>
      new Response(JSON.stringify({ message: 'Unauthorized' }), {
        status: 401,
        headers: { 'Content-Type': 'application/json' },
      });
    await runner.kick(id, f.clients);
    await runner.settled(id);
    const tried = f.seen.length;
    expect(tried).toBeGreaterThan(0);
    expect((await runner.summary(id))?.counts.pending).toBe(1);
    // The next ticks leave it alone for a while instead of trying the refused key every few seconds.
    f.hook.current = null;
    await runner.kick(id, f.clients);
    expect(runner.isRunning(id)).toBe(false);
    expect(f.seen.length).toBe(tried);
    f.clock.advance(30_001);
    await runner.kick(id, f.clients);
    await runner.settled(id);
    expect((await runner.summary(id))?.status).toBe('done');
  });
});

describe('kicks', () => {
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

describe('the job-tray poll', () => {
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
