// Retrying a delivery: which failures are worth another attempt, and when. 5xx, 429, timeouts and
// network errors are retried with exponential backoff (Retry-After honoured, within bounds); any
// other answer is a mistake a retry cannot fix. After the last attempt the delivery fails for good.

export const DELIVERY_MAX_ATTEMPTS = 6;
const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 10 * 60_000;

export type AttemptOutcome =
  { ok: true } | { ok: false; retryable: boolean; error: string; retryAfterMs?: number };

export type NextStep =
  | { status: 'delivered' }
  | { status: 'queued'; at: number; error: string }
  | { status: 'failed'; error: string };

/** 2 s, 4 s, 8 s … capped; `attempt` is the number of attempts made so far (1 after the first). */
export const backoffMs = (attempt: number): number =>
  Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1));

/** Retry-After in seconds or as an HTTP date, in ms from now; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export const isRetryableStatus = (status: number): boolean => status === 429 || status >= 500;

export function nextStep(
  outcome: AttemptOutcome,
  attempts: number,
  now: number,
  maxAttempts = DELIVERY_MAX_ATTEMPTS,
): NextStep {
  if (outcome.ok) return { status: 'delivered' };
  if (!outcome.retryable) return { status: 'failed', error: outcome.error };
  if (attempts >= maxAttempts)
    return { status: 'failed', error: `${outcome.error} (gave up after ${attempts} attempts)` };
  const wait = Math.min(MAX_DELAY_MS, Math.max(backoffMs(attempts), outcome.retryAfterMs ?? 0));
  return { status: 'queued', at: now + wait, error: outcome.error };
}
