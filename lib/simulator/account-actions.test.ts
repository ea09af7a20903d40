import 'server-only';
import { describe, expect, it } from 'vitest';
import { call, demoSpec, listAll, testSimulator } from './test-helpers';

// Create, get, pause, resume, mark-fixed, delete and bulk pause (REFERENCE §4.3–§4.7, §8).

const createBody = {
  email: 'new.inbox@fresh-domain.test',
  first_name: 'New',
  last_name: 'Inbox',
  provider_code: 1,
  imap_username: 'new.inbox@fresh-domain.test',
  imap_password: 'secret',
  imap_host: 'imap.fresh-domain.test',
  imap_port: 993,
  smtp_username: 'new.inbox@fresh-domain.test',
  smtp_password: 'secret',
  smtp_host: 'smtp.fresh-domain.test',
  smtp_port: 587,
};

describe('account lifecycle', () => {
  it('create → status 1, warmup 0, score 0, only the required keys; it heads the default list', async () => {
    const { sim, clock } = testSimulator({ workspaces: [demoSpec({ accounts: 20 })] });
    const res = await call(sim, 'POST', '/accounts', { body: createBody });
    expect(res.status).toBe(200);
    const workspace = (await call(sim, 'GET', '/workspaces/current')).body as { id: string };
    const now = new Date(clock.now()).toISOString();
    expect(res.text).toBe(
      JSON.stringify({
        email: createBody.email,
        timestamp_created: now,
        timestamp_updated: now,
        first_name: 'New',
        last_name: 'Inbox',
        organization: workspace.id,
        warmup_status: 0,
        provider_code: 1,
        setup_pending: false,
        is_managed_account: false,
        status: 1,
        stat_warmup_score: 0,
      }),
    );
    expect(res.text).not.toContain('secret');
    const first = (await call(sim, 'GET', '/accounts', { query: { limit: 1 } })).body as {
      items: Array<{ email: string }>;
    };
    expect(first.items[0]?.email).toBe(createBody.email);
    const again = await call(sim, 'POST', '/accounts', { body: createBody });
    expect(again.status).toBe(400);
    expect((again.body as { message: string }).message).toBe(
      'This account has already been added to this or a different workspace',
    );
    const missing = await call(sim, 'POST', '/accounts', { body: { email: 'x@y.co' } });
    expect((missing.body as { message: string }).message).toBe(
      "body must have required property 'first_name'",
    );
  });

  it('pause → 2, resume → 1, without touching timestamp_updated', async () => {
    const { sim } = testSimulator({ workspaces: [demoSpec({ accounts: 50 })] });
    const account = (await listAll(sim)).items.find((a) => a.status === 1) as {
      email: string;
      timestamp_updated: string;
    };
    const path = `/accounts/${encodeURIComponent(account.email)}`;
    const paused = (await call(sim, 'POST', `${path}/pause`)).body as {
      status: number;
      timestamp_updated: string;
    };
    expect(paused.status).toBe(2);
    expect(paused.timestamp_updated).toBe(account.timestamp_updated);
    expect(((await call(sim, 'GET', path)).body as { status: number }).status).toBe(2);
    expect(((await call(sim, 'POST', `${path}/resume`)).body as { status: number }).status).toBe(1);
  });

  it('mark-fixed on an errored account → status 1, no status_message, no autofix_failed', async () => {
    const { sim, clock } = testSimulator({ workspaces: [demoSpec({ accounts: 200 })] });
    const broken = (await listAll(sim)).items.find((a) => (a.status as number) < 0) as { email: string };
    clock.advance(1_234);
    const fixed = (await call(sim, 'POST', `/accounts/${encodeURIComponent(broken.email)}/mark-fixed`))
      .body as Record<string, unknown>;
    expect(fixed.status).toBe(1);
    expect(fixed).not.toHaveProperty('status_message');
    expect(fixed).not.toHaveProperty('autofix_failed');
    expect(fixed.timestamp_updated).toBe(new Date(clock.now()).toISOString());
    const errors = (await listAll(sim, { filter: 'ACC_FILTER_ERROR' })).items.map((a) => a.email);
    expect(errors).not.toContain(broken.email);
  });

  it('mark-fixed on a healthy account returns it unchanged apart from timestamp_updated', async () => {
    const { sim, clock } = testSimulator({ workspaces: [demoSpec({ accounts: 50 })] });
    const healthy = (await listAll(sim)).items.find((a) => a.status === 1) as Record<string, unknown> & {
      email: string;
    };
    clock.advance(5_000);
    const after = (await call(sim, 'POST', `/accounts/${encodeURIComponent(healthy.email)}/mark-fixed`))
      .body as Record<string, unknown>;
    expect({ ...after, timestamp_updated: healthy.timestamp_updated }).toEqual(healthy);
  });

  it('delete returns the account; afterwards it is 404 and gone from the list', async () => {
    const { sim } = testSimulator({ workspaces: [demoSpec({ accounts: 50 })] });
    const victim = (await listAll(sim)).items[3] as { email: string };
    const path = `/accounts/${encodeURIComponent(victim.email)}`;
    const deleted = await call(sim, 'DELETE', path);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual(victim);
    expect((await call(sim, 'GET', path)).status).toBe(404);
    expect((await call(sim, 'DELETE', path)).status).toBe(404);
    const rest = (await listAll(sim)).items;
    expect(rest).toHaveLength(49);
    expect(rest.map((a) => a.email)).not.toContain(victim.email);
  });

  it('bulk pause splits emails into paused and failed (unknown, already paused, duplicates ignored)', async () => {
    const { sim } = testSimulator({ workspaces: [demoSpec({ accounts: 100 })] });
    const items = (await listAll(sim)).items;
    const active = items.find((a) => a.status === 1) as { email: string };
    const alreadyPaused = items.find((a) => a.status === 2) as { email: string };
    const res = await call(sim, 'POST', '/accounts/pause', {
      body: { emails: [active.email, active.email, alreadyPaused.email, 'ghost@nowhere.test'] },
    });
    expect(res.body).toEqual({
      paused_emails: [active.email],
      failed_emails: [alreadyPaused.email, 'ghost@nowhere.test'],
    });
  });

  it('get and PATCH answer 404 for an unknown account', async () => {
    const { sim } = testSimulator({ workspaces: [demoSpec({ accounts: 5 })] });
    expect((await call(sim, 'GET', '/accounts/ghost%40nowhere.test')).status).toBe(404);
    expect(
      (await call(sim, 'PATCH', '/accounts/ghost%40nowhere.test', { body: { daily_limit: 5 } })).status,
    ).toBe(404);
    expect((await call(sim, 'POST', '/accounts/ghost%40nowhere.test/pause')).status).toBe(404);
  });
});
