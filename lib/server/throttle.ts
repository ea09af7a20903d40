import 'server-only';

export interface ThrottleLimit {
  /** Requests allowed inside one window. */
  max: number;
  windowMs: number;
}

/**
 * Counts requests per key over a sliding window and says how long a refused caller must wait. Used in
 * front of calls that an anonymous visitor could otherwise multiply (key verification, the demo
 * simulator over HTTP). Memory is bounded: keys whose window has passed are dropped as they are seen,
 * and at most `maxKeys` are tracked (the oldest go first).
 */
export class Throttle {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: ThrottleLimit,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 10_000,
  ) {}

  /** Records a hit for `key` and returns 0, or returns the milliseconds until one is allowed again. */
  take(key: string): number {
    const now = this.now();
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - this.limit.windowMs);
    if (recent.length >= this.limit.max) {
      this.hits.set(key, recent);
      const oldest = recent[recent.length - this.limit.max] ?? now;
      return Math.max(1, oldest + this.limit.windowMs - now);
    }
    recent.push(now);
    this.hits.delete(key);
    this.hits.set(key, recent);
    if (this.hits.size > this.maxKeys) {
      const first = this.hits.keys().next();
      if (!first.done) this.hits.delete(first.value);
    }
    return 0;
  }
}

/**
 * Who is asking, as far as this server can tell. Next fills x-forwarded-for from the socket only when
 * the request carries none, and a proxy appends its peer last; so the last entry is the best guess.
 * A script can still name any address it likes: the per-client limit holds a browser back, and a
 * global limit stands behind it for everyone else.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for');
  const last = forwarded?.split(',').at(-1)?.trim();
  return last || headers.get('x-real-ip') || 'unknown';
}
