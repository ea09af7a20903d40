import 'server-only';
import type { Db } from './db';
import { cachedStatements } from './statements';

const statements = cachedStatements({
  revoke: 'INSERT INTO revoked_sessions (sid, expires_at) VALUES (?, ?) ON CONFLICT (sid) DO NOTHING',
  find: 'SELECT 1 FROM revoked_sessions WHERE sid = ?',
  prune: 'DELETE FROM revoked_sessions WHERE expires_at <= ?',
});

/** Revokes a key cookie's id until `expiresAt` (epoch seconds), when the cookie dies by itself. */
export async function revokeSession(db: Db, sid: string, expiresAt: number, now = Date.now()): Promise<void> {
  const s = statements(db);
  s.prune.run(Math.floor(now / 1000));
  s.revoke.run(sid, expiresAt);
}

export async function isSessionRevoked(db: Db, sid: string): Promise<boolean> {
  return statements(db).find.get(sid) !== undefined;
}
