import { describe, expect, it } from 'vitest';
import { getIndexedRaw } from '@/lib/store/accounts-index';
import { settingWriters } from './bulk-outcomes';
import { getBulkAction } from '@/lib/store/bulk/reads';
import { type AccountSaveContext, saveAccountSettings } from './account-detail';
import { DEMO_VISITOR } from './auth/actor';
import { BulkRunner } from './bulk-runner';
import { fixture, keysWhere, warmupAction, perAccountAction } from './bulk-test-fixture';

// An action whose accounts a later write changed again names that write.

describe('an action whose accounts a later write changed again', () => {
  const detailOf = async (runner: BulkRunner, id: string) =>
    (await runner.detail(id, { workspaceIds: ['demo'], offset: 0, limit: 500 }))!;

  it('enable then disable on overlapping accounts: the first names the second for the shared ones', async () => {
    const f = await fixture({ jobSpeed: 10 });
    const all = await keysWhere(f.db);
    // Created a second apart: in one millisecond the order of the two would rest on their random ids.
    const first = await warmupAction(f.db, 'enable-warmup', all.slice(0, 50), f.clock.now());
    const second = await warmupAction(f.db, 'disable-warmup', all.slice(30, 60), f.clock.now() + 1000);
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
      actor: DEMO_VISITOR,
      db: f.db,
      workspace: { id: 'demo', label: 'Demo', kind: 'user' },
      client: f.demo,
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
