import 'server-only';
import { describe, expect, it } from 'vitest';
import { call, listAll, testSimulator } from './test-helpers';

// GET /accounts filters, search, tags and sort + skip (REFERENCE §4.1).

const { sim } = testSimulator();
const all = (await listAll(sim)).items as Array<Record<string, unknown> & { email: string; status: number }>;

const emailsOf = (items: ReadonlyArray<Record<string, unknown>>) => items.map((a) => a.email as string);

describe('filters', () => {
  it.each([
    ['ACC_FILTER_PAUSED', (a: Record<string, unknown>) => a.status === 2],
    ['ACC_FILTER_ERROR', (a: Record<string, unknown>) => (a.status as number) < 0],
    ['ACC_FILTER_NO_CTD', (a: Record<string, unknown>) => !a.tracking_domain_name],
    ['ACC_FILTER_DFY', (a: Record<string, unknown>) => a.is_managed_account === true],
    [
      'ACC_FILTER_DFY_SETUP_PENDING',
      (a: Record<string, unknown>) => a.is_managed_account === true && a.setup_pending === true,
    ],
    ['ACC_FILTER_W_ACTIVE', (a: Record<string, unknown>) => a.warmup_status === 1],
    ['ACC_FILTER_W_PAUSED', (a: Record<string, unknown>) => a.warmup_status === 0],
    ['ACC_FILTER_W_ERROR', (a: Record<string, unknown>) => (a.warmup_status as number) < 0],
  ])('%s', async (filter, predicate) => {
    const expected = emailsOf(all.filter(predicate));
    expect(expected.length).toBeGreaterThan(0);
    expect(emailsOf((await listAll(sim, { filter })).items)).toEqual(expected);
  });

  it('status and provider_code', async () => {
    expect(emailsOf((await listAll(sim, { status: -3 })).items)).toEqual(
      emailsOf(all.filter((a) => a.status === -3)),
    );
    expect(emailsOf((await listAll(sim, { provider_code: 3 })).items)).toEqual(
      emailsOf(all.filter((a) => a.provider_code === 3)),
    );
    expect((await listAll(sim, { provider_code: 8 })).items).toEqual([]);
  });

  it('search matches email, name and domain, case-insensitively', async () => {
    const sample = all[42] as unknown as { email: string; first_name: string; last_name: string };
    const domain = sample.email.split('@')[1] as string;
    expect(emailsOf((await listAll(sim, { search: domain.toUpperCase() })).items)).toEqual(
      emailsOf(all.filter((a) => a.email.endsWith(`@${domain}`))),
    );
    const byName = emailsOf(
      (await listAll(sim, { search: `${sample.first_name} ${sample.last_name}` })).items,
    );
    expect(byName).toContain(sample.email);
    expect(emailsOf((await listAll(sim, { search: sample.email })).items)).toEqual([sample.email]);
  });

  it('tag_ids (any), tag_ids_all (all) and include_tags', async () => {
    const tagged = (await listAll(sim, { include_tags: true })).items as Array<{
      email: string;
      tags: Array<{ id: string; label: string; description: unknown }>;
    }>;
    const two = tagged.find((a) => a.tags.length === 2);
    expect(two).toBeDefined();
    const [t1, t2] = two?.tags ?? [];
    expect(t1).toEqual({
      id: expect.any(String),
      label: expect.any(String),
      description: t1?.description ?? null,
    });
    const any = emailsOf((await listAll(sim, { tag_ids: `${t1?.id},${t2?.id}` })).items);
    expect(any).toEqual(
      emailsOf(tagged.filter((a) => a.tags.some((t) => t.id === t1?.id || t.id === t2?.id))),
    );
    const both = emailsOf((await listAll(sim, { tag_ids_all: `${t1?.id},${t2?.id}` })).items);
    expect(both).toEqual(
      emailsOf(
        tagged.filter((a) => a.tags.some((t) => t.id === t1?.id) && a.tags.some((t) => t.id === t2?.id)),
      ),
    );
    expect(both).toContain(two?.email);
    const plain = (await call(sim, 'GET', '/accounts', { query: { limit: 5 } })).body as { items: object[] };
    for (const item of plain.items) expect(item).not.toHaveProperty('tags');
  });

  it('filters combine', async () => {
    const got = emailsOf((await listAll(sim, { provider_code: 2, filter: 'ACC_FILTER_ERROR' })).items);
    expect(got).toEqual(emailsOf(all.filter((a) => a.provider_code === 2 && a.status < 0)));
  });
});

describe('sort_by + skip', () => {
  it('sorts by warmup score ascending and pages with skip (no cursor in this mode)', async () => {
    const expected = [...all].sort(
      (a, b) => (a.stat_warmup_score as number) - (b.stat_warmup_score as number),
    );
    const page1 = (
      await call(sim, 'GET', '/accounts', {
        query: { sort_by: 'stat_warmup_score', sort_order: 'asc', limit: 50 },
      })
    ).body as {
      items: Array<{ stat_warmup_score: number }>;
      next_starting_after?: string;
    };
    const page2 = (
      await call(sim, 'GET', '/accounts', {
        query: { sort_by: 'stat_warmup_score', sort_order: 'asc', limit: 50, skip: 50 },
      })
    ).body as {
      items: Array<{ stat_warmup_score: number }>;
    };
    expect(page1.next_starting_after).toBeUndefined();
    expect([...page1.items, ...page2.items].map((a) => a.stat_warmup_score)).toEqual(
      expected.slice(0, 100).map((a) => a.stat_warmup_score),
    );
  });

  it('sort_order defaults to desc; email sorts alphabetically', async () => {
    const res = (await call(sim, 'GET', '/accounts', { query: { sort_by: 'email', limit: 100, skip: 10 } }))
      .body as { items: Array<{ email: string }> };
    const expected = [...all]
      .map((a) => a.email)
      .sort()
      .reverse()
      .slice(10, 110);
    expect(res.items.map((a) => a.email)).toEqual(expected);
  });

  it('sort by status and by creation date', async () => {
    const byStatus = (
      await call(sim, 'GET', '/accounts', { query: { sort_by: 'status', sort_order: 'asc', limit: 100 } })
    ).body as { items: Array<{ status: number }> };
    expect(byStatus.items[0]?.status).toBe(-3);
    const oldest = (
      await call(sim, 'GET', '/accounts', {
        query: { sort_by: 'timestamp_created', sort_order: 'asc', limit: 1 },
      })
    ).body as {
      items: Array<{ email: string }>;
    };
    expect(oldest.items[0]?.email).toBe(all[all.length - 1]?.email);
  });
});
