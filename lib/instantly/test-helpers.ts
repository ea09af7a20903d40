import 'server-only';
import { InstantlyClient, type ClientOptions, type Transport } from './client';
import { RateBudget } from './rate-budget';

/** A scripted upstream: each call takes the next answer; records every request it saw. */
export function scriptedTransport(answers: Array<Response | Error | ((req: Request) => Promise<Response>)>) {
  const requests: Request[] = [];
  const transport: Transport = async (request) => {
    requests.push(request);
    const next = answers.shift();
    if (next === undefined) throw new Error('no scripted answer left');
    if (next instanceof Error) throw next;
    if (typeof next === 'function') return next(request);
    return next;
  };
  return { transport, requests };
}

export const jsonResponse = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/**
 * A client on a fake clock: backoff sleeps are recorded and advance the clock instantly, and the rate
 * budget and the deadline check use the same clock, so retry tests take no real time. Jitter is fixed
 * at one half. `clock()` reads the fake time (it starts at 1,000,000). A test that overrides `now`
 * (real time) gets a budget on that clock too: deadlines are absolute times on the client's clock,
 * and a budget on another clock would read one as a wait of decades.
 */
export function testClient(transport: Transport, overrides: Partial<ClientOptions> = {}) {
  const sleeps: number[] = [];
  let now = 1_000_000;
  const advance = async (ms: number) => {
    now += ms;
  };
  const limits = { perSecond: 1000, perMinute: 100_000 };
  const client = new InstantlyClient({
    apiKey: 'test-key-123456',
    baseUrl: 'https://api.example.test',
    budget: overrides.now
      ? new RateBudget({ ...limits, now: overrides.now })
      : new RateBudget({ ...limits, now: () => now, sleep: advance }),
    transport,
    now: () => now,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
      await advance(ms);
    },
    ...overrides,
  });
  return { client, sleeps, clock: () => now };
}
