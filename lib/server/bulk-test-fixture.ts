import 'server-only';
import { InstantlyClient } from '@/lib/instantly/client';
import { DEMO_VISITOR } from '@/lib/server/auth/actor';
import { RateBudget } from '@/lib/instantly/rate-budget';
import type { AccountKey, BulkActionKind } from '@/lib/schemas/api-bulk-actions';
import type { FaultRuleInput } from '@/lib/schemas/simulator-faults';
import {
  DEMO_KEY,
  OTHER_KEY,
  type TestClock,
  demoSpec,
  testClock,
  testSimulator,
} from '@/lib/simulator/test-helpers';
import type { Simulator } from '@/lib/simulator/types';
import { matchingAccountKeys } from '@/lib/store/account-query';
import { explicitBatches } from '@/lib/bulk/plan';
import { createBulkAction } from '@/lib/store/bulk/create';
import { actionItems } from '@/lib/store/bulk/reads';
import type { Db } from '@/lib/store/db';
import { testDb } from '@/lib/store/test-db';
import { startSync } from '@/lib/worker/sync';
import { BulkRunner, type BulkRunnerOptions } from './bulk-runner';

// The bulk runner's tests share this: the runner against the in-process simulator, on one fake clock
// (the simulator's jobs, the client's rate budget and backoff, and the runner's waits all advance it,
// so nothing sleeps for real). The worker is taken as running and holding the keys of both workspaces
// unless a test says otherwise.

export interface Seen {
  method: string;
  path: string;
  status: number | null;
  body: unknown;
}

export type Hook = (request: Request, forward: () => Promise<Response>) => Promise<Response>;

export function simClient(
  sim: Simulator,
  clock: TestClock,
  key: string,
  seen: Seen[],
  hook: { current: Hook | null },
) {
  return new InstantlyClient({
    apiKey: key,
    baseUrl: 'http://sim.test',
    budget: new RateBudget({
      perSecond: 10_000,
      perMinute: 1_000_000,
      now: clock.now,
      sleep: async (ms) => void clock.advance(ms),
    }),
    transport: async (request) => {
      const body = request.method === 'GET' ? undefined : await request.clone().text();
      const entry: Seen = {
        method: request.method,
        path: new URL(request.url).pathname.replace('/api/v2', ''),
        status: null,
        body: body ? (JSON.parse(body) as unknown) : undefined,
      };
      seen.push(entry);
      const forward = () => sim.handle(request);
      const response = hook.current ? await hook.current(request, forward) : await forward();
      entry.status = response.status;
      return response;
    },
    random: () => 0.5,
    sleep: async (ms) => void clock.advance(ms),
  });
}

export async function fixture(
  options: { accounts?: number; jobSpeed?: number; faults?: FaultRuleInput[]; two?: boolean } = {},
) {
  const clock = testClock();
  const { sim } = testSimulator({
    clock,
    jobSpeed: options.jobSpeed ?? 50,
    faults: options.faults,
    workspaces: [
      demoSpec({ accounts: options.accounts ?? 240 }),
      ...(options.two
        ? [demoSpec({ slug: 'acme', key: OTHER_KEY, name: 'Acme', seed: 7, accounts: 30 })]
        : []),
    ],
  });
  const db = await testDb();
  const seen: Seen[] = [];
  const hook: { current: Hook | null } = { current: null };
  const demo = simClient(sim, clock, DEMO_KEY, seen, hook);
  const acme = simClient(sim, clock, OTHER_KEY, seen, hook);
  await (
    await startSync(db, 'demo', demo, () => new Date(clock.now()))
  ).done;
  if (options.two) await (await startSync(db, 'acme', acme, () => new Date(clock.now()))).done;
  seen.length = 0;
  const makeRunner = (overrides: Partial<BulkRunnerOptions> = {}) =>
    new BulkRunner({
      db,
      now: clock.now,
      sleep: async (ms) => void clock.advance(ms),
      workerRunning: async () => true,
      workerWorkspaceIds: async () => ['demo', 'acme'],
      ...overrides,
    });
  const clients = new Map([['demo', demo]]);
  if (options.two) clients.set('acme', acme);
  return { db, sim, clock, seen, hook, demo, acme, clients, makeRunner };
}

export const workspaces = [
  { workspaceId: 'demo', label: 'Demo' },
  { workspaceId: 'acme', label: 'Acme' },
];

export async function keysWhere(
  db: Db,
  filters: { warmup?: number[]; status?: number[] } = {},
  workspaceIds = ['demo'],
): Promise<AccountKey[]> {
  return await matchingAccountKeys(db, { workspaceIds, ...filters });
}

/** `now`: when it is created (the order of overlapping actions is their creation order). */
export async function warmupAction(db: Db, kind: BulkActionKind, keys: AccountKey[], now?: number) {
  return await createBulkAction(db, {
    kind,
    workspaces,
    keys,
    batches: explicitBatches(keys),
    actor: DEMO_VISITOR,
    now: now === undefined ? undefined : new Date(now).toISOString(),
  });
}

export async function perAccountAction(
  db: Db,
  kind: BulkActionKind,
  keys: AccountKey[],
  dailyLimit?: number,
) {
  return await createBulkAction(db, {
    kind,
    workspaces,
    keys,
    params: dailyLimit === undefined ? {} : { dailyLimit },
    actor: DEMO_VISITOR,
  });
}

export const warmupPosts = (seen: Seen[]) =>
  seen.filter((s) => s.method === 'POST' && /^\/accounts\/warmup\/(enable|disable)$/.test(s.path));
export const itemsOf = async (db: Db, id: string, state?: 'pending' | 'running' | 'done' | 'failed') =>
  (await actionItems(db, id, { workspaceIds: ['demo', 'acme'], state, offset: 0, limit: 500 })).items;
