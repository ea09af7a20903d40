import 'server-only';
import { z } from 'zod';
import { getConfig } from './config';
import { type UnsealResult, seal, unseal } from './keyring';
import { type SealingKey, sealingKeys } from './secret';
import { processSingleton } from './singleton';

/** The browser holds the keys, sealed: the server stores no key, so there is no key database to leak. */
export const SESSION_COOKIE = 'fleet_keys';
const PURPOSE = 'session';
export const MAX_STORED_WORKSPACES = 8;

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
  v: z.literal(1),
  workspaces: z.array(storedWorkspaceSchema).max(MAX_STORED_WORKSPACES),
  active: z.string().max(80).nullable(),
});
export type SessionData = z.infer<typeof sessionDataSchema>;

export type Session =
  | { status: 'empty'; data: SessionData }
  | { status: 'ok'; data: SessionData }
  /** A cookie that no longer opens (secret rotated or lost, or tampered): the user re-enters keys. */
  | { status: 'invalid'; data: SessionData; reason: Exclude<UnsealResult, { ok: true }>['reason'] | 'shape' };

export const emptySessionData = (): SessionData => ({ v: 1, workspaces: [], active: null });

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

export function readSession(cookieValue: string | undefined, keys = getSealingKeys()): Session {
  if (!cookieValue) return { status: 'empty', data: emptySessionData() };
  const opened = unseal(cookieValue, keys, PURPOSE);
  if (!opened.ok) return { status: 'invalid', data: emptySessionData(), reason: opened.reason };
  const parsed = sessionDataSchema.safeParse(opened.value);
  if (!parsed.success) return { status: 'invalid', data: emptySessionData(), reason: 'shape' };
  return { status: 'ok', data: parsed.data };
}

export interface CookieToSet {
  name: string;
  value: string;
  options: { httpOnly: true; sameSite: 'lax'; path: '/'; secure: boolean; maxAge: number };
}

/** HttpOnly + SameSite=Lax + Path=/, Secure whenever the page was served over https. */
export function sessionCookie(data: SessionData, secure: boolean, keys = getSealingKeys()): CookieToSet {
  const current = keys[0];
  if (!current) throw new Error('no sealing key');
  const empty = data.workspaces.length === 0 && data.active === null;
  return {
    name: SESSION_COOKIE,
    value: empty ? '' : seal(sessionDataSchema.parse(data), current, PURPOSE),
    options: { httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge: empty ? 0 : 60 * 60 * 24 * 365 },
  };
}
