import 'server-only';
import type { LegacyKeys } from '@/lib/schemas/api-workspaces';
import type { Db } from '@/lib/store/db';
import { revokeSession } from '@/lib/store/revoked-sessions';
import { inTransaction } from '@/lib/store/transaction';
import { type Person, roleAtLeast } from './auth/person';
import {
  type CookieToSet,
  MOVED_COOKIE,
  SESSION_TTL_SECONDS,
  type Session,
  clearedKeyCookie,
  plainCookie,
} from './session';
import { addVaultWorkspace } from './vault';

// Keys a browser sealed into its `fleet_keys` cookie before the vault existed. The first request an
// admin or the owner makes with such a cookie moves them into the vault (they were verified when
// added, so they are not checked again), revokes the cookie so no copy of it can bring a removed key
// back, and clears it. Anyone else's cookie is neither moved nor used.

const DAY_SECONDS = 60 * 60 * 24;

export const mayMoveLegacyKeys = (person: Person | null): person is Person =>
  person !== null && roleAtLeast(person.role, 'admin');

export interface LegacyMove {
  /** The session as the rest of the request sees it: no legacy keys, the move to be told of. */
  session: Session;
  cookies: CookieToSet[];
}

/** Moves the cookie's keys into the vault when this person may; otherwise changes nothing. */
export async function moveLegacyKeys(
  db: Db,
  person: Person | null,
  session: Session,
  secure: boolean,
  now = Date.now(),
): Promise<LegacyMove> {
  if (!mayMoveLegacyKeys(person)) return { session, cookies: [] };
  // Revoked: forgotten, or moved already by a request that raced this one. Either way nothing to say.
  if (session.status === 'invalid' && session.reason === 'revoked') {
    return { session: { ...session, status: 'empty' }, cookies: [clearedKeyCookie(secure)] };
  }
  if (session.status !== 'ok' || session.data.workspaces.length === 0) return { session, cookies: [] };
  const { workspaces, sid } = session.data;
  await inTransaction(db, async (trx) => {
    for (const stored of workspaces) {
      await addVaultWorkspace(
        trx,
        { id: stored.id, name: stored.name, label: stored.label, apiKey: stored.key },
        person,
        { now, replace: false },
      );
    }
    await revokeSession(trx, sid, now + SESSION_TTL_SECONDS * 1000, now);
  });
  const moved = session.movedToVault + workspaces.length;
  return {
    session: { ...session, status: 'empty', data: { ...session.data, workspaces: [] }, movedToVault: moved },
    cookies: [clearedKeyCookie(secure), plainCookie(MOVED_COOKIE, String(moved), secure, DAY_SECONDS)],
  };
}

/** What the workspace list says about this browser's old key cookie (null: nothing to say). */
export function legacyKeysState(person: Person | null, session: Session): LegacyKeys {
  if (session.movedToVault > 0) return { state: 'moved', count: session.movedToVault };
  if (session.status === 'invalid') {
    const reason =
      session.reason === 'expired' || session.reason === 'revoked' ? session.reason : 'unreadable';
    return { state: 'unreadable', reason };
  }
  if (session.status !== 'ok' || session.data.workspaces.length === 0) return null;
  const count = session.data.workspaces.length;
  return person === null ? { state: 'waiting-for-owner', count } : { state: 'not-moved', count };
}
