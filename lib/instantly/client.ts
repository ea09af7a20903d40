import 'server-only';
import type { z } from 'zod';
import { upstreamErrorBodySchema } from '@/lib/schemas/instantly-common';
import {
  InstantlyError,
  type InstantlyErrorKind,
  fieldFromValidationMessage,
  kindForNonJsonStatus,
  kindForStatus,
} from './errors';
import { BudgetDeadlineError, abortableSleep, type RateBudget } from './rate-budget';

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
  /** An absolute time (ms on the client's clock) by which this call must have settled; see ClientOptions. */
  deadline?: number;
}

export interface ClientOptions {
  apiKey: string;
  baseUrl: string;
  budget: RateBudget;
  /**
   * Acting as a sub workspace of the key's workspace group: its Instantly id, sent as
   * `x-as-workspace` on every call (REFERENCE §1.1a). Set only by the server from a stored workspace,
   * never from anything a browser sent.
   */
  asWorkspace?: string;
  /**
   * The admin key's shared cap: every sub workspace served by one admin key also takes a slot here,
   * so a 40-client group never floods the admin workspace. `budget` stays the sub workspace's own.
   */
  groupBudget?: RateBudget;
  transport?: Transport;
  userAgent?: string;
  readTimeoutMs?: number;
  writeTimeoutMs?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** The longest Retry-After we wait for inside one request; longer ones surface to the caller. */
  maxRetryAfterMs?: number;
  /**
   * An absolute time (ms on `now`'s clock, which the budget must share) by which every call of this
   * client must have settled: attempts, backoff sleeps and rate-budget waits all come out of it. A
   * person-facing /api request gets one (REQUEST_DEADLINE_MS); background work has none.
   */
  deadline?: number;
  now?: () => number;
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
  private readonly options: Required<
    Omit<ClientOptions, 'onAttempt' | 'deadline' | 'asWorkspace' | 'groupBudget'>
  > &
    Pick<ClientOptions, 'onAttempt' | 'deadline' | 'asWorkspace' | 'groupBudget'>;

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
      now: Date.now,
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

  get deadline(): number | undefined {
    return this.options.deadline;
  }

  /** The sub workspace this client acts as (`x-as-workspace`), or null for the key's own workspace. */
  get asWorkspace(): string | null {
    return this.options.asWorkspace ?? null;
  }

  /** The same client with every call bounded by `ms` from now (by this client's clock). */
  withTimeBudget(ms: number): InstantlyClient {
    return this.withDeadline(this.options.now() + ms);
  }

  /** The same client (key, budget, transport) with every call bounded by `deadline`. */
  withDeadline(deadline: number | undefined): InstantlyClient {
    return new InstantlyClient({ ...this.options, deadline });
  }

  async request<T>(req: RequestOptions<T>): Promise<T> {
    const idempotent = req.idempotent ?? req.method === 'GET';
    const deadline = earliest(this.options.deadline, req.deadline);
    let lastError: InstantlyError | null = null;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.attempt(req, attempt, deadline, lastError);
      } catch (error) {
        if (!(error instanceof InstantlyError)) throw error;
        lastError = error;
        const retryable = attempt < this.options.maxAttempts && isRetryable(error, idempotent);
        if (!retryable) throw error;
        if (error.retryAfterMs !== null && error.retryAfterMs > this.options.maxRetryAfterMs) throw error;
        const backoff =
          this.options.random() * Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** attempt);
        const delay = Math.max(backoff, error.retryAfterMs ?? 0);
        // Everyone on this workspace waits after a 429, not just this caller.
        if (error.status === 429) {
          await this.options.budget.pauseFor(delay);
          // Whether Instantly counted it against the sub workspace or the admin's is unknown: both wait.
          await this.options.groupBudget?.pauseFor(delay);
        }
        // A retry that could only start after the deadline is not worth waiting for: the person gets
        // the failure we already have, now.
        if (deadline !== undefined && this.options.now() + delay >= deadline) throw error;
        await this.options.sleep(delay, req.signal).catch(() => {
          throw this.abortedError(req, attempt);
        });
      }
    }
  }

  private async attempt<T>(
    req: RequestOptions<T>,
    attempt: number,
    deadline: number | undefined,
    lastError: InstantlyError | null,
  ): Promise<T> {
    const { method, path } = req;
    try {
      await this.options.budget.acquire(req.signal, deadline);
      await this.options.groupBudget?.acquire(req.signal, deadline);
    } catch (error) {
      if (error instanceof BudgetDeadlineError) throw lastError ?? this.budgetError(req, attempt, error);
      if (req.signal?.aborted) throw this.abortedError(req, attempt);
      // The shared budget's ledger failed (its database): that is the error, not an abort.
      throw error;
    }

    const baseTimeoutMs =
      method === 'GET' || req.idempotent ? this.options.readTimeoutMs : this.options.writeTimeoutMs;
    // The per-attempt timeout never reaches past the request's deadline.
    const timeoutMs =
      deadline === undefined ? baseTimeoutMs : Math.min(baseTimeoutMs, deadline - this.options.now());
    if (timeoutMs <= 0) throw lastError ?? this.timeoutError(req, attempt, 0);
    // A plain timer, not AbortSignal.timeout/any: those are held weakly, and with an in-process
    // transport (the demo simulator) nothing else keeps a hanging call reachable, so the collector
    // could drop the whole call, timer included, and the request would never answer.
    const attemptAbort = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      attemptAbort.abort(new DOMException('The attempt timed out', 'TimeoutError'));
    }, timeoutMs);
    const onCallerAbort = () => attemptAbort.abort(req.signal?.reason);
    if (req.signal?.aborted) onCallerAbort();
    else req.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const signal = attemptAbort.signal;
    const headers = new Headers({
      Authorization: `Bearer ${this.options.apiKey}`,
      Accept: 'application/json',
      'User-Agent': this.options.userAgent,
    });
    if (this.options.asWorkspace !== undefined) headers.set('x-as-workspace', this.options.asWorkspace);
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
      // Raced against our own signal too, so a transport that ignores it cannot outlive the attempt.
      ({ response, text } = await untilAborted(
        (async () => {
          const answer = await this.options.transport(request);
          return { response: answer, text: await answer.text() };
        })(),
        signal,
      ));
    } catch (cause) {
      this.options.onAttempt?.({ method, path, status: null, attempt });
      if (req.signal?.aborted) throw this.abortedError(req, attempt);
      if (timedOut) throw this.timeoutError(req, attempt, timeoutMs, cause);
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
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCallerAbort);
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
    const nonJson = json === undefined;
    const asWorkspace = this.options.asWorkspace;
    // The API's own 403 while acting as a sub workspace: the key may not act as it (left the group,
    // never accepted, or not ours). Its scopes were checked when the admin key was added.
    const notInGroup = !nonJson && asWorkspace !== undefined && response.status === 403;
    if (notInGroup) {
      return new InstantlyError({
        kind: 'not-in-group',
        status: 403,
        message: `Instantly refused to act as client workspace ${asWorkspace}: it is not, or no longer, an accepted member of this admin key's workspace group`,
        upstreamMessage,
        method: req.method,
        path: req.path,
        attempts: attempt,
      });
    }
    const kind = nonJson ? kindForNonJsonStatus(response.status) : kindForStatus(response.status);
    const bodyWhat = contentType.includes('html') ? 'an HTML page' : 'a non-JSON body';
    const message = !nonJson
      ? (upstreamMessage ?? `Instantly answered HTTP ${response.status}`)
      : kind === 'edge-blocked'
        ? `Instantly's network edge refused the request (HTTP ${response.status} with ${bodyWhat}, not an API answer)`
        : kind === 'edge-error'
          ? `Instantly's edge answered HTTP ${response.status} with ${bodyWhat} instead of the API's answer`
          : `Instantly answered HTTP ${response.status} with ${bodyWhat}`;
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

  private timeoutError<T>(
    req: RequestOptions<T>,
    attempt: number,
    timeoutMs: number,
    cause?: unknown,
  ): InstantlyError {
    const seconds = Math.round(timeoutMs / 100) / 10;
    return new InstantlyError(
      {
        kind: 'timeout',
        message:
          timeoutMs > 0
            ? `Instantly did not answer within ${seconds} s`
            : 'Instantly did not answer before the time allowed for this request ran out',
        method: req.method,
        path: req.path,
        attempts: attempt,
      },
      { cause },
    );
  }

  /** The budget could not grant a slot before the deadline: a 429 pause says so; otherwise it is busy. */
  private budgetError<T>(
    req: RequestOptions<T>,
    attempt: number,
    error: BudgetDeadlineError,
  ): InstantlyError {
    const seconds = Math.ceil(error.waitMs / 1000);
    return new InstantlyError({
      kind: error.paused ? 'rate-limited' : 'timeout',
      message: error.paused
        ? `Instantly rate limited this workspace moments ago; its calls are held back for ${seconds} s more`
        : `This workspace's request budget is taken by other work for the next ${seconds} s`,
      retryAfterMs: error.paused ? error.waitMs : null,
      method: req.method,
      path: req.path,
      // No call was made for this request.
      attempts: attempt - 1,
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
 * Idempotent calls retry on 429/502/503/504 (not on an edge's block page), timeouts and resets. A
 * write retries only on 429: the rate limiter refused it before any work was done, so repeating it
 * cannot apply it twice; after a timeout or a 5xx we cannot know whether it landed, so it is never
 * repeated.
 */
function isRetryable(error: InstantlyError, idempotent: boolean): boolean {
  if (!idempotent) return error.status === 429;
  // A block page is a decision of the edge, not a blip: asking again at once only prolongs it.
  if (error.kind === 'edge-blocked') return false;
  return RETRYABLE_KINDS.has(error.kind) || (error.status !== null && RETRYABLE_STATUS.has(error.status));
}

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

/** Settles with `work`, or rejects with the signal's reason as soon as it aborts. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
