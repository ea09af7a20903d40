import 'server-only';
import { InstantlyClient } from '@/lib/instantly/client';
import { RateBudget } from '@/lib/instantly/rate-budget';
import type { Account } from '@/lib/schemas/instantly-account';
import { DEMO_KEY, testSimulator } from '@/lib/simulator/test-helpers';
import type { SimulatorOptions } from '@/lib/simulator/types';
import { testDb } from './test-db';

/** A fresh in-memory index, an in-process simulator and a client to it, counting requests. */
export async function fleetFixture(
  options: Partial<SimulatorOptions> & { budget?: RateBudget; latencyMs?: number } = {},
) {
  const db = await testDb();
  const { sim, clock } = testSimulator(options);
  const requests: string[] = [];
  const client = new InstantlyClient({
    apiKey: DEMO_KEY,
    baseUrl: 'http://sim.test',
    budget: options.budget ?? new RateBudget({ perSecond: 10_000, perMinute: 1_000_000 }),
    transport: async (request) => {
      // A real round trip takes time: long walks let tests look at a sync while it runs.
      if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
      return sim.handle(request);
    },
    onAttempt: ({ method, path }) => requests.push(`${method} ${path}`),
    random: () => 0,
    sleep: async () => undefined,
  });
  return { db, sim, clock, client, requests };
}

let counter = 0;

/** A minimal upstream account for index tests; fields as the real API leaves them. */
export function account(overrides: Partial<Account> & { email?: string } = {}): Account {
  counter += 1;
  return {
    email: overrides.email ?? `user${counter}@example.com`,
    first_name: 'Test',
    last_name: `User${counter}`,
    status: 1,
    warmup_status: 1,
    provider_code: 2,
    stat_warmup_score: 90,
    daily_limit: 30,
    sending_gap: 10,
    timestamp_created: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}
