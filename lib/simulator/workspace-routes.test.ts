import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileSimulatorStore } from './persistence';
import { createSimulator } from './simulator';
import { call, demoSpec, testClock, testSimulator } from './test-helpers';

// PATCH /workspaces/current (REFERENCE §7): clients rename the workspace or set its logo; the answer
// and every later GET show the change, and the demo keeps it across a restart.

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('PATCH /workspaces/current', () => {
  it('renames the workspace and sets its logo; GET shows the new values and a later timestamp_updated', async () => {
    const { sim, clock } = testSimulator({ workspaces: [demoSpec({ accounts: 5 })] });
    const before = (await call(sim, 'GET', '/workspaces/current')).body as Record<string, unknown>;
    clock.advance(60_000);
    const patched = await call(sim, 'PATCH', '/workspaces/current', {
      body: { name: 'Renamed Co', org_logo_url: 'https://example.com/logo.png' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      id: before.id,
      name: 'Renamed Co',
      org_logo_url: 'https://example.com/logo.png',
    });
    const after = (await call(sim, 'GET', '/workspaces/current')).body as Record<string, unknown>;
    expect(after).toEqual(patched.body);
    expect(Date.parse(after.timestamp_updated as string)).toBeGreaterThan(
      Date.parse(before.timestamp_updated as string),
    );
    // A body with only one field leaves the other as it was.
    const logoOff = await call(sim, 'PATCH', '/workspaces/current', { body: { org_logo_url: null } });
    expect(logoOff.body).toMatchObject({ name: 'Renamed Co' });
    expect(logoOff.body).not.toHaveProperty('org_logo_url');
  });

  it('refuses an empty name in Ajv words and a read-only key with 403', async () => {
    const { sim } = testSimulator({
      workspaces: [
        demoSpec({ accounts: 5 }),
        { ...demoSpec({ accounts: 5 }), slug: 'ro', key: 'sim_ro_key_0000000000', flag: 'readonly' },
      ],
    });
    const empty = await call(sim, 'PATCH', '/workspaces/current', { body: { name: '' } });
    expect(empty.status).toBe(400);
    expect((empty.body as { message: string }).message).toBe(
      'body/name must NOT have fewer than 1 characters',
    );
    const readOnly = await call(sim, 'PATCH', '/workspaces/current', {
      key: 'sim_ro_key_0000000000',
      body: { name: 'Nope' },
    });
    expect(readOnly.status).toBe(403);
  });

  it('the demo keeps a new name across a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sim-ws-'));
    dirs.push(dir);
    const file = path.join(dir, 'demo-simulator.json');
    const clock = testClock();
    const boot = () => {
      const store = fileSimulatorStore(file, { debounceMs: 60_000 });
      const sim = createSimulator({
        workspaces: [demoSpec({ accounts: 5 })],
        jobSpeed: 10,
        rate: { perSecond: 1_000_000, perMinute: 1_000_000 },
        now: clock.now,
        store,
      });
      return { sim, store };
    };
    const first = boot();
    await call(first.sim, 'PATCH', '/workspaces/current', { body: { name: 'Kept Name' } });
    first.store.flush();
    const second = boot();
    expect((await call(second.sim, 'GET', '/workspaces/current')).body).toMatchObject({ name: 'Kept Name' });
  });
});
