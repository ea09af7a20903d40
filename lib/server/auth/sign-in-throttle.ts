import 'server-only';
import { createHash } from 'node:crypto';
import type { Db } from '@/lib/store/db';
import { clearSignInFailures, recordSignInFailure, signInFailures } from '@/lib/store/sign-in-failures';
import { ProblemError } from '../problem';

// Wrong passwords, not sign-ins, are what is limited: ten for one e-mail from one client in fifteen
// minutes, and a larger number for one e-mail from everywhere (a guesser changing addresses). A
// person who knows their password is never held back by someone else guessing from elsewhere until
// that larger limit, and a right password clears their own count.

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const FAILURES_PER_CLIENT = 10;
export const FAILURES_PER_EMAIL = 100;

const digest = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 32);
const keysFor = (email: string, client: string) => {
  const who = digest(email.trim().toLowerCase());
  return { pair: `c:${who}:${digest(client)}`, email: `e:${who}` };
};

/** Refuses (429 with Retry-After) an attempt that follows too many wrong passwords. */
export async function assertSignInAllowed(
  db: Db,
  email: string,
  client: string,
  now = Date.now(),
): Promise<void> {
  const keys = keysFor(email, client);
  const [pair, all] = await Promise.all([
    signInFailures(db, keys.pair, SIGN_IN_WINDOW_MS, now),
    signInFailures(db, keys.email, SIGN_IN_WINDOW_MS, now),
  ]);
  const blockedUntil = Math.max(
    pair.failures >= FAILURES_PER_CLIENT ? pair.windowEndsAt : 0,
    all.failures >= FAILURES_PER_EMAIL ? all.windowEndsAt : 0,
  );
  if (blockedUntil <= now) return;
  const seconds = Math.max(1, Math.ceil((blockedUntil - now) / 1000));
  const minutes = Math.ceil(seconds / 60);
  throw new ProblemError({
    type: 'sign-in-throttled',
    title: 'Too many wrong passwords',
    detail: `Sign-in for this e-mail is paused after too many wrong passwords. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    status: 429,
    retryAfterSeconds: seconds,
  });
}

export async function recordWrongPassword(
  db: Db,
  email: string,
  client: string,
  now = Date.now(),
): Promise<void> {
  const keys = keysFor(email, client);
  await recordSignInFailure(db, keys.pair, SIGN_IN_WINDOW_MS, now);
  await recordSignInFailure(db, keys.email, SIGN_IN_WINDOW_MS, now);
}

export async function clearWrongPasswords(db: Db, email: string, client: string): Promise<void> {
  await clearSignInFailures(db, keysFor(email, client).pair);
}
