import { describe, expect, it } from 'vitest';
import { DELIVERY_MAX_ATTEMPTS, backoffMs, nextStep, retryAfterMs } from './retry';

const now = 1_000_000;
const fail = (retryable: boolean, extra: { retryAfterMs?: number } = {}) =>
  ({ ok: false, retryable, error: 'HTTP 500', ...extra }) as const;

describe('retries with backoff', () => {
  it('doubles from 2 s and caps at 10 minutes', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([2000, 4000, 8000, 16000]);
    expect(backoffMs(30)).toBe(600_000);
  });

  it('retries a retryable failure, honours a longer Retry-After, and gives up after the last attempt', () => {
    expect(nextStep(fail(true), 1, now)).toEqual({ status: 'queued', at: now + 2000, error: 'HTTP 500' });
    expect(nextStep(fail(true, { retryAfterMs: 30_000 }), 1, now)).toMatchObject({ at: now + 30_000 });
    expect(nextStep(fail(true, { retryAfterMs: 3_600_000 }), 1, now)).toMatchObject({ at: now + 600_000 });
    expect(nextStep(fail(true), DELIVERY_MAX_ATTEMPTS, now)).toEqual({
      status: 'failed',
      error: `HTTP 500 (gave up after ${DELIVERY_MAX_ATTEMPTS} attempts)`,
    });
  });

  it('fails at once on an answer a retry cannot fix, and succeeds on ok', () => {
    expect(nextStep(fail(false), 1, now)).toEqual({ status: 'failed', error: 'HTTP 500' });
    expect(nextStep({ ok: true }, 3, now)).toEqual({ status: 'delivered' });
  });

  it('reads Retry-After in seconds or as a date', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs(new Date(now + 5000).toUTCString(), now)).toBe(5000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});
