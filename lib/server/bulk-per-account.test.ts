import { describe, expect, it } from 'vitest';
import { getIndexedRaw } from '@/lib/store/accounts-index';
import { auditForAccount } from '@/lib/store/audit-log';
import { fixture, keysWhere, perAccountAction, itemsOf } from './bulk-test-fixture';

// Per-account actions (pause, resume, daily limit, mark fixed): bounded concurrency, audit, reasons.

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
      dailyLimit: { old, new: 43 },
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
