import { fullPageLoad } from './full-page-load';
import type { Problem } from '@/lib/schemas/api-problem';

/** A failed call to our /api, carrying the problem the server described (or one we made up). */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(readonly problem: Problem) {
    super(problem.title);
  }
  get status(): number {
    return this.problem.status;
  }
}

/** A failed request as a problem to show: the server's own, or the error's message for anything else. */
export function problemOf(error: Error): Problem {
  return error instanceof ApiError ? error.problem : { type: 'error', title: error.message, status: 0 };
}

interface ApiFetchInit {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

/** The problem body every /api error carries (lib/server/problem.ts), told apart from anything else. */
function asProblem(body: unknown): Problem | null {
  if (typeof body !== 'object' || body === null) return null;
  const { type, title, status } = body as Record<string, unknown>;
  return typeof type === 'string' && typeof title === 'string' && typeof status === 'number'
    ? (body as Problem)
    : null;
}

/**
 * The browser's only way to the server: same-origin JSON, every failure turned into an ApiError with a
 * title a person can read. `T` is the route's response type, from the same zod schema the server
 * builds it with; the answer is not parsed with zod again here, so zod stays off the browser bundle
 * (about 30 KB gzip on every page). The server is the boundary that validates (SECURITY.md); what it
 * answers is checked to be JSON of an object, an array or a value, never an HTML page or nothing.
 */
export async function apiFetch<T>(path: string, init: ApiFetchInit = {}): Promise<T> {
  const method = init.method ?? 'GET';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers:
        method === 'GET'
          ? { Accept: 'application/json' }
          : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: method === 'GET' ? undefined : JSON.stringify(init.body ?? {}),
      credentials: 'same-origin',
      signal: init.signal,
    });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ApiError({
      type: 'network',
      title: 'Could not reach the dashboard server',
      detail: 'Check that it is still running, then try again.',
      status: 0,
    });
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const problem = asProblem(body);
    // The session ended (signed out elsewhere, expired, removed): the sign-in page, then back here.
    if (problem?.type === 'sign-in-required' && typeof window !== 'undefined') {
      const here = `${window.location.pathname}${window.location.search}`;
      if (!window.location.pathname.startsWith('/sign-in')) {
        fullPageLoad(`/sign-in?next=${encodeURIComponent(here)}`);
      }
    }
    throw new ApiError(
      problem ?? { type: 'http', title: `Request failed (HTTP ${response.status})`, status: response.status },
    );
  }
  if (body === undefined) {
    throw new ApiError({
      type: 'bad-response',
      title: 'The server answered with something unexpected',
      detail: 'The answer was not JSON.',
      status: response.status,
    });
  }
  return body as T;
}

/**
 * The browser retries only what never reached our server (status 0), and only once. Every answer the
 * server gave is final: it already retried Instantly's 429s, 5xx and timeouts within the request's
 * deadline, so retrying here would multiply the wait (3 × 3 attempts) before the person sees why.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 1) return false;
  return error instanceof ApiError && error.status === 0 && error.problem.type === 'network';
}
