import { describe, expect, it } from 'vitest';
import { SyncBackoff } from './sync-backoff';

function fakeBackoff() {
  let now = 1_000_000;
  const backoff = new SyncBackoff(() => now);
  return { backoff, advance: (ms: number) => (now += ms), now: () => now };
}

describe('SyncBackoff', () => {
  it('waits 15 s after a failure, doubling with each failure in a row up to 5 minutes', () => {
    const { backoff, advance, now } = fakeBackoff();
    const waits: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      backoff.started('w');
      backoff.failed('w');
      const retryAt = backoff.retryAt('w');
      if (retryAt === null) throw new Error('expected a retry time');
      waits.push(retryAt - now());
      expect(backoff.mayStartAutomatically('w')).toBe(false);
      advance(retryAt - now() - 1);
      expect(backoff.mayStartAutomatically('w')).toBe(false);
      advance(1);
      expect(backoff.mayStartAutomatically('w')).toBe(true);
    }
    expect(waits).toEqual([15_000, 30_000, 60_000, 120_000, 240_000, 300_000, 300_000, 300_000]);
  });

  it('resets on success', () => {
    const { backoff } = fakeBackoff();
    backoff.started('w');
    backoff.failed('w');
    backoff.failed('w');
    backoff.succeeded('w');
    expect(backoff.retryAt('w')).toBeNull();
    expect(backoff.mayStartAutomatically('w')).toBe(true);
    backoff.started('w');
    backoff.failed('w');
    expect(backoff.failures('w')).toBe(1);
  });

  it("waits at least as long as Instantly's Retry-After, within the cap", () => {
    const { backoff, now } = fakeBackoff();
    backoff.failed('w', 90_000);
    expect(backoff.retryAt('w')).toBe(now() + 90_000);
    backoff.failed('x', 3_600_000);
    expect(backoff.retryAt('x')).toBe(now() + 300_000);
  });

  it("lets a person's Refresh try again before the retry time, but not twice within 10 s", () => {
    const { backoff, advance } = fakeBackoff();
    expect(backoff.mayStartOnRequest('w')).toBe(true);
    backoff.started('w');
    // A sync that is not failing may be refreshed at will.
    expect(backoff.mayStartOnRequest('w')).toBe(true);
    backoff.failed('w');
    expect(backoff.mayStartOnRequest('w')).toBe(false);
    advance(9_999);
    expect(backoff.mayStartOnRequest('w')).toBe(false);
    advance(1);
    expect(backoff.mayStartOnRequest('w')).toBe(true);
    expect(backoff.mayStartAutomatically('w')).toBe(false);
  });

  it('keeps workspaces apart', () => {
    const { backoff } = fakeBackoff();
    backoff.failed('a');
    expect(backoff.mayStartAutomatically('a')).toBe(false);
    expect(backoff.mayStartAutomatically('b')).toBe(true);
  });
});
