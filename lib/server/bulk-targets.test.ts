import { beforeEach, describe, expect, it } from 'vitest';
import { accountFiltersSchema } from '@/lib/schemas/api-accounts';
import type { AccountKey, BulkTarget } from '@/lib/schemas/api-bulk-actions';
import { upsertAccounts } from '@/lib/store/accounts-index';
import { batchesOf, getBulkAction } from '@/lib/store/bulk/reads';
import { testDb } from '@/lib/store/test-db';
import { account } from '@/lib/store/fleet-test-helpers';
import {
  createBulkActionForSession,
  planWarmupBatches,
  previewBulkTarget,
  resolveBulkTarget,
  upstreamFilterFor,
} from './bulk-targets';
import { DEMO_VISITOR } from './auth/actor';
import { ProblemError } from './problem';
import { resetProcessSingleton } from './singleton';
import { addVaultWorkspace } from './vault';
import { testAccess, testPerson } from './workspace-test-helpers';

// Two workspaces in the vault (Acme active, Globex), plus the demo the configuration adds.
let access: ReturnType<typeof testAccess>;

const filters = (raw: Record<string, string>) => accountFiltersSchema.parse(raw);
const filterTarget = (raw: Record<string, string>, excluded: AccountKey[] = []): BulkTarget => ({
  type: 'filter',
  filters: filters(raw),
  excluded,
});

async function fleet() {
  const db = await testDb();
  const acme = Array.from({ length: 150 }, (_, i) =>
    account({
      email: `a${String(i).padStart(3, '0')}@acme.io`,
      warmup_status: i % 3 === 0 ? 0 : 1,
      status: i % 10 === 0 ? 2 : 1,
      tags: i < 20 ? [{ id: 'tag-vip', label: 'VIP' }] : [],
    }),
  );
  const globex = Array.from({ length: 40 }, (_, i) =>
    account({ email: `g${i}@globex.io`, warmup_status: 0, tags: [] }),
  );
  await upsertAccounts(db, 'ws_acme', acme);
  await upsertAccounts(db, 'ws_globex', globex);
  const owner = testPerson('owner');
  const at = Date.parse('2026-08-01T00:00:00.000Z');
  await addVaultWorkspace(
    db,
    { id: 'ws_acme', name: 'Acme', label: 'Acme', apiKey: 'key_acme_0123456789' },
    owner,
    {
      now: at,
    },
  );
  await addVaultWorkspace(
    db,
    { id: 'ws_globex', name: 'Globex', label: 'Globex', apiKey: 'key_globex_0123456789' },
    owner,
    { now: at + 1 },
  );
  access = testAccess(db, owner, { activeChoice: 'ws_acme' });
  return db;
}

beforeEach(async () => {
  process.env.DEMO_WORKSPACE = '1';
  process.env.DASHBOARD_SECRET = 'bulk-targets-test-secret-0123456789abcdef';
  delete process.env.INSTANTLY_API_KEY;
  resetProcessSingleton('config');
  resetProcessSingleton('sealing-keys');
});

describe('mapping the table’s filters onto Instantly’s own', () => {
  it('maps only exact equivalents', async () => {
    expect(upstreamFilterFor(filters({}))).toBeNull();
    expect(upstreamFilterFor(filters({ tag: 'tag-vip' }))).toEqual({ tag_id: 'tag-vip' });
    expect(upstreamFilterFor(filters({ warmup: '1' }))).toEqual({ filter: 'ACC_FILTER_W_ACTIVE' });
    expect(upstreamFilterFor(filters({ warmup: '0' }))).toEqual({ filter: 'ACC_FILTER_W_PAUSED' });
    expect(upstreamFilterFor(filters({ status: '2' }))).toEqual({ filter: 'ACC_FILTER_PAUSED' });
    // Not exact: Instantly has no equivalent, or the combination would select something else.
    expect(upstreamFilterFor(filters({ status: '-1' }))).toBeUndefined();
    expect(upstreamFilterFor(filters({ warmup: '0,1' }))).toBeUndefined();
    expect(upstreamFilterFor(filters({ tag: 'a,b' }))).toBeUndefined();
    expect(upstreamFilterFor(filters({ tag: 'none' }))).toBeUndefined();
    expect(upstreamFilterFor(filters({ warmup: '1', tag: 'tag-vip' }))).toBeUndefined();
    expect(upstreamFilterFor(filters({ q: 'acme' }))).toBeUndefined();
    expect(upstreamFilterFor(filters({ provider: '2' }))).toBeUndefined();
    expect(upstreamFilterFor(filters({ domain: 'acme.io' }))).toBeUndefined();
    expect(upstreamFilterFor(filters({ error: 'no' }))).toBeUndefined();
  });
});

describe('resolving a bulk target', () => {
  it('explicit keys: deduplicated, only workspaces this browser holds', async () => {
    const db = await fleet();
    const resolved = await resolveBulkTarget(db, access, {
      type: 'keys',
      keys: [
        { workspaceId: 'ws_globex', email: 'g1@globex.io' },
        { workspaceId: 'ws_acme', email: 'a001@acme.io' },
        { workspaceId: 'ws_acme', email: 'A001@acme.io' },
      ],
    });
    expect(resolved.keys).toHaveLength(2);
    expect(resolved.workspaces.map((w) => w.id)).toEqual(['ws_acme', 'ws_globex']);
    expect(resolved.upstream).toBeNull();

    let caught: unknown;
    try {
      await resolveBulkTarget(db, access, {
        type: 'keys',
        keys: [{ workspaceId: 'ws_stranger', email: 'x@y.io' }],
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProblemError);
    expect((caught as ProblemError).problem).toMatchObject({ status: 404, type: 'workspace-not-found' });
  });

  it('a filter: the session’s scope, the index’s matches, minus the exclusions', async () => {
    const db = await fleet();
    const resolved = await resolveBulkTarget(
      db,
      access,
      filterTarget({ warmup: '0' }, [{ workspaceId: 'ws_acme', email: 'a000@acme.io' }]),
    );
    // Acme only (the active workspace): 50 with warmup off, one excluded.
    expect(resolved.keys).toHaveLength(49);
    expect(resolved.keys.every((k) => k.workspaceId === 'ws_acme')).toBe(true);
    expect(resolved.keys.some((k) => k.email === 'a000@acme.io')).toBe(false);
    expect(resolved.upstream).toEqual({
      workspaceId: 'ws_acme',
      filter: { filter: 'ACC_FILTER_W_PAUSED' },
      excluded: ['a000@acme.io'],
    });

    const everywhere = await resolveBulkTarget(db, access, filterTarget({ scope: 'all', warmup: '0' }));
    expect(everywhere.keys).toHaveLength(90);
    expect(everywhere.upstream).toBeNull();
  });

  it('"all matching" means the workspace the page showed, whatever the cookie says by then', async () => {
    const db = await fleet();
    // The cookie still says Acme (another tab may have switched it); the page showed Globex.
    const shown = await resolveBulkTarget(db, access, filterTarget({ warmup: '0' }), 'ws_globex');
    expect(shown.keys).toHaveLength(40);
    expect(shown.keys.every((k) => k.workspaceId === 'ws_globex')).toBe(true);
    expect(await previewBulkTarget(db, access, filterTarget({ warmup: '0' }), 'ws_globex')).toEqual({
      total: 40,
      workspaces: [{ workspaceId: 'ws_globex', label: 'Globex', count: 40 }],
    });
    const id = await createBulkActionForSession(
      db,
      access,
      { kind: 'pause', target: filterTarget({ warmup: '0' }) },
      DEMO_VISITOR,
      'ws_globex',
    );
    expect(await getBulkAction(db, id)).toMatchObject({ total: 40 });
    // A workspace this person may not see is refused, never read.
    await expect(resolveBulkTarget(db, access, filterTarget({ warmup: '0' }), 'ws_nobody')).rejects.toThrow(
      ProblemError,
    );
  });

  it('previews how many accounts in which workspaces', async () => {
    const db = await fleet();
    expect(await previewBulkTarget(db, access, filterTarget({ scope: 'all', warmup: '0' }))).toEqual({
      total: 90,
      workspaces: [
        { workspaceId: 'ws_acme', label: 'Acme', count: 50 },
        { workspaceId: 'ws_globex', label: 'Globex', count: 40 },
      ],
    });
    expect(await previewBulkTarget(db, access, filterTarget({ q: 'nobody-matches-this' }))).toEqual({
      total: 0,
      workspaces: [],
    });
  });
});

describe('planning warmup jobs', () => {
  it('one include_all_emails job for "all matching" in one workspace with a mappable filter', async () => {
    const db = await fleet();
    const batches = planWarmupBatches(await resolveBulkTarget(db, access, filterTarget({ tag: 'tag-vip' })));
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({
      workspaceId: 'ws_acme',
      allEmails: true,
      request: { include_all_emails: true, filter: { tag_id: 'tag-vip' } },
    });
    expect(batches[0]?.emails).toHaveLength(20);
    const everything = planWarmupBatches(await resolveBulkTarget(db, access, filterTarget({})));
    expect(everything[0]?.request).toEqual({ include_all_emails: true });
  });

  it('explicit jobs of at most 100 when the filter does not map or too many are excluded', async () => {
    const db = await fleet();
    const unmappable = planWarmupBatches(await resolveBulkTarget(db, access, filterTarget({ q: 'acme' })));
    expect(unmappable.map((b) => b.emails.length)).toEqual([100, 50]);
    expect(unmappable.every((b) => !b.allEmails && b.request.emails?.length === b.emails.length)).toBe(true);

    const excluded = Array.from({ length: 101 }, (_, i) => ({
      workspaceId: 'ws_acme',
      email: `a${String(i).padStart(3, '0')}@acme.io`,
    }));
    const tooManyExcluded = planWarmupBatches(
      await resolveBulkTarget(db, access, filterTarget({}, excluded)),
    );
    expect(tooManyExcluded.map((b) => b.emails.length)).toEqual([49]);
    expect(tooManyExcluded[0]?.allEmails).toBe(false);

    const twoWorkspaces = planWarmupBatches(
      await resolveBulkTarget(db, access, filterTarget({ scope: 'all' })),
    );
    expect(twoWorkspaces.map((b) => [b.workspaceId, b.emails.length])).toEqual([
      ['ws_acme', 100],
      ['ws_acme', 50],
      ['ws_globex', 40],
    ]);
    for (const batch of twoWorkspaces) expect(batch.request.emails!.length).toBeLessThanOrEqual(100);
  });
});

describe('creating from a request', () => {
  it('stores the planned action; refuses a selection that matches nothing', async () => {
    const db = await fleet();
    const id = await createBulkActionForSession(
      db,
      access,
      {
        kind: 'enable-warmup',
        target: filterTarget({ warmup: '0' }),
      },
      DEMO_VISITOR,
    );
    expect(await getBulkAction(db, id)).toMatchObject({
      total: 50,
      workspaces: [{ workspaceId: 'ws_acme', label: 'Acme', count: 50 }],
    });
    expect((await batchesOf(db, id)).map((b) => b.allEmails)).toEqual([true]);

    const limit = await createBulkActionForSession(
      db,
      access,
      {
        kind: 'set-daily-limit',
        dailyLimit: 40,
        target: { type: 'keys', keys: [{ workspaceId: 'ws_acme', email: 'a001@acme.io' }] },
      },
      DEMO_VISITOR,
    );
    expect(await getBulkAction(db, limit)).toMatchObject({
      params: { dailyLimit: 40 },
      title: 'Set daily limit to 40 · 1 account',
    });
    expect(await batchesOf(db, limit)).toEqual([]);

    await expect(
      createBulkActionForSession(
        db,
        access,
        {
          kind: 'pause',
          target: filterTarget({ q: 'nothing-at-all' }),
        },
        DEMO_VISITOR,
      ),
    ).rejects.toThrow(ProblemError);
  });
});
