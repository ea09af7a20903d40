import 'server-only';
import { describe, expect, it } from 'vitest';
import { call, demoSpec, listAll, testSimulator } from './test-helpers';

// Custom tags, toggle-resource and tag mappings (REFERENCE §6).

type Tag = {
  id: string;
  label: string;
  organization_id: string;
  timestamp_created: string;
  timestamp_updated: string;
};

describe('custom tags', () => {
  it('create, get, patch, delete; 409 on a duplicate label; description not echoed', async () => {
    const { sim, clock } = testSimulator({ workspaces: [demoSpec({ accounts: 20 })] });
    const created = await call(sim, 'POST', '/custom-tags', {
      body: { label: 'Holiday pause', description: '#FF6B6B' },
    });
    expect(created.status).toBe(200);
    const tag = created.body as Tag;
    expect(Object.keys(tag)).toEqual([
      'id',
      'timestamp_created',
      'timestamp_updated',
      'organization_id',
      'label',
    ]);
    expect(tag.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((await call(sim, 'GET', `/custom-tags/${tag.id}`)).body).toEqual(tag);

    const duplicate = await call(sim, 'POST', '/custom-tags', { body: { label: '  Holiday pause ' } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'A tag with this name already exists.',
    });

    clock.advance(1_000);
    const patched = (await call(sim, 'PATCH', `/custom-tags/${tag.id}`, { body: { label: 'Holiday' } }))
      .body as Tag;
    expect(patched.label).toBe('Holiday');
    expect(patched.timestamp_updated).toBe(new Date(clock.now()).toISOString());
    const other = (await call(sim, 'POST', '/custom-tags', { body: { label: 'Other' } })).body as Tag;
    expect(
      (await call(sim, 'PATCH', `/custom-tags/${other.id}`, { body: { label: 'Holiday' } })).status,
    ).toBe(409);

    const deleted = await call(sim, 'DELETE', `/custom-tags/${tag.id}`);
    expect(deleted.body).toEqual(patched);
    expect((await call(sim, 'GET', `/custom-tags/${tag.id}`)).status).toBe(404);
  });

  it('lists ascending by id with the last id as cursor, then an empty page', async () => {
    const { sim } = testSimulator({ workspaces: [demoSpec({ accounts: 20 })] });
    for (const label of ['A', 'B', 'C', 'D']) await call(sim, 'POST', '/custom-tags', { body: { label } });
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = (
        await call(sim, 'GET', '/custom-tags', {
          query: { limit: 3, ...(cursor ? { starting_after: cursor } : {}) },
        })
      ).body as {
        items: Tag[];
        next_starting_after?: string;
      };
      if (page.items.length === 0) {
        expect(page).toEqual({ items: [] });
        break;
      }
      seen.push(...page.items.map((t) => t.id));
      expect(page.next_starting_after).toBe(page.items[page.items.length - 1]?.id);
      cursor = page.next_starting_after;
    }
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    const search = (await call(sim, 'GET', '/custom-tags', { query: { search: 'needs', limit: 100 } }))
      .body as { items: Tag[] };
    for (const t of search.items) expect(t.label.toLowerCase()).toContain('needs');
  });
});

describe('toggle-resource and mappings', () => {
  it('assigns and removes tags by account email; an unknown email → 404 "1 account(s) not found"', async () => {
    const { sim } = testSimulator({ workspaces: [demoSpec({ accounts: 40 })] });
    const tag = (await call(sim, 'POST', '/custom-tags', { body: { label: 'Fresh' } })).body as Tag;
    const emails = (await listAll(sim)).items.slice(0, 3).map((a) => a.email as string);
    const assign = await call(sim, 'POST', '/custom-tags/toggle-resource', {
      body: { tag_ids: [tag.id], resource_type: 1, resource_ids: emails, assign: true },
    });
    expect(assign.body).toEqual({ success: true });
    const tagged = (await listAll(sim, { tag_ids: tag.id, include_tags: true })).items;
    expect(tagged.map((a) => a.email).sort()).toEqual([...emails].sort());
    expect((tagged[0]?.tags as Array<{ id: string }>).some((t) => t.id === tag.id)).toBe(true);

    const mappings = (
      await call(sim, 'GET', '/custom-tag-mappings', {
        query: { resource_ids: emails.join(','), limit: 100 },
      })
    ).body as {
      items: Array<{ tag_id: string; resource_id: string; resource_type: number }>;
    };
    expect(
      mappings.items
        .filter((m) => m.tag_id === tag.id)
        .map((m) => m.resource_id)
        .sort(),
    ).toEqual([...emails].sort());
    expect(mappings.items.every((m) => m.resource_type === 1)).toBe(true);
    const onResources = (
      await call(sim, 'GET', '/custom-tags', { query: { resource_ids: emails[0] as string, limit: 100 } })
    ).body as { items: Tag[] };
    expect(onResources.items.map((t) => t.id)).toContain(tag.id);

    const unknown = await call(sim, 'POST', '/custom-tags/toggle-resource', {
      body: {
        tag_ids: [tag.id],
        resource_type: 1,
        resource_ids: [emails[0], 'ghost@nowhere.test'],
        assign: true,
      },
    });
    expect(unknown.status).toBe(404);
    expect((unknown.body as { message: string }).message).toBe('1 account(s) not found');

    await call(sim, 'POST', '/custom-tags/toggle-resource', {
      body: { tag_ids: [tag.id], resource_type: 1, resource_ids: [emails[0]], assign: false },
    });
    expect((await listAll(sim, { tag_ids: tag.id })).items).toHaveLength(2);
  });

  it('selected_all applies to every account matching the filter', async () => {
    const { sim } = testSimulator({ workspaces: [demoSpec({ accounts: 200 })] });
    const tag = (await call(sim, 'POST', '/custom-tags', { body: { label: 'Broken' } })).body as Tag;
    await call(sim, 'POST', '/custom-tags/toggle-resource', {
      body: {
        tag_ids: [tag.id],
        resource_type: 1,
        assign: true,
        selected_all: true,
        filter: 'ACC_FILTER_ERROR',
      },
    });
    const errored = (await listAll(sim, { filter: 'ACC_FILTER_ERROR' })).items.map((a) => a.email);
    expect((await listAll(sim, { tag_ids: tag.id })).items.map((a) => a.email)).toEqual(errored);
  });

  it('mappings page by timestamp_created to an empty page', async () => {
    const { sim } = testSimulator();
    const seen = new Set<string>();
    let cursor: string | undefined;
    let previous = '';
    for (;;) {
      const page = (
        await call(sim, 'GET', '/custom-tag-mappings', {
          query: { limit: 100, ...(cursor ? { starting_after: cursor } : {}) },
        })
      ).body as {
        items: Array<{ id: string; timestamp_created: string }>;
        next_starting_after?: string;
      };
      if (page.items.length === 0) break;
      for (const m of page.items) {
        expect(m.timestamp_created > previous).toBe(true);
        previous = m.timestamp_created;
        seen.add(m.id);
      }
      cursor = page.next_starting_after;
    }
    const tagged = (await listAll(sim, { include_tags: true })).items.reduce(
      (n, a) => n + (a.tags as unknown[]).length,
      0,
    );
    expect(seen.size).toBe(tagged);
  });

  it('deleting a tag removes it from accounts', async () => {
    const { sim } = testSimulator({ workspaces: [demoSpec({ accounts: 200 })] });
    const tagged = (await listAll(sim, { include_tags: true })).items.find(
      (a) => (a.tags as unknown[]).length > 0,
    );
    const used = (tagged?.tags as Tag[])[0] as Tag;
    expect((await listAll(sim, { tag_ids: used.id })).items.length).toBeGreaterThan(0);
    await call(sim, 'DELETE', `/custom-tags/${used.id}`);
    expect((await listAll(sim, { tag_ids: used.id })).items).toEqual([]);
    const mappings = (await call(sim, 'GET', '/custom-tag-mappings', { query: { limit: 100 } })).body as {
      items: Array<{ tag_id: string }>;
    };
    expect(mappings.items.some((m) => m.tag_id === used.id)).toBe(false);
  });
});
