import 'server-only';
import type { NextRequest } from 'next/server';
import type { z } from 'zod';
import type { InstantlyClient } from '@/lib/instantly/client';
import { type Db, getDb } from '@/lib/store/db';
import { isSessionRevoked } from '@/lib/store/revoked-sessions';
import { foreignHostResponse, requestHostAllowed } from './allowed-hosts';
import { personOfRequest } from './auth/people';
import { type Person, type Role, requireRole } from './auth/person';
import { moveLegacyKeys } from './legacy-keys';
import {
  ACTIVE_COOKIE,
  type CookieToSet,
  MOVED_COOKIE,
  type Session,
  SESSION_COOKIE,
  plainCookieValue,
  readSession,
} from './session';
import { ProblemError, invalidInput, toProblemResponse } from './problem';
import { assertSameOrigin, queryObject, readJsonBody, sameHostRequest } from './request-guards';
import { type ResolvedWorkspace, clientFor, requestDeadline, resolveWorkspace } from './workspaces';

interface InputSchemas<P, Q, B> {
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /**
   * The least role the route needs: by default viewer to read (GET) and operator to change anything.
   * `public`: answered without a session even once an owner exists (sign-in, owner setup, invites).
   */
  role?: Role | 'public';
}

export interface SessionContext<P, Q, B> {
  req: NextRequest;
  params: P;
  query: Q;
  body: B;
  session: Session;
  /** The signed-in person; null while nobody has registered (the open demo). */
  person: Person | null;
  /** The process's database: handlers use this one, never open their own. */
  db: Db;
  /** True when the page was served over https: cookies get the Secure flag. */
  secure: boolean;
  signal: AbortSignal;
  /** When this request must have its answer: every call to Instantly made for it shares this time. */
  deadline: number;
}

export interface WorkspaceContext<P, Q, B> extends SessionContext<P, Q, B> {
  workspace: ResolvedWorkspace;
  client: InstantlyClient;
}

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
export type RouteHandler = (req: NextRequest, ctx: RouteContext) => Promise<Response>;

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * The one wrapper around every /api handler: CSRF and content-type checks on writes, the 256 KB body
 * cap, zod validation of params, query and body before the handler (so invalid input never reaches
 * Instantly), the signed-in person read from better-auth's session cookie inside the handler itself
 * (never trusted from middleware) and the role the route needs, a browser's old key cookie moved into
 * the vault, and every error mapped to a JSON problem.
 */
export function withSession<P = unknown, Q = unknown, B = unknown>(
  schemas: InputSchemas<P, Q, B>,
  handler: (ctx: SessionContext<P, Q, B>) => Promise<Response>,
): RouteHandler {
  return async (req, routeContext) => {
    const deadline = requestDeadline();
    // Checked here too, not only in proxy.ts: a handler never trusts that middleware ran.
    if (!requestHostAllowed(req)) return foreignHostResponse(req);
    let cookies: CookieToSet[] = [];
    let sessionCookies: readonly string[] = [];
    const finish = (response: Response) => {
      for (const cookie of sessionCookies) response.headers.append('Set-Cookie', cookie);
      return withCookiesFirst(response, cookies);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') assertSameOrigin(req);
      const rawBody = BODY_METHODS.has(req.method) ? await readJsonBody(req) : undefined;
      const db = await getDb();
      const read = await readSession(req.cookies.get(SESSION_COOKIE)?.value, {
        serverWorkspace: sameHostRequest(req),
        isRevoked: (sid) => isSessionRevoked(db, sid),
        activeChoice: plainCookieValue(req.cookies.get(ACTIVE_COOKIE)?.value),
        movedToVault: Number(plainCookieValue(req.cookies.get(MOVED_COOKIE)?.value)) || 0,
      });
      const secure = req.nextUrl.protocol === 'https:' || req.headers.get('x-forwarded-proto') === 'https';
      const who = await personOfRequest(db, req.headers, secure);
      const person: Person | null = who.person;
      const needed = schemas.role ?? (req.method === 'GET' || req.method === 'HEAD' ? 'viewer' : 'operator');
      if (needed !== 'public') {
        if (who.ownerExists && person === null) throw signInRequired();
        requireRole(person, needed);
      }
      // better-auth extended the session: the cookie's expiry follows (on errors too).
      sessionCookies = who.setCookies;
      // Validated after the session: someone who may not call a route learns nothing about its input.
      const params = parseInput(schemas.params, await routeContext.params, 'params') as P;
      const query = parseInput(
        schemas.query,
        queryObject(req.nextUrl.searchParams, ['workspace']),
        'query',
      ) as Q;
      const body = parseInput(schemas.body, rawBody, 'body') as B;
      // Before the handler, so the keys it moves are in the vault for this very request.
      const moved = await moveLegacyKeys(db, person, read, secure);
      const session = moved.session;
      cookies = moved.cookies;
      const response = await handler({
        req,
        params,
        query,
        body,
        session,
        person,
        db,
        secure,
        signal: req.signal,
        deadline,
      });
      return finish(response);
    } catch (error) {
      return finish(toProblemResponse(error));
    }
  };
}

/** withSession plus the workspace the request acts on (`?workspace=<id>` or the active one) and its client. */
export function withWorkspace<P = unknown, Q = unknown, B = unknown>(
  schemas: InputSchemas<P, Q, B>,
  handler: (ctx: WorkspaceContext<P, Q, B>) => Promise<Response>,
): RouteHandler {
  return withSession(schemas, async (ctx) => {
    const workspace = await resolveWorkspace(ctx, ctx.req.nextUrl.searchParams.get('workspace'));
    return handler({ ...ctx, workspace, client: clientFor(workspace, { deadline: ctx.deadline }) });
  });
}

function parseInput<T>(
  schema: z.ZodType<T> | undefined,
  value: unknown,
  location: 'body' | 'query' | 'params',
): unknown {
  if (!schema) return value;
  const result = schema.safeParse(value);
  if (!result.success) throw new ProblemError(invalidInput(result.error, location));
  return result.data;
}

/** Adds a Set-Cookie for the sealed session to a response. */
export function withCookie(response: Response, cookie: CookieToSet): Response {
  const parts = [
    `${cookie.name}=${cookie.value}`,
    `Path=${cookie.options.path}`,
    `Max-Age=${cookie.options.maxAge}`,
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (cookie.options.secure) parts.push('Secure');
  response.headers.append('Set-Cookie', parts.join('; '));
  return response;
}

/** Adds cookies ahead of the response's own, so a handler's Set-Cookie for the same name wins. */
function withCookiesFirst(response: Response, cookies: readonly CookieToSet[]): Response {
  if (cookies.length === 0) return response;
  const own = response.headers.getSetCookie();
  response.headers.delete('Set-Cookie');
  for (const cookie of cookies) withCookie(response, cookie);
  for (const value of own) response.headers.append('Set-Cookie', value);
  return response;
}

function signInRequired(): ProblemError {
  return new ProblemError({
    type: 'sign-in-required',
    title: 'Sign in first',
    detail: 'This dashboard has accounts: sign in to use it.',
    status: 401,
  });
}
