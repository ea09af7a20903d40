import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from 'better-auth/crypto';
import type { Db } from '@/lib/store/db';
import { createOwner, deleteSessionsOf, ownerExists, personById } from '@/lib/store/people';
import { testDb } from '@/lib/store/test-db';
import { type Auth, createAuth } from './auth';

// better-auth over the tables of migration 8, on SQLite and (TEST_DATABASE_URL) PostgreSQL: its own
// schema check passes, a person we inserted signs in with their password, the session cookie names a
// person, a wrong password is refused, and deleting the person's sessions signs them out at once.

let db: Db;
let auth: Auth;

beforeEach(async () => {
  db = await testDb();
  auth = createAuth(db, { secret: 'unit-test-secret-0123456789abcdef0123456789', secure: false });
  await createOwner(db, {
    id: 'p_0123456789abcdef0123456789abcdef',
    email: 'owner@example.com',
    name: 'Olga',
    passwordHash: await hashPassword('correct horse battery'),
  });
});
afterEach(async () => {
  await db.destroy();
});

const headers = () => new Headers({ host: '127.0.0.1:3000', 'content-type': 'application/json' });

async function signIn(password: string) {
  return auth.api.signInEmail({
    body: { email: 'owner@example.com', password },
    headers: headers(),
    asResponse: true,
  });
}

describe('better-auth on our tables', () => {
  it('passes its own schema check on this database', async () => {
    const context = await auth.$context;
    const { schemaCheckFor } = await import('@better-auth/core/db/internal');
    const check = schemaCheckFor(context.adapter);
    expect(check).toBeTypeOf('function');
    await expect(check?.() ?? Promise.resolve()).resolves.toBeUndefined();
  });

  it('signs the owner in, and the cookie names the owner until their sessions are deleted', async () => {
    expect(await ownerExists(db)).toBe(true);
    const answer = await signIn('correct horse battery');
    expect(answer.status).toBe(200);
    const cookies = answer.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('fleet.session_token='));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).not.toMatch(/Secure/i);
    const cookie = (session ?? '').split(';')[0] ?? '';
    const withCookie = new Headers({ ...Object.fromEntries(headers()), cookie });
    const found = await auth.api.getSession({ headers: withCookie });
    expect(found?.user.id).toBe('p_0123456789abcdef0123456789abcdef');
    expect((await personById(db, found?.user.id ?? ''))?.role).toBe('owner');
    expect(await deleteSessionsOf(db, 'p_0123456789abcdef0123456789abcdef')).toBe(1);
    expect(await auth.api.getSession({ headers: withCookie })).toBeNull();
  });

  it('refuses a wrong password and offers no public sign-up', async () => {
    expect((await signIn('wrong password here')).status).toBe(401);
    const signUp = await auth.api.signUpEmail({
      body: { email: 'new@example.com', password: 'another long password', name: 'New' },
      headers: headers(),
      asResponse: true,
    });
    expect(signUp.status).toBeGreaterThanOrEqual(400);
    expect(await db.selectFrom('people').select('email').execute()).toEqual([{ email: 'owner@example.com' }]);
  });

  it('sets Secure cookies on https', async () => {
    const secureAuth = createAuth(db, {
      secret: 'unit-test-secret-0123456789abcdef0123456789',
      secure: true,
    });
    const answer = await secureAuth.api.signInEmail({
      body: { email: 'owner@example.com', password: 'correct horse battery' },
      headers: headers(),
      asResponse: true,
    });
    expect(answer.headers.getSetCookie().find((c) => c.includes('session_token='))).toMatch(/; Secure/i);
  });
});
