import 'server-only';
import { hkdfSync } from 'node:crypto';
import { betterAuth } from 'better-auth';
import { hashPassword as hashWithBetterAuth } from 'better-auth/crypto';
import { PASSWORD_MIN } from '@/lib/schemas/api-people';
import { type Db, dialectOf, getDb } from '@/lib/store/db';
import { getSealingKeys } from '../session';
import { processSingleton, resetProcessSingleton } from '../singleton';

// better-auth on the process's own database (the tables of migration 8, mapped here onto their
// snake_case columns). Public sign-up is off: people come in as the owner (once) or by invite, both
// created by lib/server/auth/people.ts; better-auth signs them in, keeps their sessions and signs them out.

const DAY_S = 24 * 60 * 60;

/** better-auth's signing secret, derived from the server secret (never a constant, never stored). */
export function authSecret(): string {
  const [current] = getSealingKeys();
  if (!current) throw new Error('No sealing key');
  return Buffer.from(
    hkdfSync('sha256', current.key, 'instantly-fleet-dashboard', 'better-auth-v1', 32),
  ).toString('base64url');
}

export function createAuth(db: Db, options: { secret: string; secure: boolean }) {
  const dialect = dialectOf(db);
  return betterAuth({
    appName: 'Fleet health',
    secret: options.secret,
    basePath: '/api/auth',
    // The Host was checked already (proxy.ts and the route), so any allowed host is this server.
    baseURL: { allowedHosts: ['*', '*:*'], protocol: options.secure ? 'https' : 'http' },
    // On SQLite one connection serves the process: a better-auth transaction holding it while a
    // query outside it waits would never finish. PostgreSQL has a pool.
    database: { db, type: dialect, transaction: dialect === 'postgres' },
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: 128,
      autoSignIn: false,
    },
    user: {
      modelName: 'people',
      fields: { emailVerified: 'email_verified', createdAt: 'created_at', updatedAt: 'updated_at' },
      additionalFields: {
        role: { type: 'string', required: false, defaultValue: 'viewer', input: false },
      },
    },
    session: {
      modelName: 'auth_sessions',
      fields: {
        expiresAt: 'expires_at',
        createdAt: 'created_at',
        updatedAt: 'updated_at',
        ipAddress: 'ip_address',
        userAgent: 'user_agent',
        userId: 'user_id',
      },
      expiresIn: 7 * DAY_S,
      updateAge: DAY_S,
      // Every request reads the session row, so removing a member or revoking sessions works at once.
      cookieCache: { enabled: false },
    },
    account: {
      modelName: 'auth_accounts',
      fields: {
        accountId: 'account_id',
        providerId: 'provider_id',
        userId: 'user_id',
        accessToken: 'access_token',
        refreshToken: 'refresh_token',
        idToken: 'id_token',
        accessTokenExpiresAt: 'access_token_expires_at',
        refreshTokenExpiresAt: 'refresh_token_expires_at',
        createdAt: 'created_at',
        updatedAt: 'updated_at',
      },
    },
    verification: {
      modelName: 'auth_verifications',
      fields: { expiresAt: 'expires_at', createdAt: 'created_at', updatedAt: 'updated_at' },
    },
    // Wrong passwords are counted per e-mail by our own throttle (lib/server/auth/sign-in-throttle.ts),
    // which answers a clear 429 problem; better-auth's per-address limit would refuse good passwords too.
    rateLimit: { enabled: true, window: 60, max: 300, customRules: { '/sign-in/email': false } },
    advanced: {
      cookiePrefix: 'fleet',
      useSecureCookies: options.secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', path: '/' },
    },
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** The process's better-auth, one per cookie flavour (Secure on https, plain on http). */
export function getAuth(secure: boolean): Promise<Auth> {
  const name = `auth:${secure ? 'https' : 'http'}`;
  return processSingleton(name, () => {
    const creating = getDb().then((db) => createAuth(db, { secret: authSecret(), secure }));
    creating.catch(() => resetProcessSingleton(name));
    return creating;
  });
}

/** Hashes a password as better-auth's sign-in verifies it (its default scrypt hasher). */
export function hashPassword(password: string): Promise<string> {
  return hashWithBetterAuth(password);
}
