import 'server-only';
import { z } from 'zod';
import { InstantlyError } from '@/lib/instantly/errors';
import type { Problem } from '@/lib/schemas/api-problem';

/** Every /api answer is private and never cached. */
export const NO_STORE_HEADERS = { 'Cache-Control': 'private, no-store' } as const;

export function json(
  body: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { 'Content-Type': 'application/json', ...NO_STORE_HEADERS, ...init.headers },
  });
}

export function problem(p: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(p), {
    status: p.status,
    headers: { 'Content-Type': 'application/problem+json', ...NO_STORE_HEADERS, ...headers },
  });
}

/** Thrown by handlers and helpers for an answer they chose; mapped 1:1 to a problem response. */
export class ProblemError extends Error {
  override name = 'ProblemError';
  constructor(readonly problem: Problem) {
    super(problem.title);
  }
}

const upstreamProblems: Record<InstantlyError['kind'], { status: number; title: string; detail?: string }> = {
  'bad-request': { status: 400, title: 'Instantly refused the request' },
  unauthorized: {
    status: 401,
    title: 'Instantly rejected the stored key',
    detail: 'The key may have been revoked or deleted. Add it again in Settings.',
  },
  'payment-required': {
    status: 402,
    title: 'This workspace has no active paid plan',
    detail: 'Instantly answers API calls only for workspaces with an active plan.',
  },
  forbidden: {
    status: 403,
    title: 'The key is missing a scope for this',
    detail: 'Create a key with accounts:read and accounts:update (or all:all) in Instantly.',
  },
  'not-in-group': {
    status: 403,
    title: 'This client workspace left the workspace group',
    detail:
      'Instantly no longer lets the admin key act as this workspace (it left the group, or its invitation is not accepted). An admin can remove it in Settings, or add its own key.',
  },
  'not-found': { status: 404, title: 'Not found in Instantly' },
  conflict: { status: 409, title: 'Instantly is busy with this account' },
  'too-large': { status: 413, title: 'The request was too large for Instantly' },
  // The detail is written per error (rateLimitedDetail): it says when to try again.
  'rate-limited': { status: 429, title: 'Instantly is rate limiting this workspace' },
  server: {
    status: 502,
    title: 'Instantly had an error',
    detail: 'Instantly answered with a server error. Try again in a moment.',
  },
  'edge-blocked': {
    status: 502,
    title: "Instantly's network edge refused the request",
    detail:
      "This is not your key or its scopes: the firewall in front of Instantly's API answered with a block page before the API saw the request. It usually clears within minutes; if it persists, ask Instantly support whether this server's address is blocked.",
  },
  'edge-error': {
    status: 502,
    title: "Instantly's edge answered with an error page",
    detail:
      "The network edge in front of Instantly's API could not get an answer from it. This is on Instantly's side: try again in a few minutes.",
  },
  timeout: { status: 504, title: 'Instantly did not answer in time' },
  network: { status: 502, title: 'Could not reach Instantly' },
  'bad-response': { status: 502, title: 'Instantly answered with something unexpected' },
  aborted: { status: 499, title: 'The request was cancelled' },
};

/**
 * A 400 naming the field at fault. A whole body or query of the wrong shape names its location
 * ("body"), and a key that is not allowed names that key, so a form always knows where to point.
 */
export function invalidInput(
  error: z.ZodError,
  location: 'body' | 'query' | 'params' | 'input' = 'input',
): Problem {
  const issue = error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  const unknownKey = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const field = path || unknownKey || location;
  const message = issue?.message ?? 'The request was not valid.';
  return {
    type: 'invalid-input',
    title: `Invalid ${field}`,
    detail: `${field}: ${message}`,
    status: 400,
    field,
  };
}

/** Says what the dashboard did and when trying again can help, never a promise it will not keep. */
export const RATE_LIMIT_CONTEXT = 'The workspace shares 100 requests a second with every integration.';

function rateLimitedDetail(error: InstantlyError): string {
  const shared = RATE_LIMIT_CONTEXT;
  const tried =
    error.attempts > 1
      ? `The dashboard tried ${error.attempts} times, then stopped`
      : 'The dashboard stopped asking';
  if (error.retryAfterMs !== null) {
    const seconds = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
    return `${shared} ${tried}: Instantly asked to wait ${seconds} s, so try again in ${seconds} s.`;
  }
  return `${shared} ${tried}: try again in a minute.`;
}

/** The problem a person should see for an upstream failure (also used for failed background syncs). */
export function upstreamProblem(error: InstantlyError): Problem {
  const mapped = upstreamProblems[error.kind];
  return {
    type: `upstream-${error.kind}`,
    title: mapped.title,
    detail: error.kind === 'rate-limited' ? rateLimitedDetail(error) : (mapped.detail ?? error.message),
    status: mapped.status,
    field: error.field ?? undefined,
    upstreamStatus: error.status ?? undefined,
    upstreamMessage: error.upstreamMessage ?? undefined,
    retryAfterSeconds: error.retryAfterMs !== null ? Math.ceil(error.retryAfterMs / 1000) : undefined,
  };
}

/** Maps anything thrown inside a handler to a JSON problem the UI can show; never leaks internals. */
export function toProblemResponse(error: unknown): Response {
  if (error instanceof ProblemError) {
    const wait = error.problem.retryAfterSeconds;
    return problem(error.problem, wait !== undefined ? { 'Retry-After': String(wait) } : {});
  }
  if (error instanceof z.ZodError) return problem(invalidInput(error));
  if (error instanceof InstantlyError) {
    const p = upstreamProblem(error);
    return problem(
      p,
      p.retryAfterSeconds !== undefined ? { 'Retry-After': String(p.retryAfterSeconds) } : {},
    );
  }
  console.error('Unhandled error in an /api handler:', error instanceof Error ? error.stack : error);
  return problem({ type: 'internal', title: 'Something went wrong on the server', status: 500 });
}
