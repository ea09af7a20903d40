import { describe, expect, it } from 'vitest';
import { FACET_KEYS, type FacetKey } from '@/lib/schemas/api-accounts';
import { removeAccount, upsertAccounts } from './accounts-index';
import type { IndexFilters } from './account-clauses';
import { accountFacets, queryAccountRows } from './account-query';
import { account } from './fleet-test-helpers';
import { testDb } from './test-db';

// Facet counts are taken from columns kept in memory (facet-columns.ts), rows from SQL clauses
// (account-clauses.ts): two readings of one set of filters. Here they must agree on every count.

const messages = [
  undefined,
  { code: 'EAUTH', command: 'AUTH XOAUTH2', e_message: "error: can't create new access token for user" },
  {
    code: 'EENVELOPE',
    command: 'DATA',
    response: '550-5.4.5 Daily user sending limit exceeded.',
    responseCode: 550,
  },
];
const tags = [
  [],
  [{ id: 't1', label: 'Client A' }],
  [{ id: 't2', label: 'Client B' }],
  [
    { id: 't1', label: 'Client A' },
    { id: 't2', label: 'Client B' },
  ],
];

const fleet = (workspaceId: string, n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => {
    const k = i * 7 + seed;
    return account({
      email: `${['ann', 'bob', 'cy', 'dee'][k % 4]}${i}@${['alpha.io', 'Beta.co', 'gamma.dev'][k % 3]}`,
      first_name: ['Ann', 'Bob', 'Cy'][k % 3],
      status: ([1, -1, 2, -3, null] as const)[k % 5],
      warmup_status: ([1, 0, -1, null] as const)[(k >> 1) % 4],
      provider_code: ([2, 3, null] as const)[(k >> 2) % 3],
      status_message: messages[k % 3],
      tags: tags[(k >> 1) % 4],
    });
  });

/** The filter that ticks one value of a facet, alone. */
function tick(facet: FacetKey, value: string): Partial<IndexFilters> {
  switch (facet) {
    case 'workspace':
      return { ws: [value] };
    case 'error':
      return { error: value as 'yes' | 'no' };
    case 'status':
    case 'warmup':
    case 'provider':
      return { [facet]: [Number(value)] };
    default:
      return { [facet]: [value] };
  }
}

const workspaceIds = ['ws_a', 'ws_b', 'ws_c'];
const variants: Array<Omit<IndexFilters, 'workspaceIds'>> = [
  {},
  { status: [1] },
  { status: [1, -1], warmup: [0] },
  { warmup: [1], provider: [3] },
  { ws: ['ws_b'], error: 'yes' },
  { cause: ['none'] },
  { cause: ['oauth-token-revoked', 'none'], tag: ['t2'] },
  { tag: ['none'] },
  { tag: ['t1', 'none'], status: [2] },
  { domain: ['BETA.CO'], q: 'bob' },
  { q: 'ann', error: 'no', ws: ['ws_a', 'ws_c'] },
  { q: 'nobody' },
];

describe('facet counts', () => {
  it('agree with the row query: each value counts the rows its tick alone would bring', async () => {
    const db = await testDb();
    for (const [i, id] of workspaceIds.entries()) await upsertAccounts(db, id, fleet(id, 60, i));
    const page = { sort: 'email' as const, order: 'asc' as const, offset: 0, limit: 1 };
    const rowsTotal = async (filters: IndexFilters) => (await queryAccountRows(db, filters, page)).total;

    for (const variant of variants) {
      const filters: IndexFilters = { workspaceIds, ...variant };
      const { total, facets } = await accountFacets(db, filters, new Map());
      expect(total, JSON.stringify(variant)).toBe(await rowsTotal(filters));
      for (const facet of FACET_KEYS) {
        for (const { value, count } of facets[facet]) {
          const ticked = { ...filters, ...tick(facet, value) };
          expect(count, `${JSON.stringify(variant)} ${facet}=${value}`).toBe(await rowsTotal(ticked));
        }
      }
      // No value is missing: the facets that every account has a value of add up to the rows
      // without their own filter.
      for (const [facet, own] of [
        ['workspace', 'ws'],
        ['cause', 'cause'],
        ['error', 'error'],
        ['domain', 'domain'],
      ] as const) {
        const without: IndexFilters = { ...filters, [own]: undefined };
        const sum = facets[facet].reduce((s, f) => s + f.count, 0);
        expect(sum, `${JSON.stringify(variant)} ${facet}`).toBe(await rowsTotal(without));
      }
    }
  });

  it('see a change to any workspace at once: new accounts, new tags, removed accounts', async () => {
    const db = await testDb();
    for (const [i, id] of workspaceIds.entries()) await upsertAccounts(db, id, fleet(id, 30, i));
    const filters: IndexFilters = { workspaceIds, status: [1] };
    const before = await accountFacets(db, filters, new Map());
    await upsertAccounts(db, 'ws_b', [
      account({ email: 'new@alpha.io', status: 1, tags: [{ id: 't9', label: 'Fresh' }] }),
    ]);
    const after = await accountFacets(db, filters, new Map());
    expect(after.total).toBe(before.total + 1);
    expect(after.facets.tag.find((t) => t.value === 't9')).toEqual({ value: 't9', label: 'Fresh', count: 1 });
    await removeAccount(db, 'ws_b', 'new@alpha.io');
    expect((await accountFacets(db, filters, new Map())).total).toBe(before.total);
  });
});
