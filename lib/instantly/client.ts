import 'server-only';
import type { z } from 'zod';
import { upstreamErrorBodySchema } from '@/lib/schemas/instantly-common';
import { InstantlyError, type InstantlyErrorKind, fieldFromValidationMessage, kindForStatus } from './errors';
import { abortableSleep, type RateBudget } from './rate-budget';

/** Anything that turns a Request into a Response: global fetch, or the simulator's handler. */
export type Transport = (request: Request) => Promise<Response>;

export type QueryValue = string | number | boolean | null | undefined | ReadonlyArray<string | number>;

export interface RequestOptions<T> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path under /api/v2, starting with a slash; dynamic segments already encoded. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  schema: z.ZodType<T>;
  /** Safe to repeat (GETs, analytics POSTs, job polling). Writes are never retried blindly. */
  idempotent?: boolean;
  signal?: AbortSignal;
}

export interface ClientOptions {
  apiKey: string;
  baseUrl: string;
  budget: RateBudget;
  transport?: Transport;
  userAgent?: string;
  readTimeoutMs?: number;
  writeTimeoutMs?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** The longest Retry-After we wait for inside one request; longer ones surface to the caller. */
  maxRetryAfterMs?: number;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Observes every attempt (for metrics and tests); never sees the key. */
  onAttempt?: (attempt: { method: string; path: string; status: number | null; attempt: number }) => void;
}

export const USER_AGENT = 'instantly-fleet-dashboard/0.1 (+https://github.com/)';

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const RETRYABLE_KINDS: ReadonlySet<InstantlyErrorKind> = new Set(['timeout', 'network']);

/** Builds `a=1&emails=x&emails=y`: arrays repeat the key, as Instantly's SDK does. */
export function buildQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Seconds or an HTTP date, as RFC 9110 allows; null when absent or unreadable. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * The one piece of code that speaks HTTP to Instantly API V2. Headers are built from scratch
 * (nothing from the browser is forwarded), every call waits for the workspace's rate budget, has a
 * timeout, follows the caller's AbortSignal, and only idempotent calls are retried.
 */
export class InstantlyClient {
  private readonly options: Required<Omit<ClientOptions, 'onAttempt'>> & Pick<ClientOptions, 'onAttempt'>;

  constructor(options: ClientOptions) {
    this.options = {
      transport: (request) => fetch(request),
      userAgent: USER_AGENT,
      readTimeoutMs: 20_000,
      writeTimeoutMs: 15_000,
      maxAttempts: 3,
      baseDelayMs: 250,
      maxDelayMs: 8_000,
      maxRetryAfterMs: 30_000,
      random: Math.random,
      sleep: abortableSleep,
      // An option passed as undefined means "use the default", not "use undefined".
      ...(Object.fromEntries(
        Object.entries(options).filter(([, value]) => value !== undefined),
      ) as ClientOptions),
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
    };
  }

  get budget(): RateBudget {
    return this.options.budget;
  }

  async request<T>(req: RequestOptions<T>): Promise<T> {
    const idempotent = req.idempotent ?? req.method === 'GET';
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.attempt(req, attempt);
      } catch (error) {
        if (!(error instanceof InstantlyError)) throw error;
        const retryable = attempt < this.options.maxAttempts && isRetryable(error, idempotent);
        if (!retryable) throw error;
        if (error.retryAfterMs !== null && error.retryAfterMs > this.options.maxRetryAfterMs) throw error;
        const backoff =
          this.options.random() * Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** attempt);
        const delay = Math.max(backoff, error.retryAfterMs ?? 0);
        // Everyone on this workspace waits after a 429, not just this caller.
        if (error.status === 429) this.options.budget.pauseFor(delay);
        await this.options.sleep(delay, req.signal).catch(() => {
          throw this.abortedError(req, attempt);
        });
      }
    }
  }

  private async attempt<T>(req: RequestOptions<T>, attempt: number): Promise<T> {
    const { method, path } = req;
    try {
      await this.options.budget.acquire(req.signal);
    } catch {
      throw this.abortedError(req, attempt);
    }

    const timeoutMs =
      method === 'GET' || req.idempotent ? this.options.readTimeoutMs : this.options.writeTimeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    const headers = new Headers({
      Authorization: `Bearer ${this.options.apiKey}`,
      Accept: 'application/json',
      'User-Agent': this.options.userAgent,
    });
    const hasBody = req.body !== undefined;
    if (hasBody) headers.set('Content-Type', 'application/json');
    const request = new Request(`${this.options.baseUrl}/api/v2${path}${buildQuery(req.query)}`, {
      method,
      headers,
      body: hasBody ? JSON.stringify(req.body) : undefined,
      cache: 'no-store',
      redirect: 'error',
      signal,
    });

    let response: Response;
    let text: string;
    try {
      response = await this.options.transport(request);
      text = await response.text();
    } catch (cause) {
      this.options.onAttempt?.({ method, path, status: null, attempt });
      if (req.signal?.aborted) throw this.abortedError(req, attempt);
      if (timeout.aborted) {
        throw new InstantlyError(
          {
            kind: 'timeout',
            message: `Instantly did not answer within ${timeoutMs / 1000} s`,
            method,
            path,
            attempts: attempt,
          },
          { cause },
        );
      }
      throw new InstantlyError(
        {
          kind: 'network',
          message: 'Could not reach Instantly (connection failed or was reset)',
          method,
          path,
          attempts: attempt,
        },
        { cause },
      );
    }
    this.options.onAttempt?.({ method, path, status: response.status, attempt });

    const contentType = response.headers.get('content-type') ?? '';
    const json = parseJson(text);
    if (!response.ok) throw this.httpError(req, attempt, response, json, contentType);
    if (json === undefined) {
      const what = contentType.includes('html')
        ? 'an HTML page'
        : text === ''
          ? 'an empty body'
          : 'a body that is not JSON';
      throw new InstantlyError({
        kind: 'bad-response',
        status: response.status,
        message: `Instantly answered with ${what} instead of JSON (HTTP ${response.status})`,
        method,
        path,
        attempts: attempt,
      });
    }
    const parsed = req.schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InstantlyError({
        kind: 'bad-response',
        status: response.status,
        message: `Instantly's answer did not have the expected shape (${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'})`,
        method,
        path,
        attempts: attempt,
      });
    }
    return parsed.data;
  }

  private httpError<T>(
    req: RequestOptions<T>,
    attempt: number,
    response: Response,
    json: unknown,
    contentType: string,
  ): InstantlyError {
    const body = upstreamErrorBodySchema.safeParse(json);
    const upstreamMessage = body.success ? (body.data.message ?? body.data.error ?? null) : null;
    const kind = kindForStatus(response.status);
    const nonJson = json === undefined;
    const message = nonJson
      ? `Instantly answered HTTP ${response.status} with ${contentType.includes('html') ? 'an HTML page' : 'a non-JSON body'}`
      : (upstreamMessage ?? `Instantly answered HTTP ${response.status}`);
    return new InstantlyError({
      kind,
      status: response.status,
      message,
      field: kind === 'bad-request' ? fieldFromValidationMessage(upstreamMessage) : null,
      upstreamMessage,
      upstreamCode: body.success ? (body.data.code ?? null) : null,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      method: req.method,
      path: req.path,
      attempts: attempt,
    });
  }

  private abortedError<T>(req: RequestOptions<T>, attempt: number): InstantlyError {
    return new InstantlyError({
      kind: 'aborted',
      message: 'The request was cancelled',
      method: req.method,
      path: req.path,
      attempts: attempt,
    });
  }
}

/**
 * Idempotent calls retry on 429/502/503/504, timeouts and resets. A write retries only on 429: the
 * rate limiter refused it before any work was done, so repeating it cannot apply it twice; after a
 * timeout or a 5xx we cannot know whether it landed, so it is never repeated.
 */
function isRetryable(error: InstantlyError, idempotent: boolean): boolean {
  if (!idempotent) return error.status === 429;
  return RETRYABLE_KINDS.has(error.kind) || (error.status !== null && RETRYABLE_STATUS.has(error.status));
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
