import { afterEach, describe, expect, it } from 'vitest';
import { createSavedViewSchema } from '@/lib/schemas/api-saved-views';
import type { Db } from './db';
import {
  type ViewOwner,
  createSavedView,
  deleteSavedView,
  listSavedViews,
  setDefaultView,
  updateSavedView,
} from './saved-views';
import { testDb } from './test-db';

const open: Db[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.destroy();
});
async function db() {
  const made = await testDb();
  open.push(made);
  return made;
}

const ana: ViewOwner = { id: 'p_ana', name: 'Ana', admin: false };
const ben: ViewOwner = { id: 'p_ben', name: 'Ben', admin: false };
const admin: ViewOwner = { id: 'p_admin', name: 'Ada', admin: true };
const AT = '2026-12-02T10:00:00.000Z';

const input = (fields: Record<string, unknown>) =>
  createSavedViewSchema.parse({ search: 'status=-1', ...fields });

async function made(store: Db, owner: ViewOwner, fields: Record<string, unknown>) {
  const result = await createSavedView(store, owner, input(fields), AT);
  if (!result.ok) throw new Error(result.refusal);
  return result.view;
}

describe('saved views', () => {
  it('are private unless shared; a person sees their own first, then the shared ones by name', async () => {
    const store = await db();
    await made(store, ana, {
      name: 'Broken Gmail',
      search: 'provider=2&status=-1',
      columns: { tags: false },
    });
    await made(store, ben, { name: 'Ben private' });
    await made(store, ben, { name: 'Agency clients', shared: true, search: 'scope=all' });

    const forAna = await listSavedViews(store, ana);
    expect(forAna.views.map((v) => [v.name, v.mine, v.shared, v.ownerName])).toEqual([
      ['Broken Gmail', true, false, 'Ana'],
      ['Agency clients', false, true, 'Ben'],
    ]);
    expect(forAna.views[0]?.columns).toEqual({ tags: false });
    expect(forAna.views[0]?.search).toBe('provider=2&status=-1');
    expect((await listSavedViews(store, ben)).views.map((v) => v.name)).toEqual([
      'Agency clients',
      'Ben private',
    ]);
  });

  it('refuse a second view of the same name (whatever its case) for one person, not for another', async () => {
    const store = await db();
    await made(store, ana, { name: 'Broken Gmail' });
    expect(await createSavedView(store, ana, input({ name: '  broken gmail ' }), AT)).toEqual({
      ok: false,
      refusal: 'name-taken',
    });
    expect((await createSavedView(store, ben, input({ name: 'Broken Gmail' }), AT)).ok).toBe(true);
    const other = await made(store, ana, { name: 'Other' });
    expect(await updateSavedView(store, ana, other.id, { name: 'BROKEN GMAIL' }, AT)).toEqual({
      ok: false,
      refusal: 'name-taken',
    });
    // Renaming a view to itself in another case is no clash.
    const renamed = await updateSavedView(store, ana, other.id, { name: 'OTHER' }, AT);
    expect(renamed.ok && renamed.view.name).toBe('OTHER');
  });

  it('are changed only by their owner; an admin may delete a shared one; a private one is not found', async () => {
    const store = await db();
    const shared = await made(store, ana, { name: 'Team', shared: true });
    const secret = await made(store, ana, { name: 'Mine' });
    expect(await updateSavedView(store, ben, shared.id, { name: 'Hijack' }, AT)).toEqual({
      ok: false,
      refusal: 'not-yours',
    });
    expect(await updateSavedView(store, ben, secret.id, { name: 'Peek' }, AT)).toEqual({
      ok: false,
      refusal: 'not-found',
    });
    expect(await deleteSavedView(store, ben, shared.id)).toEqual({ ok: false, refusal: 'not-yours' });
    expect(await deleteSavedView(store, admin, secret.id)).toEqual({ ok: false, refusal: 'not-found' });

    const changed = await updateSavedView(
      store,
      ana,
      shared.id,
      { search: 'sort=warmupScore&order=desc', columns: { domain: false }, shared: false },
      '2026-12-02T11:00:00.000Z',
    );
    expect(
      changed.ok && [changed.view.search, changed.view.columns, changed.view.shared, changed.view.updatedAt],
    ).toEqual(['sort=warmupScore&order=desc', { domain: false }, false, '2026-12-02T11:00:00.000Z']);
    await updateSavedView(store, ana, shared.id, { shared: true }, AT);
    expect(await deleteSavedView(store, admin, shared.id)).toEqual({ ok: true });
    expect((await listSavedViews(store, ana)).views.map((v) => v.name)).toEqual(['Mine']);
  });

  it('give each person one default view, which goes when the view is deleted or unshared', async () => {
    const store = await db();
    const team = await made(store, ana, { name: 'Team', shared: true });
    const own = await made(store, ben, { name: 'Ben view', makeDefault: true });
    expect((await listSavedViews(store, ben)).defaultViewId).toBe(own.id);
    expect(await setDefaultView(store, ben, team.id)).toEqual({ ok: true });
    expect((await listSavedViews(store, ben)).defaultViewId).toBe(team.id);
    expect((await listSavedViews(store, ana)).defaultViewId).toBeNull();

    // Ana unshares it: Ben can no longer see it, so it is no longer his default.
    await updateSavedView(store, ana, team.id, { shared: false }, AT);
    expect((await listSavedViews(store, ben)).defaultViewId).toBeNull();
    await updateSavedView(store, ana, team.id, { shared: true }, AT);
    expect((await listSavedViews(store, ben)).defaultViewId).toBe(team.id);

    await deleteSavedView(store, ana, team.id);
    await updateSavedView(store, ana, (await made(store, ana, { name: 'Team' })).id, { shared: true }, AT);
    expect((await listSavedViews(store, ben)).defaultViewId).toBeNull();

    const secret = await made(store, ana, { name: 'Secret' });
    expect(await setDefaultView(store, ben, secret.id)).toEqual({ ok: false, refusal: 'not-found' });
    await setDefaultView(store, ben, own.id);
    expect(await setDefaultView(store, ben, null)).toEqual({ ok: true });
    expect((await listSavedViews(store, ben)).defaultViewId).toBeNull();
  });

  it('are capped per person', async () => {
    const store = await db();
    for (let i = 0; i < 50; i += 1) await made(store, ana, { name: `View ${i}` });
    expect(await createSavedView(store, ana, input({ name: 'One more' }), AT)).toEqual({
      ok: false,
      refusal: 'too-many',
    });
    expect((await createSavedView(store, ben, input({ name: 'One more' }), AT)).ok).toBe(true);
  });
});

describe('a saved view\u2019s search', () => {
  it('is checked as the accounts API checks it and written in one canonical order', () => {
    expect(input({ name: 'x', search: '?sort=warmupScore&status=-1,2&q=&order=desc' }).search).toBe(
      'order=desc&sort=warmupScore&status=-1%2C2',
    );
    const bad = createSavedViewSchema.safeParse({ name: 'x', search: 'sort=colour' });
    expect(bad.success).toBe(false);
    const unknown = createSavedViewSchema.safeParse({ name: 'x', search: 'offset=200' });
    expect(unknown.error?.issues[0]?.message).toBe('"offset" is not a filter or sort of the accounts table');
    expect(createSavedViewSchema.safeParse({ name: '  ', search: '' }).error?.issues[0]?.message).toBe(
      'Give the view a name',
    );
  });
});
