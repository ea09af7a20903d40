import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiFetch, problemOf, shouldRetry } from './api-fetch';

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

describe('apiFetch', () => {
  afterEach(() => vi.unstubAllGlobals());
  const answer = (status: number, body: string) =>
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(body, { status })),
    );
  const failure = (path: string) =>
    apiFetch(path).then(
      () => {
        throw new Error('expected a failure');
      },
      (error: unknown) => error as ApiError,
    );

  it('returns the JSON the server answered', async () => {
    answer(200, JSON.stringify({ rows: [], total: 0 }));
    await expect(apiFetch('/api/accounts')).resolves.toEqual({ rows: [], total: 0 });
  });

  it('carries the problem an error answer describes', async () => {
    answer(409, JSON.stringify({ type: 'conflict', title: 'Already running', status: 409, field: 'kind' }));
    const error = await failure('/api/bulk-actions');
    expect(error).toBeInstanceOf(ApiError);
    expect(error.problem).toEqual({ type: 'conflict', title: 'Already running', status: 409, field: 'kind' });
  });

  it('names the HTTP status when an error answer is no problem body', async () => {
    answer(502, '<html>Bad gateway</html>');
    const error = await failure('/api/accounts');
    expect(error.problem).toEqual({ type: 'http', title: 'Request failed (HTTP 502)', status: 502 });
  });

  it('refuses a successful answer that is not JSON', async () => {
    answer(200, '<html>a proxy page</html>');
    const error = await failure('/api/accounts');
    expect(error.problem.type).toBe('bad-response');
    expect(error.status).toBe(200);
  });
});

describe('problemOf', () => {
  it("keeps the server's problem, and makes one of any other error's message", () => {
    const served = {
      type: 'rate-limited',
      title: 'Instantly is rate-limiting',
      status: 429,
      detail: 'Retry in 5 s',
    };
    expect(problemOf(new ApiError(served))).toEqual(served);
    expect(problemOf(new TypeError('Failed to fetch'))).toEqual({
      type: 'error',
      title: 'Failed to fetch',
      status: 0,
    });
  });
});
