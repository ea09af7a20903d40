import 'server-only';
import { createSimulator } from './simulator';
import type { SimWorkspaceSpec, Simulator, SimulatorOptions } from './types';

// Shared by the simulator's tests: a controllable clock, a simulator with generous limits, and a
// small client that builds standard Requests the way lib/instantly will.

export const T0 = Date.UTC(2026, 7, 21, 12, 0, 0);
export const DEMO_KEY = 'sim_test_demo_0123456789';
export const OTHER_KEY = 'sim_test_other_0123456789';

export interface TestClock {
  now: () => number;
  advance: (ms: number) => void;
  set: (ms: number) => void;
}

export function testClock(start = T0): TestClock {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms), set: (ms) => (t = ms) };
}

export function demoSpec(overrides: Partial<SimWorkspaceSpec> = {}): SimWorkspaceSpec {
  return {
    slug: 'demo',
    key: DEMO_KEY,
    name: 'Demo workspace',
    seed: 42,
    accounts: 500,
    flag: null,
    ...overrides,
  };
}

export function testSimulator(options: Partial<SimulatorOptions> & { clock?: TestClock } = {}): {
  sim: Simulator;
  clock: TestClock;
} {
  const clock = options.clock ?? testClock();
  const sim = createSimulator({
    workspaces: options.workspaces ?? [demoSpec()],
    jobSpeed: options.jobSpeed ?? 25,
    faults: options.faults,
    rate: options.rate ?? { perSecond: 1_000_000, perMinute: 1_000_000 },
    now: clock.now,
  });
  return { sim, clock };
}

export interface CallOptions {
  key?: string | null;
  body?: unknown;
  /** Raw body text, sent with the JSON content type unless `headers` says otherwise. */
  rawBody?: string;
  headers?: Record<string, string>;
  query?: Record<string, string | number | boolean | Array<string | number>>;
  signal?: AbortSignal;
  base?: string;
}

export function buildRequest(method: string, path: string, options: CallOptions = {}): Request {
  const url = new URL(`${options.base ?? 'http://sim.test/api/v2'}${path}`);
  for (const [name, value] of Object.entries(options.query ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(v));
  }
  const headers = new Headers(options.headers);
  const key = options.key === undefined ? DEMO_KEY : options.key;
  if (key !== null) headers.set('authorization', `Bearer ${key}`);
  let body: string | undefined;
  if (options.body !== undefined || options.rawBody !== undefined) {
    body = options.rawBody ?? JSON.stringify(options.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  return new Request(url, { method, headers, body, signal: options.signal });
}

export async function call(
  sim: Simulator,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<{ status: number; body: unknown; headers: Headers; text: string }> {
  const response = await sim.handle(buildRequest(method, path, options));
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, body, headers: response.headers, text };
}

/** Reads every page of GET /accounts with the given query, following next_starting_after. */
export async function listAll(
  sim: Simulator,
  query: Record<string, string | number | boolean> = {},
  key = DEMO_KEY,
): Promise<{ items: Array<Record<string, unknown>>; pages: number; lastPage: unknown }> {
  const items: Array<Record<string, unknown>> = [];
  let cursor: string | undefined;
  let pages = 0;
  for (;;) {
    const res = await call(sim, 'GET', '/accounts', {
      key,
      query: { limit: 100, ...query, ...(cursor === undefined ? {} : { starting_after: cursor }) },
    });
    pages++;
    if (res.status !== 200) throw new Error(`page ${pages}: ${res.status} ${res.text}`);
    const body = res.body as { items: Array<Record<string, unknown>>; next_starting_after?: string };
    items.push(...body.items);
    if (body.items.length === 0 || body.next_starting_after === undefined)
      return { items, pages, lastPage: body };
    cursor = body.next_starting_after;
  }
}

/** A call to the control endpoint (/_control), with its JSON answer. */
export async function control(sim: Simulator, method: string, body?: unknown) {
  const response = await sim.handleControl(
    new Request('http://sim.test/_control', {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
