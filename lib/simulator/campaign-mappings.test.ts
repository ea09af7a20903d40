import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { call, demoSpec, testSimulator } from './test-helpers';

// GET /account-campaign-mappings/{email}: the spec's shape, the same campaigns on every call, cursor
// paging with next_starting_after, and 404 for an account the workspace does not have.

const example = JSON.parse(
  readFileSync(
    '../shared/instantly-api/examples/account-campaign-mappings.response.spec-example.json',
    'utf8',
  ),
) as { items: Array<Record<string, unknown>> };

const { sim } = testSimulator({ workspaces: [demoSpec({ accounts: 60 })] });

type Mapping = { campaign_id: string; campaign_name: string; timestamp_created: string; status: number };
type Page = { items: Mapping[]; next_starting_after?: string };

async function mappingsOfAll(): Promise<Array<{ email: string; page: Page }>> {
  const list = (await call(sim, 'GET', '/accounts', { query: { limit: 100 } })).body as {
    items: Array<{ email: string }>;
  };
  return Promise.all(
    list.items.map(async ({ email }) => ({
      email,
      page: (await call(sim, 'GET', `/account-campaign-mappings/${encodeURIComponent(email)}`)).body as Page,
    })),
  );
}

describe('GET /account-campaign-mappings/{email}', () => {
  it("answers in the spec example's shape, with campaigns for accounts that send and none for the others", async () => {
    const all = await mappingsOfAll();
    const used = all.filter((a) => a.page.items.length > 0);
    expect(used.length).toBeGreaterThan(0);
    expect(all.some((a) => a.page.items.length === 0)).toBe(true);
    const keys = Object.keys(example.items[0] ?? {}).sort();
    for (const { page } of used) {
      expect(page.items.length).toBeLessThanOrEqual(2);
      for (const item of page.items) {
        expect(Object.keys(item).sort()).toEqual(keys);
        expect([1, 2, 3]).toContain(item.status);
        expect(Number.isNaN(Date.parse(item.timestamp_created))).toBe(false);
      }
    }
    // The same answer on every call.
    expect(await mappingsOfAll()).toEqual(all);
  });

  it('pages with limit and starting_after', async () => {
    const two = (await mappingsOfAll()).find((a) => a.page.items.length === 2);
    expect(two).toBeDefined();
    const path = `/account-campaign-mappings/${encodeURIComponent(two!.email)}`;
    const first = (await call(sim, 'GET', path, { query: { limit: 1 } })).body as Page;
    expect(first.items).toEqual([two!.page.items[0]]);
    expect(first.next_starting_after).toBe(two!.page.items[0]?.campaign_id);
    const second = (
      await call(sim, 'GET', path, { query: { limit: 1, starting_after: first.next_starting_after! } })
    ).body as Page;
    expect(second).toEqual({ items: [two!.page.items[1]] });
  });

  it('404 for an unknown account; limit is checked like every list', async () => {
    expect((await call(sim, 'GET', '/account-campaign-mappings/nobody%40nowhere.example')).status).toBe(404);
    const res = await call(sim, 'GET', '/account-campaign-mappings/x%40y.co', { query: { limit: 101 } });
    expect((res.body as { message: string }).message).toBe('querystring/limit must be <= 100');
  });
});
