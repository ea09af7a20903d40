import { describe, expect, it } from 'vitest';
import { ApiError, shouldRetry } from './api-fetch';

const answered = (status: number, type = `upstream-${status}`) => new ApiError({ type, title: 't', status });
const unreachable = () =>
  new ApiError({ type: 'network', title: 'Could not reach the dashboard server', status: 0 });

describe('shouldRetry (React Query, in the browser)', () => {
  it('never retries an answer the server gave: it already retried Instantly', () => {
    for (const status of [429, 500, 502, 503, 504, 400, 401, 404])
      expect(shouldRetry(0, answered(status))).toBe(false);
  });

  it('retries a request that never reached our server, once', () => {
    expect(shouldRetry(0, unreachable())).toBe(true);
    expect(shouldRetry(1, unreachable())).toBe(false);
  });

  it('does not retry anything else thrown', () => {
    expect(shouldRetry(0, new Error('boom'))).toBe(false);
  });
});
