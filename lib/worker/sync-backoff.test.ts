import { describe, expect, it } from 'vitest';
import {
  type BackoffState,
  backoffRetryAt,
  mayStartAutomatically,
  mayStartOnRequest,
  retryAtAfterFailure,
} from './sync-backoff';

const T0 = 1_000_000;
const idle: BackoffState = { failures: 0, retryAt: null, lastStartedAt: null };

/** The state a sync row holds after `failures` failures in a row, the last one at `now`. */
const failed = (failures: number, now: number, retryAfterMs: number | null = null): BackoffState => ({
  failures,
  retryAt: retryAtAfterFailure(failures, now, retryAfterMs),
  lastStartedAt: now,
});

describe('sync backoff', () => {
  it('waits 15 s after a failure, doubling with each failure in a row up to 5 minutes', () => {
    const waits: number[] = [];
    let now = T0;
    for (let failures = 1; failures <= 8; failures += 1) {
      const state = failed(failures, now);
      const retryAt = backoffRetryAt(state);
      if (retryAt === null) throw new Error('expected a retry time');
      waits.push(retryAt - now);
      expect(mayStartAutomatically(state, now)).toBe(false);
      expect(mayStartAutomatically(state, retryAt - 1)).toBe(false);
      expect(mayStartAutomatically(state, retryAt)).toBe(true);
      now = retryAt;
    }
    expect(waits).toEqual([15_000, 30_000, 60_000, 120_000, 240_000, 300_000, 300_000, 300_000]);
  });

  it('holds nothing back when syncs are not failing', () => {
    expect(backoffRetryAt(idle)).toBeNull();
    expect(mayStartAutomatically(idle, T0)).toBe(true);
    // A success resets failures to 0; a stale retry time left in the row then counts for nothing.
    expect(mayStartAutomatically({ failures: 0, retryAt: T0 + 60_000, lastStartedAt: T0 }, T0)).toBe(true);
  });

  it("waits at least as long as Instantly's Retry-After, within the cap", () => {
    expect(retryAtAfterFailure(1, T0, 90_000)).toBe(T0 + 90_000);
    expect(retryAtAfterFailure(1, T0, 3_600_000)).toBe(T0 + 300_000);
  });

  it("lets a person's Refresh try again before the retry time, but not twice within 10 s", () => {
    expect(mayStartOnRequest(idle, T0)).toBe(true);
    // A sync that is not failing may be refreshed at will.
    expect(mayStartOnRequest({ failures: 0, retryAt: null, lastStartedAt: T0 }, T0)).toBe(true);
    const state = failed(1, T0);
    expect(mayStartOnRequest(state, T0)).toBe(false);
    expect(mayStartOnRequest(state, T0 + 9_999)).toBe(false);
    expect(mayStartOnRequest(state, T0 + 10_000)).toBe(true);
    expect(mayStartAutomatically(state, T0 + 10_000)).toBe(false);
  });
});
