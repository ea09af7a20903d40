import { describe, expect, it } from 'vitest';
import { testDb } from '@/lib/store/test-db';
import { isSessionRevoked, revokeSession } from '@/lib/store/revoked-sessions';
import { seal } from './keyring';
import { sealingKeys } from './secret';
import {
  type SessionData,
  SESSION_TTL_SECONDS,
  emptySessionData,
  plainCookieValue,
  readSession,
  revokeCookieOf,
  sessionCookie,
} from './session';

const keys = sealingKeys({ secret: 's'.repeat(40), dataDir: '/nonexistent' });
const T0 = Date.parse('2026-12-01T12:00:00Z');
const day = 86_400_000;
const stored = {
  id: 'ws_acme',
  name: 'Acme',
  label: 'Acme',
  key: 'key_acme_0123456789',
  addedAt: '2026-12-01T00:00:00.000Z',
};

function cookieWithKey(now = T0) {
  const data = { ...emptySessionData(now), workspaces: [stored], active: 'ws_acme' };
  return { data, value: sessionCookie(data, false, keys, now).value };
}

const read = async (value: string, now: number, revoked: ReadonlySet<string> = new Set()) =>
  await readSession(value, { serverWorkspace: false, keys, now, isRevoked: (sid) => revoked.has(sid) });

describe('key cookie lifecycle', () => {
  it('opens within its 30 days and carries the expiry as Max-Age', async () => {
    const { data, value } = cookieWithKey();
    expect(sessionCookie(data, false, keys, T0).options.maxAge).toBe(SESSION_TTL_SECONDS);
    const session = await read(value, T0 + 29 * day);
    expect(session.status).toBe('ok');
    expect(session.data.workspaces).toEqual([stored]);
  });

  it('stops opening once expired, even if the browser kept it', async () => {
    const { value } = cookieWithKey();
    expect(await read(value, T0 + 30 * day + 1000)).toMatchObject({ status: 'invalid', reason: 'expired' });
  });

  it('use keeps it alive, but never past 90 days from when it was first issued', async () => {
    let { value } = cookieWithKey();
    let data: SessionData | null = null;
    for (let day = 20; day <= 100; day += 20) {
      const now = T0 + day * 86_400_000;
      const session = await read(value, now);
      if (day < 90) {
        expect(session.status, `day ${day}`).toBe('ok');
        ({ value } = sessionCookie(session.data, false, keys, now));
        data = session.data;
      } else {
        expect(session, `day ${day}`).toMatchObject({ status: 'invalid', reason: 'expired' });
      }
    }
    expect(data?.iat).toBe(Math.floor(T0 / 1000));
  });

  it('stops opening once its id is revoked: a copy of a forgotten cookie is useless', async () => {
    const { data, value } = cookieWithKey();
    expect(await read(value, T0, new Set([data.sid]))).toMatchObject({
      status: 'invalid',
      reason: 'revoked',
    });
    expect(await read(value, T0, new Set(['someone-elses-session']))).toMatchObject({ status: 'ok' });
  });

  it('refuses the old unversioned cookies, which could not be revoked', async () => {
    const legacy = seal({ v: 1, workspaces: [stored], active: null }, keys[0]!, 'session');
    expect(await read(legacy, T0)).toMatchObject({ status: 'invalid', reason: 'shape' });
  });

  it('carries the plain active choice and the moved-keys notice beside the legacy cookie', async () => {
    const { value } = cookieWithKey();
    const session = await readSession(value, {
      serverWorkspace: false,
      keys,
      now: T0,
      isRevoked: () => false,
      activeChoice: 'ws_acme',
      movedToVault: 2,
    });
    expect(session).toMatchObject({ status: 'ok', activeChoice: 'ws_acme', movedToVault: 2 });
    expect(plainCookieValue('ws_acme-1')).toBe('ws_acme-1');
    expect(plainCookieValue('ws acme')).toBeNull();
    expect(plainCookieValue('x'.repeat(81))).toBeNull();
    expect(plainCookieValue(undefined)).toBeNull();
  });
});

describe('revoked_sessions store', () => {
  it('remembers a revoked id until the cookie would have expired, then lets it go', async () => {
    const db = await testDb();
    await revokeSession(db, 'sid-old-0123456789', T0 + 60_000, T0);
    expect(await isSessionRevoked(db, 'sid-old-0123456789')).toBe(true);
    expect(await isSessionRevoked(db, 'sid-other-012345678')).toBe(false);
    // A later revocation prunes entries whose cookies have died by themselves.
    await revokeSession(db, 'sid-new-0123456789', T0 + 999_999_000, T0 + 120_000);
    expect(await isSessionRevoked(db, 'sid-old-0123456789')).toBe(false);
    expect(await isSessionRevoked(db, 'sid-new-0123456789')).toBe(true);
  });

  it('keeps a forgotten cookie revoked for a full TTL, in milliseconds', async () => {
    const db = await testDb();
    const { data } = cookieWithKey();
    await revokeCookieOf(
      db,
      { status: 'ok', data, serverWorkspace: false, activeChoice: null, movedToVault: 0 },
      T0,
    );
    const row = await db.selectFrom('revoked_sessions').selectAll().executeTakeFirstOrThrow();
    expect(row).toEqual({ sid: data.sid, expires_at: T0 + SESSION_TTL_SECONDS * 1000 });
    // Still revoked a day before the TTL ends; gone once a later revocation runs after it.
    await revokeSession(db, 'sid-later-0123456789', T0 + 60 * day, T0 + 29 * day);
    expect(await isSessionRevoked(db, data.sid)).toBe(true);
    await revokeSession(db, 'sid-later-0123456789', T0 + 60 * day, T0 + 31 * day);
    expect(await isSessionRevoked(db, data.sid)).toBe(false);
  });
});
