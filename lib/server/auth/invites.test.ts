import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/store/db';
import { listOpenInvites, withdrawInvite } from '@/lib/store/invites';
import { testDb } from '@/lib/store/test-db';
import { problemOf } from '../workspace-test-helpers';
import { acceptInvite, createInviteLink, inviteForToken } from './people';

// An invite link from creation to its end: open, then withdrawn by an admin (it stops at once, and
// the page says why) or used once.

let db: Db;
beforeEach(async () => {
  db = await testDb();
});
afterEach(async () => {
  await db.destroy();
});

const tokenOf = (path: string) => path.replace('/invite/', '');
const joiner = { email: 'wanda@example.com', name: 'Wanda', password: 'a-long-password' };

describe('invite links', () => {
  it('a withdrawn invite stops working at once, saying it was withdrawn', async () => {
    const { path } = await createInviteLink(db, null, { role: 'viewer', workspaceIds: ['demo'] });
    const token = tokenOf(path);
    const open = await inviteForToken(db, token);
    expect(open).toMatchObject({ role: 'viewer', workspaceIds: ['demo'] });
    expect(await withdrawInvite(db, open.id)).toBe(true);
    expect(await listOpenInvites(db)).toEqual([]);
    const read = await problemOf(inviteForToken(db, token));
    expect(read).toMatchObject({ status: 404, type: 'invite-invalid', title: 'This invite was withdrawn' });
    expect(read.detail).toMatch(/admin withdrew it/);
    expect(await problemOf(acceptInvite(db, token, joiner))).toEqual(read);
  });

  it('a used link says it works once; an unknown one gives the general reason', async () => {
    const { path } = await createInviteLink(db, null, { role: 'operator' });
    await acceptInvite(db, tokenOf(path), joiner);
    expect(await problemOf(inviteForToken(db, tokenOf(path)))).toMatchObject({
      status: 404,
      title: 'This invite link no longer works',
      detail: expect.stringMatching(/used already/),
    });
    expect((await problemOf(inviteForToken(db, 'x'.repeat(43)))).detail).toMatch(/used already, withdrawn/);
  });
});
