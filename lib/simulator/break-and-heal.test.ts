import 'server-only';
import { describe, expect, it } from 'vitest';
import { diagnose } from '@/lib/diagnostics/diagnose';
import { control, demoSpec, listAll, OTHER_KEY, testSimulator } from './test-helpers';

// The control endpoint's {"break"} and {"fix"}: accounts take the status and a catalog
// status_message of the cause (which the diagnostics read back as that cause), and heal to Active.

type Item = { email: string; status: number; status_message?: Record<string, unknown> };

const twoWorkspaces = () => [
  demoSpec({ accounts: 60 }),
  demoSpec({ slug: 'acme', key: OTHER_KEY, name: 'Acme Outreach', seed: 7, accounts: 30 }),
];

const items = async (sim: ReturnType<typeof testSimulator>['sim'], key?: string) =>
  (await listAll(sim, {}, key)).items as unknown as Item[];

describe('breaking and healing accounts', () => {
  it('breaks every account of a domain with the cause, in one workspace, and heals them', async () => {
    const { sim } = testSimulator({ workspaces: twoWorkspaces() });
    const healthy = (await items(sim)).filter((a) => a.status === 1);
    const domain = healthy[0]?.email.split('@')[1] ?? '';
    const onDomain = (await items(sim)).filter((a) => a.email.endsWith(`@${domain}`));
    const broke = await control(sim, 'POST', {
      break: { domain: domain.toUpperCase() },
      cause: 'oauth-token-revoked',
      workspace: 'demo',
    });
    expect(broke.status).toBe(200);
    expect(broke.body.broken).toBe(onDomain.length);
    const after = (await items(sim)).filter((a) => a.email.endsWith(`@${domain}`));
    for (const account of after) {
      expect(account.status).toBe(-1);
      expect(diagnose(account.status_message ?? null)?.cause).toBe('oauth-token-revoked');
    }
    const fixed = await control(sim, 'POST', { fix: { domain }, workspace: 'demo' });
    expect(fixed.body.fixed).toBe(onDomain.length);
    for (const account of (await items(sim)).filter((a) => a.email.endsWith(`@${domain}`))) {
      expect(account.status).toBe(1);
      expect(account.status_message).toBeUndefined();
    }
  });

  it('breaks listed emails with a sending cause, in any workspace when none is named', async () => {
    const { sim } = testSimulator({ workspaces: twoWorkspaces() });
    const [a, b] = (await items(sim, OTHER_KEY)).filter((x) => x.status === 1);
    const emails = [a?.email ?? '', b?.email ?? ''];
    const broke = await control(sim, 'POST', { break: { emails }, cause: 'daily-sending-limit' });
    expect(broke.body).toMatchObject({ broken: 2 });
    const after = (await items(sim, OTHER_KEY)).filter((x) => emails.includes(x.email));
    expect(after.map((x) => diagnose(x.status_message ?? null)?.cause)).toEqual([
      'daily-sending-limit',
      'daily-sending-limit',
    ]);
    expect(after.every((x) => x.status < 0)).toBe(true);
  });

  it('refuses bad input with a message naming the field', async () => {
    const { sim } = testSimulator({ workspaces: twoWorkspaces() });
    const badCause = await control(sim, 'POST', { break: { domain: 'x.io' }, cause: 'sign-in-expired' });
    expect(badCause.status).toBe(400);
    expect(String(badCause.body.message)).toMatch(/^cause: must be one of oauth-token-revoked/);
    const badSelector = await control(sim, 'POST', { fix: { domain: 'x.io', emails: [] } });
    expect(badSelector.status).toBe(400);
    expect(String(badSelector.body.message)).toMatch(/^fix: must be/);
    expect((await control(sim, 'POST', { fix: { domain: 'nobody.example' } })).status).toBe(404);
    expect((await control(sim, 'POST', { fix: { domain: 'x.io' }, workspace: 'nope' })).status).toBe(404);
    expect((await control(sim, 'POST', { break: { domain: 'x.io' } })).status).toBe(400);
  });
});
