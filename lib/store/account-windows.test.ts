import { CompiledQuery, type RootOperationNode } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_SORT_KEYS } from '@/lib/schemas/api-accounts';
import { upsertAccounts } from './accounts-index';
import { matchingAccountKeys, queryAccountRows } from './account-query';
import { connect } from './connect';
import { openDb } from './db';
import { account } from './fleet-test-helpers';
import { migrate } from './migrate';
import { migrations } from './migrations';
import { testDb } from './test-db';

// Windows of the fleet table are read in a sort index's order (migration 26), never by sorting every
// account in scope: checked on SQLite with EXPLAIN QUERY PLAN (PostgreSQL's planner picks by its own
// statistics), and by the same answers on an index migrated from an existing database.

const fleet = (workspaceId: string, n: number) =>
  Array.from({ length: n }, (_, i) =>
    account({
      email: `${i % 3 === 0 ? 'U' : 'u'}ser${i % 7}-${i}@${workspaceId}.io`,
      status: i % 5 === 0 ? -1 : 1,
      daily_limit: i % 6 === 0 ? null : (i % 4) * 10,
      stat_warmup_score: i % 9,
      tags: i % 4 === 0 ? [{ id: 't1', label: 'Client A' }] : [],
    }),
  );

describe('fleet table windows', () => {
  it('read in a sort index on SQLite for every sort and direction, with no sort of the rows in scope', async () => {
    // SQLite on purpose, whichever database the suite runs on: the plan is SQLite's.
    const plain = await openDb({ sqlitePath: ':memory:' });
    const nodes: RootOperationNode[] = [];
    const db = plain.withPlugin({
      transformQuery: (args) => {
        nodes.push(args.node);
        return args.node;
      },
      transformResult: (args) => Promise.resolve(args.result),
    });
    for (const ws of ['ws_a', 'ws_b']) await upsertAccounts(plain, ws, fleet(ws, 200));
    const filters = { workspaceIds: ['ws_a', 'ws_b'], status: [1] };
    for (const sort of ACCOUNT_SORT_KEYS) {
      for (const order of ['asc', 'desc'] as const) {
        nodes.length = 0;
        const window = await queryAccountRows(db, filters, { sort, order, offset: 150, limit: 40 });
        expect(window.rows.length).toBeGreaterThan(0);
        const windowStatements = nodes
          .map((node) => plain.getExecutor().compileQuery(node, { queryId: 'plan' }))
          .filter((c) => /order by/i.test(c.sql) && /limit/i.test(c.sql));
        expect(windowStatements.length, `${sort} ${order}`).toBeGreaterThan(0);
        for (const statement of windowStatements) {
          const { rows } = await plain.executeQuery<{ detail: string }>(
            CompiledQuery.raw(`EXPLAIN QUERY PLAN ${statement.sql}`, [...statement.parameters]),
          );
          const plan = rows.map((r) => r.detail).join(' | ');
          expect(plan, `${sort} ${order}`).toMatch(/USING COVERING INDEX accounts_order_/);
          expect(plan, `${sort} ${order}`).not.toMatch(/TEMP B-TREE/);
        }
      }
    }
    await plain.destroy();
  });

  it('give the same windows on a database migrated from before the sort indexes', async () => {
    const fresh = await testDb();
    // An existing index, written before migration 26, then migrated: on SQLite a database of its own;
    // on PostgreSQL the suite's own kind of schema.
    const older = process.env.TEST_DATABASE_URL
      ? await testDb()
      : await (async () => {
          const db = await connect({ sqlitePath: ':memory:' });
          await migrate(
            db,
            migrations.filter((m) => m.id < 26),
          );
          return db;
        })();
    for (const db of [fresh, older])
      for (const ws of ['ws_a', 'ws_b']) await upsertAccounts(db, ws, fleet(ws, 120));
    expect(await migrate(older)).toEqual(process.env.TEST_DATABASE_URL ? [] : [26]);
    const filters = { workspaceIds: ['ws_a', 'ws_b'] };
    for (const sort of ['dailyLimit', 'tags', 'name', 'error'] as const) {
      for (const order of ['asc', 'desc'] as const) {
        const windows = async (db: typeof fresh) => {
          const seen: string[] = [];
          for (let offset = 0; offset < 240; offset += 55) {
            const w = await queryAccountRows(db, filters, { sort, order, offset, limit: 55 });
            expect(w.total).toBe(240);
            seen.push(...w.rows.map((r) => `${r.workspaceId}:${r.email}`));
          }
          return seen;
        };
        const expected = (await matchingAccountKeys(fresh, filters, sort, order)).map(
          (k) => `${k.workspaceId}:${k.email}`,
        );
        expect(await windows(fresh)).toEqual(expected);
        expect(await windows(older)).toEqual(expected);
      }
    }
    await fresh.destroy();
    await older.destroy();
  });
});
