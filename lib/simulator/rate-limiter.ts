import 'server-only';

// Instantly's budget is per workspace: at most N requests in any second AND M in any minute
// (REFERENCE §1.3). Sliding windows over the accepted requests' timestamps; refused requests do not
// count, so the budget recovers as soon as the window moves on.

export interface RateLimits {
  perSecond: number;
  perMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { perSecond: 100, perMinute: 6000 };

export class SlidingWindowLimiter {
  private readonly stamps: number[] = [];
  private head = 0;

  constructor(private readonly limits: RateLimits) {}

  /** Records the request and returns true when it fits in both windows. */
  tryAcquire(nowMs: number): boolean {
    while (this.head < this.stamps.length && (this.stamps[this.head] as number) <= nowMs - 60_000)
      this.head++;
    // Compact now and then so the array does not grow without bound.
    if (this.head > 4096 && this.head * 2 > this.stamps.length) {
      this.stamps.splice(0, this.head);
      this.head = 0;
    }
    const inMinute = this.stamps.length - this.head;
    if (inMinute >= this.limits.perMinute) return false;
    if (this.countSince(nowMs - 1000) >= this.limits.perSecond) return false;
    this.stamps.push(nowMs);
    return true;
  }

  /** Accepted requests with a timestamp after `since` (binary search: stamps are in order). */
  private countSince(since: number): number {
    let lo = this.head;
    let hi = this.stamps.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.stamps[mid] as number) <= since) lo = mid + 1;
      else hi = mid;
    }
    return this.stamps.length - lo;
  }
}
