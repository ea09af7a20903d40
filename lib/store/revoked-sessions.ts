import 'server-only';
import type { Db } from './db';

/**
 * Revokes a key cookie's id until `expiresAtMs` (epoch ms), when the cookie dies by itself. Rows whose
 * cookie has died already are dropped on the way, so the table stays as small as the set of live ids.
 */
export async function revokeSession(
  db: Db,
  sid: string,
  expiresAtMs: number,
  now = Date.now(),
): Promise<void> {
  await db.deleteFrom('revoked_sessions').where('expires_at', '<=', now).execute();
  await db
    .insertInto('revoked_sessions')
    .values({ sid, expires_at: expiresAtMs })
    .onConflict((oc) => oc.column('sid').doNothing())
    .execute();
}

export async function isSessionRevoked(db: Db, sid: string): Promise<boolean> {
  const row = await db.selectFrom('revoked_sessions').select('sid').where('sid', '=', sid).executeTakeFirst();
  return row !== undefined;
}
