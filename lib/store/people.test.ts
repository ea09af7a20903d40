import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from './db';
import { consumeInvite, createInvite, inviteByToken, listOpenInvites, withdrawInvite } from './invites';
import {
  authTime,
  createOwner,
  insertPerson,
  listMembers,
  ownerExists,
  personById,
  removeMember,
  updateMember,
} from './people';
import { clearSignInFailures, recordSignInFailure, signInFailures } from './sign-in-failures';
import { sharedTestTarget, testDb } from './test-db';
import { openDb } from './db';

let db: Db;
beforeEach(async () => {
  db = await testDb();
});
afterEach(async () => {
  await db.destroy();
});

const id = (n: number) => `p_${String(n).padStart(32, '0')}`;
const owner = (n: number) => ({
  id: id(n),
  email: `owner${n}@example.com`,
  name: `Owner ${n}`,
  passwordHash: 'hash',
});

describe('the owner', () => {
  it('is created exactly once, even by two connections racing (two processes)', async () => {
    const target = sharedTestTarget();
    const [a, b] = [await openDb(target), await openDb(target)];
    try {
      // Two SQLite handles in one process cannot overlap write transactions (the waiting one blocks
      // the thread the other needs to commit), so there they go one after the other; the refusal is
      // the same unique index either way.
      const results =
        'sqlitePath' in target
          ? [await createOwner(a, owner(1)), await createOwner(b, owner(2))]
          : await Promise.all([createOwner(a, owner(1)), createOwner(b, owner(2))]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const rows = await a.selectFrom('people').select(['role']).execute();
      expect(rows).toEqual([{ role: 'owner' }]);
      expect(await createOwner(a, owner(3))).toBe(false);
    } finally {
      await a.destroy();
      await b.destroy();
    }
  });

  it('cannot be demoted or removed', async () => {
    expect(await ownerExists(db)).toBe(false);
    await createOwner(db, owner(1));
    expect(await ownerExists(db)).toBe(true);
    expect(await updateMember(db, id(1), { role: 'viewer' })).toBe(false);
    expect(await removeMember(db, id(1))).toBe(false);
    expect((await personById(db, id(1)))?.role).toBe('owner');
  });
});

describe('members', () => {
  it('keep their role and workspace limits; removing one deletes their sessions and password', async () => {
    await createOwner(db, owner(1));
    await insertPerson(db, {
      id: id(2),
      email: 'vera@example.com',
      name: 'Vera',
      role: 'viewer',
      workspaceIds: ['demo'],
      passwordHash: 'hash',
    });
    expect(await personById(db, id(2))).toEqual({
      id: id(2),
      email: 'vera@example.com',
      name: 'Vera',
      role: 'viewer',
      workspaceIds: ['demo'],
    });
    expect(await updateMember(db, id(2), { role: 'operator', workspaceIds: [] })).toBe(true);
    expect(await personById(db, id(2))).toMatchObject({ role: 'operator', workspaceIds: [] });
    expect(await updateMember(db, id(2), { workspaceIds: null })).toBe(true);
    expect((await personById(db, id(2)))?.workspaceIds).toBeNull();
    await db
      .insertInto('auth_sessions')
      .values({
        id: 's1',
        token: 't1',
        user_id: id(2),
        expires_at: authTime(db, Date.now() + 60_000),
        created_at: authTime(db, Date.now()),
        updated_at: authTime(db, Date.now()),
        ip_address: null,
        user_agent: null,
      })
      .execute();
    expect((await listMembers(db)).map((m) => [m.email, m.role, m.activeSessions])).toEqual([
      ['owner1@example.com', 'owner', 0],
      ['vera@example.com', 'operator', 1],
    ]);
    expect(await removeMember(db, id(2))).toBe(true);
    expect(await personById(db, id(2))).toBeNull();
    expect(await db.selectFrom('auth_sessions').select('id').execute()).toEqual([]);
    expect(await db.selectFrom('auth_accounts').select('user_id').execute()).toEqual([{ user_id: id(1) }]);
  });
});

describe('invites', () => {
  const now = 1_800_000_000_000;
  const invite = (n: number) =>
    createInvite(
      db,
      {
        id: `inv_${n}`,
        tokenHash: `h${n}`,
        role: 'viewer',
        workspaceIds: ['demo'],
        expiresAt: now + 1000,
        createdBy: id(1),
      },
      now,
    );

  const joiner = () =>
    insertPerson(db, {
      id: id(2),
      email: 'v@example.com',
      name: 'V',
      role: 'viewer',
      workspaceIds: null,
      passwordHash: 'x',
    });

  it('open until used once or expired', async () => {
    await createOwner(db, owner(1));
    await invite(1);
    expect(await inviteByToken(db, 'h1', now)).toEqual({
      open: { id: 'inv_1', role: 'viewer', workspaceIds: ['demo'], expiresAt: now + 1000 },
    });
    expect(await inviteByToken(db, 'h1', now + 1000)).toEqual({ closed: 'expired' });
    expect(await inviteByToken(db, 'nope', now)).toEqual({ closed: 'unknown' });
    expect(await listOpenInvites(db, now)).toHaveLength(1);
    await joiner();
    expect(await consumeInvite(db, 'inv_1', id(2), now)).toBe(true);
    expect(await consumeInvite(db, 'inv_1', id(2), now)).toBe(false);
    expect(await inviteByToken(db, 'h1', now)).toEqual({ closed: 'used' });
    expect(await withdrawInvite(db, 'inv_1', now)).toBe(false);
  });

  it('withdrawn: closed at once, off the open list, and no longer usable; once only', async () => {
    await createOwner(db, owner(1));
    await invite(1);
    await invite(2);
    expect(await withdrawInvite(db, 'inv_1', now)).toBe(true);
    expect(await withdrawInvite(db, 'inv_1', now)).toBe(false);
    expect(await withdrawInvite(db, 'inv_nobody', now)).toBe(false);
    expect(await inviteByToken(db, 'h1', now)).toEqual({ closed: 'withdrawn' });
    expect((await listOpenInvites(db, now)).map((i) => i.id)).toEqual(['inv_2']);
    await joiner();
    expect(await consumeInvite(db, 'inv_1', id(2), now)).toBe(false);
  });
});

describe('failed sign-ins', () => {
  it('count inside a window that starts at the first failure, and clear', async () => {
    const t = 1_800_000_000_000;
    expect(await recordSignInFailure(db, 'k', 1000, t)).toBe(1);
    expect(await recordSignInFailure(db, 'k', 1000, t + 500)).toBe(2);
    expect(await signInFailures(db, 'k', 1000, t + 999)).toEqual({ failures: 2, windowEndsAt: t + 1000 });
    expect((await signInFailures(db, 'k', 1000, t + 1000)).failures).toBe(0);
    expect(await recordSignInFailure(db, 'k', 1000, t + 1000)).toBe(1);
    await clearSignInFailures(db, 'k');
    expect((await signInFailures(db, 'k', 1000, t + 1001)).failures).toBe(0);
  });
});
