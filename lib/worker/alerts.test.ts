import { describe, expect, it } from 'vitest';
import { listAlertEventsAfter } from '@/lib/store/alert-events';
import { inboxAlerts } from '@/lib/store/alerts-inbox';
import { fleetFixture } from '@/lib/store/fleet-test-helpers';
import { control, demoSpec } from '@/lib/simulator/test-helpers';
import { evaluateAlerts, runDailyAlerts } from './alerts';
import { startSync } from './sync';

// The worker's alert step over a real sync of the simulator: a domain broken through the control
// endpoint becomes one domain alert after the next sync, and its fix resolves it.

const workspace = { id: 'w1', name: 'Demo' };

async function fixture() {
  const f = await fleetFixture({ workspaces: [demoSpec({ accounts: 300 })] });
  const sync = async () => expect((await (await startSync(f.db, 'w1', f.client)).done).ok).toBe(true);
  await sync();
  return { ...f, sync };
}

/** A domain whose every inbox is healthy now (the seed breaks some domains and accounts). */
async function healthyDomain(db: Awaited<ReturnType<typeof fleetFixture>>['db']) {
  const rows = await db
    .selectFrom('accounts')
    .select(['domain', 'status'])
    .where('workspace_id', '=', 'w1')
    .execute();
  const byDomain = new Map<string, number[]>();
  for (const r of rows) byDomain.set(r.domain, [...(byDomain.get(r.domain) ?? []), r.status ?? 0]);
  const found = [...byDomain.entries()].find(([, s]) => s.length >= 3 && s.every((x) => x === 1));
  if (!found) throw new Error('the seeded fleet has no healthy domain of 3+ inboxes');
  return { domain: found[0], count: found[1].length };
}

describe('alerts after a sync', () => {
  it('a broken domain opens one domain alert; once fixed it resolves with a recovered event', async () => {
    const { db, sim, sync } = await fixture();
    const first = await evaluateAlerts(db, workspace, Date.now());
    expect(first.opened).toBeGreaterThan(0);
    const { domain, count } = await healthyDomain(db);
    expect((await control(sim, 'POST', { break: { domain }, cause: 'oauth-token-revoked' })).status).toBe(
      200,
    );
    await sync();
    expect(await evaluateAlerts(db, workspace, Date.now())).toMatchObject({ opened: 1, resolved: 0 });
    const ofDomain = (await inboxAlerts(db, ['w1'])).open.filter(
      (a) => a.scope_kind === 'domain' && a.scope_value === domain,
    );
    expect(ofDomain.map((a) => [a.rule, a.cause, a.count, a.severity])).toEqual([
      ['new-errors', 'oauth-token-revoked', count, 'critical'],
    ]);
    expect(ofDomain[0]?.title).toBe(`${count} inboxes on ${domain}: sign-in expired`);
    // One inbox healed: the domain's alert stays open (fewer inboxes), with no recovery and no new alert.
    const [firstInbox] = await db
      .selectFrom('accounts')
      .select('email')
      .where('workspace_id', '=', 'w1')
      .where('domain', '=', domain)
      .orderBy('email')
      .execute();
    await control(sim, 'POST', { fix: { emails: [firstInbox?.email ?? ''] } });
    await sync();
    expect(await evaluateAlerts(db, workspace, Date.now())).toMatchObject({ opened: 0, resolved: 0 });
    const still = (await inboxAlerts(db, ['w1'])).open.find((a) => a.id === ofDomain[0]?.id);
    expect(still?.count).toBe(count - 1);
    await control(sim, 'POST', { fix: { domain } });
    await sync();
    expect((await evaluateAlerts(db, workspace, Date.now())).resolved).toBeGreaterThanOrEqual(1);
    const id = ofDomain[0]?.id ?? '';
    const kinds = (await listAlertEventsAfter(db, null, 1000))
      .filter((q) => q.event.alertId === id)
      .map((q) => q.event.kind);
    expect(kinds).toEqual(['opened', 'recovered']);
  });

  it('the daily task checks the sending domains once each and alerts on failing DNS', async () => {
    const { db, client, requests } = await fixture();
    const before = requests.length;
    await runDailyAlerts(db, workspace, client, Date.now());
    const vitalsCalls = requests.slice(before).filter((r) => r.includes('/accounts/test/vitals'));
    const domains = await db
      .selectFrom('accounts')
      .select('domain')
      .distinct()
      .where('workspace_id', '=', 'w1')
      .where('status', '=', 1)
      .execute();
    expect(vitalsCalls).toHaveLength(Math.ceil(domains.length / 100));
    const open = (await inboxAlerts(db, ['w1'])).open;
    const vitals = open.filter((a) => a.rule === 'domain-vitals');
    expect(vitals.length).toBeGreaterThan(0);
    for (const alert of vitals) expect(alert.title).toMatch(/^[a-z0-9.-]+: (MX|SPF|DKIM|DMARC)/);
    // The after-sync evaluation leaves the vitals alerts alone.
    expect((await evaluateAlerts(db, workspace, Date.now())).resolved).toBe(0);
    expect((await inboxAlerts(db, ['w1'])).open.filter((a) => a.rule === 'domain-vitals')).toHaveLength(
      vitals.length,
    );
  });
});
