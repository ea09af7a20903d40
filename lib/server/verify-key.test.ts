import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

// Verifying a key against a stand-in Instantly (a stubbed fetch): an edge's block page is never
// reported as a scope problem, and a hanging Instantly answers by the request's deadline.
vi.hoisted(() => {
  process.env.INSTANTLY_API_BASE_URL = 'http://upstream.test';
  process.env.SIM_WORKSPACES = '';
});

const { verifyKey } = await import('./verify-key');
const { ProblemError } = await import('./problem');

let answer: (request: Request) => Promise<Response>;
vi.stubGlobal(
  'fetch',
  vi.fn((request: Request) => answer(request)),
);

afterEach(() => vi.clearAllMocks());
afterAll(() => vi.unstubAllGlobals());

async function problemOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProblemError);
  return (error as InstanceType<typeof ProblemError>).problem;
}

describe('verifyKey', () => {
  it('calls an HTML 403 an edge block, not a missing scope', async () => {
    answer = async () =>
      new Response('<!DOCTYPE html><title>Attention Required! | Cloudflare</title>', {
        status: 403,
        headers: { 'content-type': 'text/html; charset=UTF-8' },
      });
    const problem = await problemOf(verifyKey('key_edge_blocked_0123'));
    expect(problem.title).toBe("Instantly's network edge refused the request");
    expect(problem.detail).toMatch(/^This is not your key/);
    expect(problem.detail).toContain('Nothing was saved');
    expect(problem).toMatchObject({ field: 'key', upstreamStatus: 403 });
  });

  it('calls a JSON 403 a missing scope', async () => {
    answer = async () =>
      new Response(JSON.stringify({ statusCode: 403, error: 'Forbidden', message: 'Forbidden' }), {
        status: 403,
        headers: { 'content-type': 'application/json' },
      });
    expect((await problemOf(verifyKey('key_missing_scope_0123'))).title).toBe('Missing scope');
  });

  it('answers by the deadline when Instantly hangs', async () => {
    answer = (request) =>
      new Promise((_, reject) =>
        request.signal.addEventListener('abort', () => reject(request.signal.reason)),
      );
    const started = Date.now();
    const problem = await problemOf(verifyKey('key_hanging_upstream_01', undefined, started + 300));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(problem.title).toBe('Instantly is unreachable');
    expect(vi.mocked(fetch)).toHaveBeenCalledTimes(1);
  });
});
