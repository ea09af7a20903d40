import { describe, expect, it } from 'vitest';
import { InstantlyError, type InstantlyErrorDetails } from '@/lib/instantly/errors';
import { upstreamProblem } from './problem';

const error = (details: Partial<InstantlyErrorDetails> & Pick<InstantlyErrorDetails, 'kind'>) =>
  new InstantlyError({ message: 'm', method: 'GET', path: '/accounts', attempts: 1, ...details });

describe('upstreamProblem', () => {
  it('names an edge block for what it is, apart from a scope error', () => {
    const block = upstreamProblem(error({ kind: 'edge-blocked', status: 403 }));
    expect(block).toMatchObject({
      type: 'upstream-edge-blocked',
      title: "Instantly's network edge refused the request",
      status: 502,
      upstreamStatus: 403,
    });
    expect(block.detail).toMatch(/^This is not your key/);
    const scope = upstreamProblem(error({ kind: 'forbidden', status: 403 }));
    expect(scope).toMatchObject({ type: 'upstream-forbidden', title: 'The key is missing a scope for this' });
    expect(upstreamProblem(error({ kind: 'edge-error', status: 502 })).title).toBe(
      "Instantly's edge answered with an error page",
    );
  });

  it('says when to try again after a rate limit, never that it is still retrying', () => {
    const told = upstreamProblem(
      error({ kind: 'rate-limited', status: 429, retryAfterMs: 5000, attempts: 3 }),
    );
    expect(told.detail).toContain('tried 3 times, then stopped');
    expect(told.detail).toContain('try again in 5 s');
    expect(told.retryAfterSeconds).toBe(5);
    const untold = upstreamProblem(error({ kind: 'rate-limited', status: 429, attempts: 3 }));
    expect(untold.detail).toContain('try again in a minute');
    for (const p of [told, untold]) expect(p.detail).not.toMatch(/retrying shortly/i);
  });
});
