import type { z } from 'zod';
import { fullPageLoad } from './full-page-load';
import { type Problem, problemSchema } from '@/lib/schemas/api-problem';

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

interface ApiFetchInit {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * The browser's only way to the server: same-origin JSON, the answer checked with zod, every failure
 * turned into an ApiError with a title a person can read.
 */
export async function apiFetch<T>(path: string, schema: z.ZodType<T>, init: ApiFetchInit = {}): Promise<T> {
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
    const parsed = problemSchema.safeParse(body);
    // The session ended (signed out elsewhere, expired, removed): the sign-in page, then back here.
    if (parsed.success && parsed.data.type === 'sign-in-required' && typeof window !== 'undefined') {
      const here = `${window.location.pathname}${window.location.search}`;
      if (!window.location.pathname.startsWith('/sign-in')) {
        fullPageLoad(`/sign-in?next=${encodeURIComponent(here)}`);
      }
    }
    throw new ApiError(
      parsed.success
        ? parsed.data
        : { type: 'http', title: `Request failed (HTTP ${response.status})`, status: response.status },
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError({
      type: 'bad-response',
      title: 'The server answered with something unexpected',
      detail: parsed.error.issues[0]?.message,
      status: response.status,
    });
  }
  return parsed.data;
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
