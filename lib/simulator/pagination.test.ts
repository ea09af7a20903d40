import 'server-only';
import { describe, expect, it } from 'vitest';
import { call, demoSpec, listAll, testSimulator } from './test-helpers';

// GET /accounts cursor pagination (REFERENCE §1.5): every account exactly once, newest first, a
// trailing {"items": []} without a cursor, and both cursor formats accepted — at 10,000 accounts.

describe('paging through 10,000 accounts', () => {
  const { sim } = testSimulator({ workspaces: [demoSpec({ accounts: 10_000, seed: 7 })] });

  // 101 requests over 10,000 accounts: how fast is `npm run bench`'s business, so the test only
  // allows for a slow, busy machine.
  it(
    'returns every email exactly once, newest first, then an empty page without a cursor',
    { timeout: 30_000 },
    async () => {
      const { items, pages, lastPage } = await listAll(sim);
      expect(items).toHaveLength(10_000);
      expect(new Set(items.map((a) => a.email)).size).toBe(10_000);
      expect(pages).toBe(101);
      expect(lastPage).toEqual({ items: [] });
      expect(Object.keys(lastPage as object)).not.toContain('next_starting_after');
      const created = items.map((a) => Date.parse(a.timestamp_created as string));
      for (let i = 1; i < created.length; i++)
        expect(created[i - 1]).toBeGreaterThanOrEqual(created[i] as number);
    },
  );

  it('uses "<timestamp_created>&<email>" cursors, the last item of each page', async () => {
    const first = await call(sim, 'GET', '/accounts', { query: { limit: 5 } });
    const body = first.body as {
      items: Array<{ email: string; timestamp_created: string }>;
      next_starting_after: string;
    };
    const last = body.items[4];
    expect(body.next_starting_after).toBe(`${last?.timestamp_created}&${last?.email}`);
    const second = await call(sim, 'GET', '/accounts', {
      query: { limit: 5, starting_after: body.next_starting_after },
    });
    const next = (second.body as { items: Array<{ email: string }> }).items;
    const both = await call(sim, 'GET', '/accounts', { query: { limit: 10 } });
    expect([...body.items, ...next].map((a) => a.email)).toEqual(
      (both.body as { items: Array<{ email: string }> }).items.map((a) => a.email),
    );
  });

  it('accepts the legacy bare ISO timestamp cursor (items strictly older)', async () => {
    const page = (await call(sim, 'GET', '/accounts', { query: { limit: 3 } })).body as {
      items: Array<{ timestamp_created: string; email: string }>;
    };
    const stamp = page.items[2]?.timestamp_created as string;
    const after = (await call(sim, 'GET', '/accounts', { query: { limit: 3, starting_after: stamp } }))
      .body as {
      items: Array<{ timestamp_created: string }>;
    };
    expect(after.items).toHaveLength(3);
    for (const item of after.items)
      expect(Date.parse(item.timestamp_created)).toBeLessThan(Date.parse(stamp));
  });

  it('defaults to 10 items per page', async () => {
    const res = await call(sim, 'GET', '/accounts');
    expect((res.body as { items: unknown[] }).items).toHaveLength(10);
  });

  it('pages through a filtered list to the end too', async () => {
    const { items } = await listAll(sim, { status: -1 });
    expect(items.length).toBeGreaterThan(100);
    expect(items.every((a) => a.status === -1)).toBe(true);
    expect(new Set(items.map((a) => a.email)).size).toBe(items.length);
  });
});

describe('small fleets', () => {
  it('a page that is not full still carries a cursor; the next one is empty', async () => {
    const { sim } = testSimulator({ workspaces: [demoSpec({ accounts: 25 })] });
    const first = (await call(sim, 'GET', '/accounts', { query: { limit: 100 } })).body as {
      items: unknown[];
      next_starting_after?: string;
    };
    expect(first.items).toHaveLength(25);
    expect(first.next_starting_after).toBeDefined();
    const second = await call(sim, 'GET', '/accounts', {
      query: { starting_after: first.next_starting_after as string },
    });
    expect(second.text).toBe('{"items":[]}');
  });

  it('an empty workspace answers {"items": []}', async () => {
    const { sim } = testSimulator({ workspaces: [demoSpec({ accounts: 0 })] });
    expect((await call(sim, 'GET', '/accounts')).text).toBe('{"items":[]}');
  });
});
