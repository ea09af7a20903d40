import { InstantlyClient } from '@/lib/instantly/client';
import { RateBudget, type SharedBudget } from '@/lib/instantly/rate-budget';
import { acceptedMembers, listGroupMembers } from '@/lib/instantly/workspace-group';
import { createSimulator } from '@/lib/simulator/simulator';
import type { SimWorkspaceSpec } from '@/lib/simulator/types';
import { openDb } from '@/lib/store/db';
import { pauseRateBudget, takeRateToken } from '@/lib/store/rate-budgets';
import { startSync } from '@/lib/worker/sync';

// `npm run bench -- --agency` (no build needed): the first sync of an agency, one admin key and a
// group of 10 client workspaces × 1,000 accounts, every client synced at once as the worker would
// find them, through the real client and sync with each client's own budget (10/s, 600/min) and the
// admin key's shared cap (default 10/s, 600/min in all). Prints requests and duration against the
// floor the shared cap sets (requests ÷ its rate), which is what keeps a large group from flooding
// the admin workspace.

const CLIENTS = 10;
const ACCOUNTS = 1_000;
const CAP = { perSecond: 10, perMinute: 600 };

export async function benchAgency(): Promise<void> {
  const adminKey = 'sim_bench_agency_0123456789';
  const specs: SimWorkspaceSpec[] = [
    { slug: 'agency', key: adminKey, name: 'Bench Agency', seed: 5, accounts: 0, flag: null },
    ...Array.from({ length: CLIENTS }, (_, i) => ({
      slug: `client-${i}`,
      key: '',
      name: `Client ${i + 1}`,
      seed: 100 + i,
      accounts: ACCOUNTS,
      flag: null,
      memberOf: { admin: 'agency', status: 'accepted' as const },
    })),
  ];
  const sim = createSimulator({ workspaces: specs, jobSpeed: 25, rate: { perSecond: 100, perMinute: 6000 } });
  const db = await openDb({ sqlitePath: ':memory:' });
  // The budgets' rows in the database, as the server keeps them (one token each: no bursts).
  const ledger: SharedBudget = {
    take: (bucket, now, limits) => takeRateToken(db, bucket, now, limits),
    pause: (bucket, untilMs) => pauseRateBudget(db, bucket, untilMs),
  };
  const cap = new RateBudget({ ...CAP, shared: { ledger, bucket: 'group:agency' } });
  let requests = 0;
  let peakPerSecond = 0;
  const grants: number[] = [];
  const client = (asWorkspace?: string) =>
    new InstantlyClient({
      apiKey: adminKey,
      baseUrl: 'http://bench.internal',
      budget: new RateBudget({
        perSecond: 10,
        perMinute: 600,
        shared: { ledger, bucket: asWorkspace ?? 'agency' },
      }),
      groupBudget: cap,
      asWorkspace,
      // Counted as each request leaves, which is what Instantly's limits would see.
      transport: (request) => {
        requests += 1;
        const now = Date.now();
        grants.push(now);
        peakPerSecond = Math.max(peakPerSecond, grants.filter((t) => t > now - 1000).length);
        return sim.handle(request);
      },
    });
  const started = performance.now();
  const members = acceptedMembers(await listGroupMembers(client()));
  const results = await Promise.all(
    members.map(
      async (m) => (await startSync(db, `ws_${m.sub_workspace_id}`, client(m.sub_workspace_id))).done,
    ),
  );
  const durationMs = performance.now() - started;
  await db.destroy();
  const accounts = results.reduce((sum, r) => sum + (r.ok ? r.accounts : 0), 0);
  const failed = results.filter((r) => !r.ok).length;
  const floorMs = ((requests - 1) / CAP.perSecond) * 1000;
  console.log(
    `\n## Agency: first sync of ${CLIENTS} client workspaces × ${ACCOUNTS.toLocaleString('en')} accounts\n`,
  );
  console.log(
    '| clients | accounts indexed | failed syncs | requests | duration | shared-cap floor | ratio | peak requests in 1 s |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  console.log(
    `| ${members.length} | ${accounts.toLocaleString('en')} | ${failed} | ${requests} | ${(durationMs / 1000).toFixed(1)} s | ${(floorMs / 1000).toFixed(1)} s | ${(durationMs / floorMs).toFixed(2)} | ${peakPerSecond} (cap ${CAP.perSecond}) |`,
  );
}
