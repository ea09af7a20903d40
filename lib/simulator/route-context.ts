import 'server-only';
import type { z } from 'zod';
import { coerceLikeAjv } from './ajv-coercion';
import type { FaultInjector } from './fault-injector';
import { errorResponse, validationError } from './http-responses';
import { firstValidationMessage } from './validation-errors';
import type { GroupMember } from './workspace-group';
import type { WorkspaceState } from './workspace-state';

// What a route handler receives, and the helpers every handler uses to validate its input.

export interface SimulatorRuntime {
  jobSpeed: number;
  faults: FaultInjector;
  /** Every workspace, for checks that span them (an address can be connected only once). */
  allWorkspaces(): Iterable<WorkspaceState>;
  /** The group this workspace administers (empty for any other workspace). */
  groupOf(state: WorkspaceState): readonly GroupMember[];
  stateOf(slug: string): WorkspaceState | undefined;
}

export interface RouteContext {
  state: WorkspaceState;
  request: Request;
  url: URL;
  method: string;
  /** The path after /api/v2, e.g. `/accounts/a%40b.co`. */
  path: string;
  /** Decoded path parameters, in order. */
  params: string[];
  body: unknown;
  nowMs: number;
  runtime: SimulatorRuntime;
}

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  pattern: RegExp;
  /** Mutating operations: refused with 403 for a read-only key. */
  write: boolean;
  handler: (ctx: RouteContext) => Response | Promise<Response>;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; response: Response };

/** The body checked against the route's schema after Ajv's type coercion, as Fastify does. */
export function validateBody<T>(schema: z.ZodType<T>, body: unknown): Validated<T> {
  const result = schema.safeParse(coerceLikeAjv(schema, body));
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    response: validationError(firstValidationMessage(result.error.issues, 'body', body) ?? 'body is invalid'),
  };
}

/** Fastify's answer to a path segment that is not valid percent-encoding. */
export function badUrl(path: string): Response {
  return errorResponse(400, `'${path}' is not a valid url component`, 'FST_ERR_BAD_URL');
}
