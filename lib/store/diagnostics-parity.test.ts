import { describe, expect, it } from 'vitest';
import type { TriageGroupId } from '@/lib/diagnostics/triage-groups';
import { accountSchema } from '@/lib/schemas/instantly-account';
import { generateWorkspace } from '@/lib/simulator/fleet-generator';
import { T0, demoSpec } from '@/lib/simulator/test-helpers';
import { upsertAccounts } from './accounts-index';
import { type Db, openDb } from './db';
import { type TriageScope, triageBoard, triageGroupAccounts } from './diagnostics-query';
import { testDb } from './test-db';

// The triage board is computed partly in SQL (which rows, per-domain totals, the fleet count) and
// partly here; PostgreSQL and SQLite must give exactly the same board for the same fleet. The
// reference is always SQLite; the subject is this run's database (PostgreSQL in the CI's second run).

/** 1,500 generated accounts in two workspaces, with some domains spread over both. */
const fleet = generateWorkspace(demoSpec({ seed: 7, accounts: 1500 }), T0).accounts.map((r) =>
  accountSchema.parse(r.json),
);
const [inA, inB] = [fleet.slice(0, 900), fleet.slice(900)];

async function indexed(db: Db): Promise<Db> {
  await upsertAccounts(db, 'ws_a', inA, { now: '2026-08-21T12:00:00.000Z' });
  await upsertAccounts(db, 'ws_b', inB, { now: '2026-08-21T12:00:00.000Z' });
  return db;
}

const labels = new Map([
  ['ws_a', 'Agency A'],
  ['ws_b', 'Client B'],
]);
const scopes: TriageScope[] = [
  { scope: 'active', workspaceIds: ['ws_a'], workspaceLabels: labels },
  { scope: 'all', workspaceIds: ['ws_a', 'ws_b'], workspaceLabels: labels },
];

describe(`the triage board on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'} and SQLite`, async () => {
  const [subject, reference] = await Promise.all([
    testDb().then(indexed),
    openDb({ sqlitePath: ':memory:' }).then(indexed),
  ]);

  it.each(scopes.map((s) => [s.workspaceIds.join(' + '), s] as const))(
    'is the same board over %s',
    async (_name, scope) => {
      const [got, want] = await Promise.all([triageBoard(subject, scope), triageBoard(reference, scope)]);
      expect(got).toEqual(want);
      // The fixture puts something on every part of the board, so equality compares real content.
      expect(want.fleetTotal).toBe(scope.workspaceIds.length === 1 ? inA.length : fleet.length);
      expect(want.total).toBeGreaterThan(100);
      expect(want.groups.length).toBeGreaterThan(8);
      expect(want.domainProblems.length).toBeGreaterThan(0);
      expect(want.groups.some((g) => g.target.excluded.length > 0)).toBe(true);
    },
  );

  it('pages every group the same way', async () => {
    const scope = scopes[1]!;
    const board = await triageBoard(reference, scope);
    for (const group of board.groups) {
      const page = { offset: 5, limit: 40 };
      const id = group.id as TriageGroupId;
      const [got, want] = await Promise.all([
        triageGroupAccounts(subject, scope, id, page),
        triageGroupAccounts(reference, scope, id, page),
      ]);
      expect(got, id).toEqual(want);
      expect(want.total, id).toBe(group.count);
    }
  });
});
