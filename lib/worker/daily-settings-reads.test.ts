import { describe, expect, it } from 'vitest';
import { accountsDueForSettingsRead, getIndexedAccount, indexedEmails } from '@/lib/store/accounts-index';
import { fleetFixture } from '@/lib/store/fleet-test-helpers';
import { settingsHistoryCount } from '@/lib/store/settings-history';
import { READS_PER_WRITE, runDailySettingsReads } from './daily-settings-reads';
import { startSync } from './sync';

const DAY = 86_400_000;

describe('the daily settings reads', () => {
  it('reads never-read accounts first, within the cap, and gives the index their warmup settings', async () => {
    const { db, client, clock, requests } = await fleetFixture();
    await (
      await startSync(db, 'demo', client)
    ).done;
    const emails = await indexedEmails(db, 'demo');
    // After a sync alone, no warmup limit is known and none has a history point.
    const first = emails[0]!;
    expect(await getIndexedAccount(db, 'demo', first)).toMatchObject({
      warmupLimit: null,
      settingsReadAt: null,
    });
    expect(await settingsHistoryCount(db, 'demo', first)).toBe(0);

    requests.length = 0;
    const run = await runDailySettingsReads(db, 'demo', client, clock.now(), 120);
    expect(run).toMatchObject({ due: 120, read: 120, failed: 0, stoppedBy: null });
    expect(requests).toHaveLength(120);
    expect(requests.every((r) => r.startsWith('GET /accounts/'))).toBe(true);
    const rows = await Promise.all(emails.map((e) => getIndexedAccount(db, 'demo', e)));
    const read = rows.filter((r) => r?.settingsReadAt !== null);
    expect(read).toHaveLength(120);
    expect(read.some((r) => typeof r?.warmupLimit === 'number')).toBe(true);
    expect(await settingsHistoryCount(db, 'demo', read[0]!.email)).toBe(1);

    // The next run the same day reads the rest first; read ones are not due again for a day.
    const second = await runDailySettingsReads(db, 'demo', client, clock.now(), 1_000);
    expect(second.due).toBe(emails.length - 120);
    expect((await runDailySettingsReads(db, 'demo', client, clock.now(), 1_000)).due).toBe(0);
    expect((await runDailySettingsReads(db, 'demo', client, clock.now() + DAY + 60_000, 50)).due).toBe(50);
  });

  it('stops at a failure every later read would meet (the key no longer works)', async () => {
    const { db, client, clock, sim } = await fleetFixture();
    await (
      await startSync(db, 'demo', client)
    ).done;
    await sim.handleControl(
      new Request('http://sim.test/_control', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ rules: [{ kind: 'error', status: 401, path: '^/accounts/' }] }),
      }),
    );
    const run = await runDailySettingsReads(db, 'demo', client, clock.now(), 50);
    expect(run).toMatchObject({ due: 50, read: 0, failed: 1 });
    expect(run.stoppedBy).not.toBeNull();
  });

  it('writes its reads in batches, so the cached views are not emptied at every read, and keeps them at a stop', async () => {
    const { db, client, clock, sim } = await fleetFixture();
    await (
      await startSync(db, 'demo', client)
    ).done;
    const version = async () =>
      (
        await db
          .selectFrom('index_versions')
          .select('version')
          .where('workspace_id', '=', 'demo')
          .executeTakeFirst()
      )?.version ?? 0;
    const before = await version();
    await runDailySettingsReads(db, 'demo', client, clock.now(), 2 * READS_PER_WRITE + 10);
    expect((await version()) - before).toBe(3);

    // The key stops working at the 30th account still due: the 29 read before it are in the index.
    const due = await accountsDueForSettingsRead(db, 'demo', new Date(clock.now() - DAY).toISOString(), 100);
    const failing = due[29]!;
    await sim.handleControl(
      new Request('http://sim.test/_control', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          rules: [{ kind: 'error', status: 401, path: `^/accounts/${encodeURIComponent(failing)}` }],
        }),
      }),
    );
    const run = await runDailySettingsReads(db, 'demo', client, clock.now(), 100);
    expect(run).toMatchObject({ read: 29, failed: 1 });
    const rows = await Promise.all(due.slice(0, 30).map((e) => getIndexedAccount(db, 'demo', e)));
    expect(rows.map((r) => r?.settingsReadAt !== null)).toEqual([...Array(29).fill(true), false]);
  });
});
