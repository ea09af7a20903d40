import 'server-only';
import type { Db } from './connect';

// Wrong passwords counted per key (lib/server/auth/sign-in-throttle.ts builds the keys) over a fixed
// window that starts at the first failure. One upsert per failure, atomic on both databases, so
// several instances share the count.

export async function recordSignInFailure(
  db: Db,
  key: string,
  windowMs: number,
  now = Date.now(),
): Promise<number> {
  const row = await db
    .insertInto('sign_in_failures')
    .values({ key, failures: 1, window_started_at: now })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => {
        const expired = eb('sign_in_failures.window_started_at', '<=', now - windowMs);
        return {
          failures: eb
            .case()
            .when(expired)
            .then(1)
            .else(eb('sign_in_failures.failures', '+', 1))
            .end(),
          window_started_at: eb
            .case()
            .when(expired)
            .then(now)
            .else(eb.ref('sign_in_failures.window_started_at'))
            .end(),
        };
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return row.failures;
}

/** The failures inside the current window and when it ends (epoch ms); zero failures when it has passed. */
export async function signInFailures(
  db: Db,
  key: string,
  windowMs: number,
  now = Date.now(),
): Promise<{ failures: number; windowEndsAt: number }> {
  const row = await db
    .selectFrom('sign_in_failures')
    .select(['failures', 'window_started_at'])
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row || row.window_started_at <= now - windowMs) return { failures: 0, windowEndsAt: now };
  return { failures: row.failures, windowEndsAt: row.window_started_at + windowMs };
}

export async function clearSignInFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('key', '=', key).execute();
}
