import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { accountFacets, queryAccountRows } from './account-query';
import { toRecord } from './account-record';
import { removeAccount, removeAccountsNotSeen, upsertAccounts } from './accounts-index';
import { type Db, openDb } from './db';
import { account } from './fleet-test-helpers';
import { sharedTestTarget, testDb } from './test-db';

const page = { sort: 'email' as const, order: 'asc' as const, offset: 0, limit: 100 };
const opened: Db[] = [];
const folders: string[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.destroy()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** Two handles on one database, as two instances of the dashboard behind a load balancer. */
async function twoProcesses(): Promise<[Db, Db]> {
  const target = sharedTestTarget();
  if ('sqlitePath' in target) folders.push(dirname(target.sqlitePath));
  const a = await openDb(target);
  opened.push(a);
  const b = await openDb(target);
  opened.push(b);
  return [a, b];
}

/** A row written behind the index's back (no version bump): shows whether an answer came from cache. */
async function sneakIn(db: Db, workspaceId: string, email: string) {
  await db
    .insertInto('accounts')
    .values(toRecord(account({ email, status: 1 }), workspaceId, '2026-01-01T00:00:00.000Z'))
    .execute();
}

async function versionOf(db: Db, workspaceId: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('index_versions')
    .select('version')
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return row === undefined ? undefined : Number(row.version);
}

describe('query cache, invalidated by the index version in the database', () => {
  it("goes stale in one process when another process writes that workspace's index", async () => {
    const [a, b] = await twoProcesses();
    await upsertAccounts(a, 'ws_a', [account({ email: 'ann@a.io', status: 1 })]);
    await upsertAccounts(a, 'ws_b', [account({ email: 'bea@b.io', status: 1 })]);
    const filters = { workspaceIds: ['ws_a'], status: [1] };
    expect((await queryAccountRows(a, filters, page)).total).toBe(1);
    expect((await accountFacets(a, filters, new Map())).total).toBe(1);

    // A row appears without a version bump: A keeps answering from its cache (it really caches)…
    await sneakIn(b, 'ws_a', 'sneaky@a.io');
    expect((await queryAccountRows(a, filters, page)).total).toBe(1);
    // …and a write to another workspace leaves A's view of ws_a cached too.
    await upsertAccounts(b, 'ws_b', [account({ email: 'bo@b.io', status: 1 })]);
    expect((await queryAccountRows(a, filters, page)).total).toBe(1);

    // B writes ws_a through the index: A's cached answers for ws_a are stale at once.
    await upsertAccounts(b, 'ws_a', [account({ email: 'cy@a.io', status: 1 })]);
    expect((await queryAccountRows(a, filters, page)).rows.map((r) => r.email)).toEqual([
      'ann@a.io',
      'cy@a.io',
      'sneaky@a.io',
    ]);
    expect((await accountFacets(a, filters, new Map())).total).toBe(3);

    await removeAccount(b, 'ws_a', 'ann@a.io');
    expect((await queryAccountRows(a, filters, page)).total).toBe(2);
    await removeAccountsNotSeen(b, 'ws_a', new Set(['cy@a.io']));
    expect((await queryAccountRows(a, filters, page)).rows.map((r) => r.email)).toEqual(['cy@a.io']);
  });

  it('bumps the version with every write to a workspace, and only when it wrote', async () => {
    const db = await testDb();
    opened.push(db);
    expect(await versionOf(db, 'ws_a')).toBeUndefined();
    await upsertAccounts(db, 'ws_a', [account({ email: 'ann@a.io' }), account({ email: 'bob@a.io' })]);
    expect(await versionOf(db, 'ws_a')).toBe(1);
    await upsertAccounts(db, 'ws_a', [account({ email: 'ann@a.io', daily_limit: 45 })]);
    expect(await versionOf(db, 'ws_a')).toBe(2);
    await removeAccount(db, 'ws_a', 'bob@a.io');
    expect(await versionOf(db, 'ws_a')).toBe(3);
    expect(await removeAccountsNotSeen(db, 'ws_a', new Set(['ann@a.io']))).toBe(0);
    expect(await versionOf(db, 'ws_a')).toBe(3);
    expect(await removeAccountsNotSeen(db, 'ws_a', new Set())).toBe(1);
    expect(await versionOf(db, 'ws_a')).toBe(4);
    expect(await versionOf(db, 'ws_b')).toBeUndefined();
  });

  it('an answer that changes nothing a row shows moves only its timestamps: same version, views stay cached', async () => {
    const db = await testDb();
    opened.push(db);
    const ann = account({ email: 'ann@a.io', status: 1, daily_limit: 40 });
    const at = (minute: number) => `2026-01-01T00:0${minute}:00.000Z`;
    const stamps = async () =>
      db
        .selectFrom('accounts')
        .select(['indexed_at', 'settings_read_at'])
        .where('email', '=', 'ann@a.io')
        .executeTakeFirstOrThrow();
    await upsertAccounts(db, 'ws_a', [ann], { now: at(1) });
    expect(await versionOf(db, 'ws_a')).toBe(1);
    const filters = { workspaceIds: ['ws_a'], status: [1] };
    expect((await queryAccountRows(db, filters, page)).total).toBe(1);

    // The same list row again (a quiet periodic sync): the view cached above is still the answer.
    await sneakIn(db, 'ws_a', 'sneaky@a.io');
    await upsertAccounts(db, 'ws_a', [ann], { now: at(2) });
    expect(await versionOf(db, 'ws_a')).toBe(1);
    expect(await stamps()).toEqual({ indexed_at: at(2), settings_read_at: null });
    expect((await queryAccountRows(db, filters, page)).total).toBe(1);

    // A first detail read says the settings are known now: the row shows that, so it is a change.
    await upsertAccounts(db, 'ws_a', [ann], { now: at(3), source: 'read' });
    expect(await versionOf(db, 'ws_a')).toBe(2);
    expect((await queryAccountRows(db, filters, page)).total).toBe(2);
    // The same detail again: only when it was read moves.
    await upsertAccounts(db, 'ws_a', [ann], { now: at(4), source: 'read' });
    expect(await versionOf(db, 'ws_a')).toBe(2);
    expect(await stamps()).toEqual({ indexed_at: at(4), settings_read_at: at(4) });
    // Any value that differs is written, with a new version.
    await upsertAccounts(db, 'ws_a', [{ ...ann, daily_limit: 41 }], { now: at(5), source: 'read' });
    expect(await versionOf(db, 'ws_a')).toBe(3);
    expect(
      (await queryAccountRows(db, filters, page)).rows.find((r) => r.email === 'ann@a.io')?.dailyLimit,
    ).toBe(41);
  });
});
