import 'server-only';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { type Db, getDb } from '@/lib/store/db';
import { isSessionRevoked, revokeSession } from '@/lib/store/revoked-sessions';
import { getConfig } from './config';
import { type UnsealResult, seal, unseal } from './keyring';
import { type SealingKey, sealingKeys } from './secret';
import { processSingleton } from './singleton';

/** The browser holds the keys, sealed: the server stores no key, so there is no key database to leak. */
export const SESSION_COOKIE = 'fleet_keys';
const PURPOSE = 'session';
export const MAX_STORED_WORKSPACES = 8;
/** A key cookie lives 30 days from its last change (and is refreshed while in use, see refreshDue). */
export const SESSION_TTL_SECONDS = 60 * 60 * 24 * 30;
/** However much it is used, a key cookie stops opening 90 days after it was first issued. */
export const SESSION_MAX_LIFETIME_SECONDS = 60 * 60 * 24 * 90;

export const storedWorkspaceSchema = z.object({
  /** Our id: `ws_<Instantly workspace id>`. */
  id: z.string().regex(/^ws_[A-Za-z0-9-]{1,64}$/),
  name: z.string().max(200),
  label: z.string().max(60),
  key: z.string().min(8).max(400),
  addedAt: z.string(),
});
export type StoredWorkspace = z.infer<typeof storedWorkspaceSchema>;

export const sessionDataSchema = z.object({
  /** v1 cookies had no id and no expiry, so they could not be revoked: they no longer open. */
  v: z.literal(2),
  /** This cookie's id: forgetting a key revokes it, so copies of the old cookie stop working. */
  sid: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  /** Issued at, epoch seconds: use refreshes `exp`, but never past iat + SESSION_MAX_LIFETIME_SECONDS. */
  iat: z.number().int().positive(),
  /** Expiry, epoch seconds, sealed inside: nobody can edit it without the tag check failing. */
  exp: z.number().int().positive(),
  workspaces: z.array(storedWorkspaceSchema).max(MAX_STORED_WORKSPACES),
  active: z.string().max(80).nullable(),
});
export type SessionData = z.infer<typeof sessionDataSchema>;

export type InvalidSessionReason =
  Exclude<UnsealResult, { ok: true }>['reason'] | 'shape' | 'expired' | 'revoked';

/** What this request may use: the keys in its cookie, and whether the server-configured workspace. */
export type Session = (
  | { status: 'empty'; data: SessionData }
  | { status: 'ok'; data: SessionData }
  /** A cookie that no longer opens (secret rotated, tampered, expired or revoked): keys are re-entered. */
  | { status: 'invalid'; data: SessionData; reason: InvalidSessionReason }
) & {
  /**
   * The server-configured key (INSTANTLY_API_KEY) has no cookie of its own, so it is offered only to
   * requests for an allowed Host that a browser did not mark as cross-site.
   */
  serverWorkspace: boolean;
};

const newSid = () => randomBytes(18).toString('base64url');
const nowSeconds = (now = Date.now()) => Math.floor(now / 1000);

export const emptySessionData = (now = Date.now()): SessionData => ({
  v: 2,
  sid: newSid(),
  iat: nowSeconds(now),
  exp: nowSeconds(now) + SESSION_TTL_SECONDS,
  workspaces: [],
  active: null,
});

/** The same request with other stored data (after a change); an unreadable cookie starts over. */
export function withSessionData(
  session: Session,
  change: (data: SessionData) => Omit<SessionData, 'v' | 'sid' | 'iat' | 'exp'>,
): Session {
  const base = session.status === 'ok' ? session.data : emptySessionData();
  return { status: 'ok', serverWorkspace: session.serverWorkspace, data: { ...base, ...change(base) } };
}

export function getSealingKeys(): SealingKey[] {
  return processSingleton('sealing-keys', () => {
    const config = getConfig();
    return sealingKeys({
      secret: config.DASHBOARD_SECRET,
      previousSecret: config.DASHBOARD_SECRET_PREVIOUS,
      dataDir: config.DATA_DIR,
    });
  });
}

interface ReadOptions {
  serverWorkspace: boolean;
  keys?: SealingKey[];
  isRevoked?: (sid: string) => boolean | Promise<boolean>;
  now?: number;
}

export async function readSession(cookieValue: string | undefined, options: ReadOptions): Promise<Session> {
  const { serverWorkspace, keys = getSealingKeys(), now = Date.now() } = options;
  const isRevoked = options.isRevoked ?? (async (sid: string) => isSessionRevoked(await getDb(), sid));
  const invalid = (reason: InvalidSessionReason): Session => ({
    status: 'invalid',
    data: emptySessionData(now),
    reason,
    serverWorkspace,
  });
  if (!cookieValue) return { status: 'empty', data: emptySessionData(now), serverWorkspace };
  const opened = unseal(cookieValue, keys, PURPOSE);
  if (!opened.ok) return invalid(opened.reason);
  const parsed = sessionDataSchema.safeParse(opened.value);
  if (!parsed.success) return invalid('shape');
  const at = nowSeconds(now);
  if (parsed.data.exp <= at || parsed.data.iat + SESSION_MAX_LIFETIME_SECONDS <= at)
    return invalid('expired');
  if (await isRevoked(parsed.data.sid)) return invalid('revoked');
  return { status: 'ok', data: parsed.data, serverWorkspace };
}

/**
 * Makes every copy of this request's cookie unusable (after a key was forgotten). Copies may carry a
 * later expiry than this one (each write reseals for 30 days), so the id stays revoked for a full TTL.
 */
export async function revokeCookieOf(db: Db, session: Session, now = Date.now()): Promise<void> {
  if (session.status === 'ok')
    await revokeSession(db, session.data.sid, now + SESSION_TTL_SECONDS * 1000, now);
}

/** A cookie in use is resealed when less than half its life is left, so active users stay signed in. */
export function refreshDue(session: Session, now = Date.now()): boolean {
  return session.status === 'ok' && session.data.exp - nowSeconds(now) < SESSION_TTL_SECONDS / 2;
}

export interface CookieToSet {
  name: string;
  value: string;
  options: { httpOnly: true; sameSite: 'lax'; path: '/'; secure: boolean; maxAge: number };
}

/**
 * HttpOnly + SameSite=Lax + Path=/, Secure whenever the page was served over https. Every write starts
 * the 30 days again; the browser drops the cookie when the sealed expiry passes.
 */
export function sessionCookie(
  data: SessionData,
  secure: boolean,
  keys = getSealingKeys(),
  now = Date.now(),
): CookieToSet {
  const current = keys[0];
  if (!current) throw new Error('no sealing key');
  const empty = data.workspaces.length === 0 && data.active === null;
  const exp = Math.min(nowSeconds(now) + SESSION_TTL_SECONDS, data.iat + SESSION_MAX_LIFETIME_SECONDS);
  const sealed = { ...data, exp };
  return {
    name: SESSION_COOKIE,
    value: empty ? '' : seal(sessionDataSchema.parse(sealed), current, PURPOSE),
    options: {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure,
      maxAge: empty ? 0 : Math.max(0, exp - nowSeconds(now)),
    },
  };
}
