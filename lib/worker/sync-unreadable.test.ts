import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonResponse, scriptedTransport, testClient } from '@/lib/instantly/test-helpers';
import { getIndexedAccount } from '@/lib/store/accounts-index';
import { queryAccountRows } from '@/lib/store/account-query';
import { testDb } from '@/lib/store/test-db';
import { startSync } from './sync';

// A real recorded list page with one row made unreadable: the page is indexed, the odd row kept with
// its email and the reason, and the next readable answer clears the mark.
const fixtures = join(import.meta.dirname, '..', 'schemas', 'fixtures', 'instantly-api');
const recorded = JSON.parse(
  readFileSync(join(fixtures, 'accounts-list.response.real-leonidsvb-2025-11.json'), 'utf8'),
) as { items: Array<Record<string, unknown> & { email: string }> };

function pageWithBadRow(): { page: typeof recorded; bad: string } {
  const items = recorded.items.map((item) => ({ ...item }));
  const odd = items[3]!;
  odd.daily_limit = 'thirty';
  return { page: { items }, bad: odd.email };
}

describe('a list row that cannot be read', () => {
  it('is kept with its email and reason while the rest of the page is indexed', async () => {
    const db = await testDb();
    const { page, bad } = pageWithBadRow();
    const { transport } = scriptedTransport([
      jsonResponse(page),
      jsonResponse(recorded),
      jsonResponse({ items: [] }),
    ]);
    const { client } = testClient(transport);
    const result = await (await startSync(db, 'w', client)).done;
    expect(result).toMatchObject({ ok: true, accounts: recorded.items.length });
    const rows = await queryAccountRows(
      db,
      { workspaceIds: ['w'] },
      { sort: 'email', order: 'asc', offset: 0, limit: 100 },
    );
    expect(rows.total).toBe(recorded.items.length);
    const odd = rows.rows.find((r) => r.email === bad);
    expect(odd?.unreadable).toBe('daily_limit: expected number, received string');
    expect(rows.rows.filter((r) => r.unreadable !== null)).toHaveLength(1);
    const good = rows.rows.find((r) => r.email === recorded.items[0]!.email);
    expect(good).toMatchObject({ unreadable: null, dailyLimit: recorded.items[0]!.daily_limit });

    // Once Instantly answers the row readably again, the mark goes and its values are indexed.
    const again = scriptedTransport([jsonResponse(recorded)]);
    await (
      await startSync(db, 'w', testClient(again.transport).client)
    ).done;
    expect(await getIndexedAccount(db, 'w', bad)).toMatchObject({
      unreadable: null,
      dailyLimit: recorded.items[3]!.daily_limit,
    });
  });
});
