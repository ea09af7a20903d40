import 'server-only';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { type Db, getDb } from '@/lib/store/db';
import { isSessionRevoked, revokeSession } from '@/lib/store/revoked-sessions';
import { getConfig } from './config';
import { type UnsealResult, seal, unseal } from './keyring';
import { type SealingKey, sealingKeys } from './secret';
import { processSingleton } from './singleton';

/**
 * Before the vault, a browser held its keys sealed in this cookie. The server no longer writes one:
 * it reads it only to move the keys into the vault (lib/server/legacy-keys.ts), then clears it.
 */
export const SESSION_COOKIE = 'fleet_keys';
/** The active workspace's id, plain: not a secret, and checked against what the person may see. */
export const ACTIVE_COOKIE = 'fleet_workspace';
/** How many keys the last request moved from the cookie into the vault, until the list has said so. */
export const MOVED_COOKIE = 'fleet_keys_moved';
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

/** This request's cookies: the legacy key cookie, the active choice, and whether the server workspace. */
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
  /** The `fleet_workspace` cookie's id, not yet checked against what the person may see. */
  activeChoice: string | null;
  /** Keys moved from this browser's cookie into the vault that the person has not been told of. */
  movedToVault: number;
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
  activeChoice?: string | null;
  movedToVault?: number;
  keys?: SealingKey[];
  isRevoked?: (sid: string) => boolean | Promise<boolean>;
  now?: number;
}

export async function readSession(cookieValue: string | undefined, options: ReadOptions): Promise<Session> {
  const { serverWorkspace, keys = getSealingKeys(), now = Date.now() } = options;
  const activeChoice = options.activeChoice ?? null;
  const movedToVault = options.movedToVault ?? 0;
  const isRevoked = options.isRevoked ?? (async (sid: string) => isSessionRevoked(await getDb(), sid));
  const invalid = (reason: InvalidSessionReason): Session => ({
    status: 'invalid',
    data: emptySessionData(now),
    reason,
    serverWorkspace,
    activeChoice,
    movedToVault,
  });
  if (!cookieValue)
    return { status: 'empty', data: emptySessionData(now), serverWorkspace, activeChoice, movedToVault };
  const opened = unseal(cookieValue, keys, PURPOSE);
  if (!opened.ok) return invalid(opened.reason);
  const parsed = sessionDataSchema.safeParse(opened.value);
  if (!parsed.success) return invalid('shape');
  const at = nowSeconds(now);
  if (parsed.data.exp <= at || parsed.data.iat + SESSION_MAX_LIFETIME_SECONDS <= at)
    return invalid('expired');
  if (await isRevoked(parsed.data.sid)) return invalid('revoked');
  return { status: 'ok', data: parsed.data, serverWorkspace, activeChoice, movedToVault };
}

/**
 * Makes every copy of this request's cookie unusable (after a key was forgotten). Copies may carry a
 * later expiry than this one (each write reseals for 30 days), so the id stays revoked for a full TTL.
 */
export async function revokeCookieOf(db: Db, session: Session, now = Date.now()): Promise<void> {
  if (session.status === 'ok')
    await revokeSession(db, session.data.sid, now + SESSION_TTL_SECONDS * 1000, now);
}

export interface CookieToSet {
  name: string;
  value: string;
  options: { httpOnly: true; sameSite: 'lax'; path: '/'; secure: boolean; maxAge: number };
}

/**
 * A legacy key cookie (HttpOnly + SameSite=Lax + Path=/, Secure over https). The server only ever
 * writes an empty one now, to clear it; tests build full ones as old browsers still hold them.
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

const PLAIN_VALUE = /^[A-Za-z0-9_-]{1,80}$/;

/** A plain cookie's value if it has the shape we write, else null (never trusted beyond that). */
export const plainCookieValue = (value: string | undefined): string | null =>
  value !== undefined && PLAIN_VALUE.test(value) ? value : null;

/** A small HttpOnly cookie holding a plain value; an empty value clears it. */
export function plainCookie(name: string, value: string, secure: boolean, maxAge: number): CookieToSet {
  return {
    name,
    value,
    options: { httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge: value === '' ? 0 : maxAge },
  };
}

const YEAR_SECONDS = 60 * 60 * 24 * 365;

export const activeWorkspaceCookie = (id: string, secure: boolean): CookieToSet =>
  plainCookie(ACTIVE_COOKIE, id, secure, YEAR_SECONDS);

/** Clears the legacy key cookie. */
export const clearedKeyCookie = (secure: boolean): CookieToSet => plainCookie(SESSION_COOKIE, '', secure, 0);
