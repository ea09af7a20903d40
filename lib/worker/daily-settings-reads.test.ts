import { describe, expect, it } from 'vitest';
import { getIndexedAccount, indexedEmails } from '@/lib/store/accounts-index';
import { fleetFixture } from '@/lib/store/fleet-test-helpers';
import { settingsHistoryCount } from '@/lib/store/settings-history';
import { runDailySettingsReads } from './daily-settings-reads';
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
});
