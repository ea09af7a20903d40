import type { z } from 'zod';
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

/** Retry transient failures a couple of times; never retry what the server refused on purpose. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2) return false;
  if (!(error instanceof ApiError)) return false;
  return (
    error.status === 0 ||
    error.status === 429 ||
    error.status === 502 ||
    error.status === 503 ||
    error.status === 504
  );
}
