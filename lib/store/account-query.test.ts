import { describe, expect, it } from 'vitest';
import { removeAccount, upsertAccounts } from './accounts-index';
import {
  accountFacets,
  iterateAccountRows,
  matchingAccountKeys,
  queryAccountRows,
} from './account-query';
import type { IndexFilters } from './account-clauses';
import { testDb } from './test-db';
import { messagelessError } from '@/lib/diagnostics/triage-groups';
import { account } from './fleet-test-helpers';
import { ACCOUNT_SORT_KEYS } from '@/lib/schemas/api-accounts';

const eauth = {
  code: 'EAUTH',
  command: 'AUTH XOAUTH2',
  e_message: "error: can't create new access token for user",
};
const quota = {
  code: 'EENVELOPE',
  command: 'DATA',
  response: '550-5.4.5 Daily user sending limit exceeded.',
  responseCode: 550,
};

async function seeded() {
  const db = await testDb();
  await upsertAccounts(db, 'ws_a', [
    account({
      email: 'ann@alpha.io',
      first_name: 'Ann',
      status: 1,
      warmup_status: 1,
      provider_code: 2,
      stat_warmup_score: 95,
      daily_limit: 40,
      tags: [{ id: 't1', label: 'Client A' }],
    }),
    account({
      email: 'bob@alpha.io',
      first_name: 'Bob',
      status: -1,
      warmup_status: 1,
      provider_code: 2,
      stat_warmup_score: 100,
      daily_limit: null,
      status_message: eauth,
      autofix_failed: true,
      tags: [],
    }),
    account({
      email: 'cy@beta.co',
      first_name: 'Cy',
      status: -3,
      warmup_status: 0,
      provider_code: 3,
      stat_warmup_score: 40,
      daily_limit: 80,
      status_message: quota,
      tags: [
        { id: 't1', label: 'Client A' },
        { id: 't2', label: 'Q4' },
      ],
    }),
    account({
      email: 'dee@beta.co',
      first_name: 'Dee',
      status: 2,
      warmup_status: 0,
      provider_code: 1,
      stat_warmup_score: null,
      daily_limit: 20,
      tags: [],
    }),
  ]);
  await upsertAccounts(db, 'ws_b', [
    account({
      email: 'ann@alpha.io',
      first_name: 'Ann',
      status: 1,
      warmup_status: -1,
      provider_code: 3,
      stat_warmup_score: 10,
      daily_limit: 60,
      tags: [{ id: 't9', label: 'Other' }],
    }),
  ]);
  return db;
}

const page = { sort: 'email' as const, order: 'asc' as const, offset: 0, limit: 100 };
const emails = (rows: Array<{ email: string; workspaceId: string }>) =>
  rows.map((r) => `${r.workspaceId}:${r.email}`);

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

describe('fleet index queries', () => {
  it('searches email, name and domain, case-insensitively', async () => {
    const db = await seeded();
    expect(emails((await queryAccountRows(db, { workspaceIds: ['ws_a'], q: 'BETA' }, page)).rows)).toEqual([
      'ws_a:cy@beta.co',
      'ws_a:dee@beta.co',
    ]);
    expect(emails((await queryAccountRows(db, { workspaceIds: ['ws_a'], q: 'bob' }, page)).rows)).toEqual([
      'ws_a:bob@alpha.io',
    ]);
  });

  it('filters by status, warmup, provider, tag, domain, error and cause, combined with AND', async () => {
    const db = await seeded();
    const q = async (f: object) =>
      emails((await queryAccountRows(db, { workspaceIds: ['ws_a'], ...f }, page)).rows);
    expect(await q({ status: [-1, -3] })).toEqual(['ws_a:bob@alpha.io', 'ws_a:cy@beta.co']);
    expect(await q({ warmup: [0], provider: [3] })).toEqual(['ws_a:cy@beta.co']);
    expect(await q({ tag: ['t1'] })).toEqual(['ws_a:ann@alpha.io', 'ws_a:cy@beta.co']);
    expect(await q({ tag: ['none'] })).toEqual(['ws_a:bob@alpha.io', 'ws_a:dee@beta.co']);
    expect(await q({ domain: ['ALPHA.io'] })).toEqual(['ws_a:ann@alpha.io', 'ws_a:bob@alpha.io']);
    expect(await q({ error: 'yes' })).toEqual(['ws_a:bob@alpha.io', 'ws_a:cy@beta.co']);
    expect(await q({ cause: ['oauth-token-revoked'] })).toEqual(['ws_a:bob@alpha.io']);
    expect(await q({ cause: ['daily-sending-limit', 'none'] })).toEqual([
      'ws_a:ann@alpha.io',
      'ws_a:cy@beta.co',
      'ws_a:dee@beta.co',
    ]);
  });

  it('covers several workspaces and tells the same email apart', async () => {
    const db = await seeded();
    const result = await queryAccountRows(db, { workspaceIds: ['ws_a', 'ws_b'], q: 'ann' }, page);
    expect(result.total).toBe(2);
    expect(emails(result.rows)).toEqual(['ws_a:ann@alpha.io', 'ws_b:ann@alpha.io']);
    expect(await queryAccountRows(db, { workspaceIds: [] }, page)).toEqual({ rows: [], total: 0 });
  });

  it('sorts any column with empty values last in both directions, and pages by offset', async () => {
    const db = await seeded();
    const sorted = async (sort: 'warmupScore' | 'dailyLimit' | 'error' | 'name', order: 'asc' | 'desc') =>
      (await queryAccountRows(db, { workspaceIds: ['ws_a'] }, { ...page, sort, order })).rows.map(
        (r) => r.email,
      );
    expect(await sorted('warmupScore', 'desc')).toEqual([
      'bob@alpha.io',
      'ann@alpha.io',
      'cy@beta.co',
      'dee@beta.co',
    ]);
    expect(await sorted('warmupScore', 'asc')).toEqual([
      'cy@beta.co',
      'ann@alpha.io',
      'bob@alpha.io',
      'dee@beta.co',
    ]);
    expect(await sorted('dailyLimit', 'asc')).toEqual([
      'dee@beta.co',
      'ann@alpha.io',
      'cy@beta.co',
      'bob@alpha.io',
    ]);
    expect(await sorted('name', 'desc')).toEqual([
      'dee@beta.co',
      'cy@beta.co',
      'bob@alpha.io',
      'ann@alpha.io',
    ]);
    // Most severe error first.
    expect((await sorted('error', 'asc'))[0]).toBe('bob@alpha.io');
    const second = await queryAccountRows(db, { workspaceIds: ['ws_a'] }, { ...page, offset: 1, limit: 2 });
    expect(second.total).toBe(4);
    expect(second.rows.map((r) => r.email)).toEqual(['bob@alpha.io', 'cy@beta.co']);
  });

  it('sorts by email case-insensitively, both ways, capitals only breaking exact ties (descending is ascending reversed)', async () => {
    const db = await testDb();
    await upsertAccounts(
      db,
      'ws_a',
      [
        'bob@alpha.io',
        'Carol@alpha.io',
        'alice@alpha.io',
        'Bob@alpha.io',
        'Zed@alpha.io',
        'dan@alpha.io',
      ].map((email) => account({ email })),
    );
    const sorted = async (order: 'asc' | 'desc') =>
      (await queryAccountRows(db, { workspaceIds: ['ws_a'] }, { ...page, order })).rows.map((r) => r.email);
    expect(await sorted('asc')).toEqual([
      'alice@alpha.io',
      'Bob@alpha.io',
      'bob@alpha.io',
      'Carol@alpha.io',
      'dan@alpha.io',
      'Zed@alpha.io',
    ]);
    expect(await sorted('desc')).toEqual([
      'Zed@alpha.io',
      'dan@alpha.io',
      'Carol@alpha.io',
      'bob@alpha.io',
      'Bob@alpha.io',
      'alice@alpha.io',
    ]);
    expect((await matchingAccountKeys(db, { workspaceIds: ['ws_a'] })).map((k) => k.email)).toEqual(
      await sorted('asc'),
    );
  });

  it('counts under "Has an error" exactly the rows whose Error cell names a trouble', async () => {
    const db = await testDb();
    await upsertAccounts(db, 'ws_a', [
      account({ email: 'fine@a.io', status: 1, warmup_status: 1 }),
      account({ email: 'spamfolder@a.io', status: 1, warmup_status: -2 }),
      account({ email: 'banned@a.io', status: 1, warmup_status: -1 }),
      account({ email: 'bare@a.io', status: -1, warmup_status: 1 }),
      account({ email: 'future@a.io', status: 1, warmup_status: -7 }),
      account({ email: 'revoked@a.io', status: -1, warmup_status: 1, status_message: eauth }),
      account({ email: 'paused@a.io', status: 2, warmup_status: 0 }),
    ]);
    const facets = await accountFacets(db, { workspaceIds: ['ws_a'] }, new Map([['ws_a', 'A']]));
    const counted = facets.facets.error.find((f) => f.value === 'yes')?.count;
    const rows = (await queryAccountRows(db, { workspaceIds: ['ws_a'] }, page)).rows;
    // The Error column shows the diagnosed cause, or else names the messageless error state.
    const shown = rows.filter((r) => r.errorCause !== null || messagelessError(r.status, r.warmupStatus));
    expect(counted).toBe(5);
    expect(shown.map((r) => r.email).sort()).toEqual(
      (await queryAccountRows(db, { workspaceIds: ['ws_a'], error: 'yes' }, page)).rows
        .map((r) => r.email)
        .sort(),
    );
    expect(shown).toHaveLength(5);
  });

  it('serves rows with the diagnosis computed at index time', async () => {
    const db = await seeded();
    const [bob] = (await queryAccountRows(db, { workspaceIds: ['ws_a'], q: 'bob' }, page)).rows;
    expect(bob).toMatchObject({
      errorCause: 'oauth-token-revoked',
      autofixFailed: true,
      status: -1,
      dailyLimit: null,
      tags: [],
    });
    expect(bob!.statusMessage).toEqual(eauth);
  });

  it('counts each facet under the other filters only', async () => {
    const db = await seeded();
    const { total, facets } = await accountFacets(
      db,
      { workspaceIds: ['ws_a', 'ws_b'], status: [1] },
      new Map([['ws_a', 'Alpha']]),
    );
    expect(total).toBe(2);
    // The status facet ignores the status filter itself: every status stays visible with its count.
    expect(Object.fromEntries(facets.status.map((f) => [f.label, f.count]))).toEqual({
      Active: 2,
      'Connection error': 1,
      'Sending error': 1,
      Paused: 1,
    });
    // Other facets are narrowed by status=1.
    expect(Object.fromEntries(facets.workspace.map((f) => [f.label, f.count]))).toEqual({
      Alpha: 1,
      ws_b: 1,
    });
    expect(facets.tag.map((t) => [t.label, t.count])).toEqual([
      ['Client A', 1],
      ['Other', 1],
    ]);
    // Ties are ordered by their label: "Has an error" before "No error".
    expect(facets.error.map((e) => [e.value, e.count])).toEqual([
      ['yes', 1],
      ['no', 1],
    ]);
  });

  it('counts every workspace in scope under the Workspace filter, so a second one can be ticked', async () => {
    const db = await seeded();
    const filters = { workspaceIds: ['ws_a', 'ws_b'], ws: ['ws_b'] };
    const { total, facets } = await accountFacets(db, filters, new Map([['ws_a', 'Alpha']]));
    expect(total).toBe(1);
    expect(Object.fromEntries(facets.workspace.map((f) => [f.label, f.count]))).toEqual({
      Alpha: 4,
      ws_b: 1,
    });
    expect(Object.fromEntries(facets.status.map((f) => [f.label, f.count]))).toEqual({ Active: 1 });
    expect(emails((await queryAccountRows(db, filters, page)).rows)).toEqual(['ws_b:ann@alpha.io']);
    const both = await queryAccountRows(db, { ...filters, ws: ['ws_a', 'ws_b'] }, page);
    expect(both.total).toBe(5);
  });

  it('lists every matching account for "select all" and streams them for the CSV in table order', async () => {
    const db = await seeded();
    const filters = { workspaceIds: ['ws_a'], error: 'yes' as const };
    expect(await matchingAccountKeys(db, filters)).toEqual([
      { workspaceId: 'ws_a', email: 'bob@alpha.io' },
      { workspaceId: 'ws_a', email: 'cy@beta.co' },
    ]);
    expect(
      (await collect(await iterateAccountRows(db, filters, 'email', 'desc'))).map((r) => r.email),
    ).toEqual(['cy@beta.co', 'bob@alpha.io']);
  });

  it('counts filters of the same shape with their own values', async () => {
    const db = await seeded();
    const variants: IndexFilters[] = [
      { workspaceIds: ['ws_a'], status: [1] },
      { workspaceIds: ['ws_a'], status: [-1] },
      { workspaceIds: ['ws_b'], status: [1] },
      { workspaceIds: ['ws_a'], q: 'bob' },
      { workspaceIds: ['ws_a'], q: 'alpha' },
      { workspaceIds: ['ws_a', 'ws_b'], q: 'ann', error: 'no' },
      { workspaceIds: ['ws_a', 'ws_b'], q: 'cy', error: 'yes' },
    ];
    const totals: number[] = [];
    for (const filters of variants) {
      const { total, facets } = await accountFacets(db, filters, new Map());
      // The row query reads the table, the facets their own columns: the two must agree on every variant.
      expect(total).toBe((await queryAccountRows(db, filters, page)).total);
      const { status: _status, ...others } = filters;
      expect(facets.status.reduce((sum, f) => sum + f.count, 0)).toBe(
        (await queryAccountRows(db, others, page)).total,
      );
      // The Error facet ignores its own filter: each count is the rows under the rest plus that value.
      for (const value of ['yes', 'no'] as const) {
        expect(facets.error.find((f) => f.value === value)?.count ?? 0).toBe(
          (await queryAccountRows(db, { ...filters, error: value }, page)).total,
        );
      }
      totals.push(total);
    }
    expect(totals).toEqual([1, 1, 1, 1, 2, 1, 1]);
  });

  it('answers from the cache only until the index changes', async () => {
    const db = await seeded();
    const filters = { workspaceIds: ['ws_a'], status: [1] };
    expect((await queryAccountRows(db, filters, page)).total).toBe(1);
    expect((await accountFacets(db, filters, new Map())).total).toBe(1);
    await upsertAccounts(db, 'ws_a', [account({ email: 'new@alpha.io', status: 1 })]);
    expect(emails((await queryAccountRows(db, filters, page)).rows)).toEqual([
      'ws_a:ann@alpha.io',
      'ws_a:new@alpha.io',
    ]);
    expect((await accountFacets(db, filters, new Map())).total).toBe(2);
    await removeAccount(db, 'ws_a', 'ann@alpha.io');
    expect(emails((await queryAccountRows(db, filters, page)).rows)).toEqual(['ws_a:new@alpha.io']);
  });

  it('pages every sort in both directions: windows at every offset add up to the whole order, totals stable', async () => {
    const db = await testDb();
    // Few distinct values, some empty, two workspaces and mixed-case emails: every tie-breaker counts.
    const size = 450;
    for (const workspaceId of ['ws_a', 'ws_b']) {
      await upsertAccounts(
        db,
        workspaceId,
        Array.from({ length: size / 2 }, (_, i) =>
          account({
            email: `${i % 3 === 0 ? 'U' : 'u'}ser${i % 7}-${i}@x${i % 4}.io`,
            status: i % 5 === 0 ? -1 : 1,
            daily_limit: i % 6 === 0 ? null : (i % 4) * 10,
            stat_warmup_score: i % 9,
          }),
        ),
      );
    }
    const filters = { workspaceIds: ['ws_a', 'ws_b'], status: [1] };
    for (const sort of ACCOUNT_SORT_KEYS) {
      for (const order of ['asc', 'desc'] as const) {
        // Top to bottom in windows of an odd size (so some straddle the filled and the empty values of
        // a column), twice: the second pass answers from what the first left cached.
        const pass = async () => {
          const seen: string[] = [];
          let total = 0;
          for (let offset = 0; offset === 0 || offset < total; offset += 37) {
            const window = await queryAccountRows(db, filters, { sort, order, offset, limit: 37 });
            total = window.total;
            seen.push(...emails(window.rows));
          }
          return { seen, total };
        };
        const first = await pass();
        const all = (await matchingAccountKeys(db, filters, sort, order)).map(
          (k) => `${k.workspaceId}:${k.email}`,
        );
        expect(all.length).toBeGreaterThan(300);
        expect(first).toEqual({ seen: all, total: all.length });
        expect(await pass()).toEqual({ seen: all, total: all.length });
      }
    }
    const past = await queryAccountRows(db, filters, { ...page, offset: 250, limit: 50 });
    const afterEnd = await queryAccountRows(
      db,
      { ...filters, status: [-1] },
      { ...page, offset: 200, limit: 50 },
    );
    expect(past.rows).toHaveLength(50);
    expect(afterEnd).toEqual({ rows: [], total: 90 });
  });

  it('keeps the indexed tags when an answer carries none (a single-account read)', async () => {
    const db = await seeded();
    await upsertAccounts(db, 'ws_a', [
      account({ email: 'ann@alpha.io', first_name: 'Ann', daily_limit: 45 }),
    ]);
    const [ann] = (await queryAccountRows(db, { workspaceIds: ['ws_a'], q: 'ann' }, page)).rows;
    expect(ann).toMatchObject({ dailyLimit: 45, tags: [{ id: 't1', label: 'Client A' }] });
  });
});
