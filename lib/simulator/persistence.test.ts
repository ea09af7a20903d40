import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fileSimulatorStore } from './persistence';
import { createSimulator } from './simulator';
import { call, demoSpec, testClock, type TestClock } from './test-helpers';
import type { SimWorkspaceSpec } from './types';

// The dashboard's demo simulator keeps its state in DATA_DIR: a "restart" here is a new simulator
// built from the same file, which must show what the old one had become, not the seed.

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function stateFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sim-persist-'));
  dirs.push(dir);
  return path.join(dir, 'demo-simulator.json');
}

function boot(file: string, clock: TestClock, workspaces: SimWorkspaceSpec[] = [demoSpec({ accounts: 60 })]) {
  const store = fileSimulatorStore(file, { debounceMs: 60_000 });
  const sim = createSimulator({
    workspaces,
    jobSpeed: 10,
    rate: { perSecond: 1_000_000, perMinute: 1_000_000 },
    now: clock.now,
    store,
  });
  return { sim, store };
}

type Account = { email: string; status: number; warmup_status: number; daily_limit?: number };

async function accounts(sim: ReturnType<typeof boot>['sim']): Promise<Account[]> {
  const res = await call(sim, 'GET', '/accounts', { query: { limit: 100 } });
  return (res.body as { items: Account[] }).items;
}

describe('the demo simulator across a restart', () => {
  it('keeps settings, pauses, tags and finished warmup jobs, and goes on with new ids', async () => {
    const file = stateFile();
    const clock = testClock();
    const first = boot(file, clock);
    const all = await accounts(first.sim);
    const active = all.filter((a) => a.status === 1);
    const [edited, paused] = active;
    const warmupOff = all.filter((a) => a.status === 1 && a.warmup_status === 0).slice(0, 2);
    expect(edited && paused && warmupOff.length === 2).toBe(true);
    if (!edited || !paused) return;

    const enc = encodeURIComponent;
    expect(
      (await call(first.sim, 'PATCH', `/accounts/${enc(edited.email)}`, { body: { daily_limit: 7 } })).status,
    ).toBe(200);
    expect((await call(first.sim, 'POST', `/accounts/${enc(paused.email)}/pause`)).status).toBe(200);
    const tag = (await call(first.sim, 'POST', '/custom-tags', { body: { label: 'Kept' } })).body as {
      id: string;
    };
    await call(first.sim, 'POST', '/custom-tags/toggle-resource', {
      body: { tag_ids: [tag.id], resource_type: 1, resource_ids: [edited.email], assign: true },
    });
    const job = (
      await call(first.sim, 'POST', '/accounts/warmup/enable', {
        body: { emails: warmupOff.map((a) => a.email) },
      })
    ).body as { id: string };
    clock.advance(5_000);
    const done = (await call(first.sim, 'GET', `/background-jobs/${job.id}`)).body as { status: string };
    expect(done.status).toBe('success');
    const timelineBefore = first.sim.settingsTimeline('demo', edited.email);
    first.store.flush();

    const second = boot(file, clock);
    const after = new Map((await accounts(second.sim)).map((a) => [a.email, a]));
    expect(after.get(edited.email)?.daily_limit).toBe(7);
    expect(after.get(paused.email)?.status).toBe(2);
    for (const a of warmupOff) expect(after.get(a.email)?.warmup_status).toBe(1);
    expect(
      ((await call(second.sim, 'GET', `/background-jobs/${job.id}`)).body as { status: string }).status,
    ).toBe('success');
    const tags = (await call(second.sim, 'GET', '/custom-tags', { query: { limit: 100 } })).body as {
      items: Array<{ id: string; label: string }>;
    };
    expect(tags.items.map((t) => t.label)).toContain('Kept');
    const mappings = (await call(second.sim, 'GET', '/custom-tag-mappings', { query: { limit: 100 } }))
      .body as {
      items: Array<{ tag_id: string; resource_id: string }>;
    };
    expect(mappings.items.filter((m) => m.tag_id === tag.id).map((m) => m.resource_id)).toEqual([
      edited.email,
    ]);
    expect(second.sim.settingsTimeline('demo', edited.email)).toEqual(timelineBefore);
    // The id stream continues where it was: a new tag never reuses an id handed out before the restart.
    const next = (await call(second.sim, 'POST', '/custom-tags', { body: { label: 'Later' } })).body as {
      id: string;
    };
    expect(next.id).not.toBe(tag.id);
  });

  it('a job still running at the restart finishes afterwards as it would have', async () => {
    const file = stateFile();
    const clock = testClock();
    const first = boot(file, clock);
    const off = (await accounts(first.sim))
      .filter((a) => a.status === 1 && a.warmup_status === 0)
      .slice(0, 3);
    const job = (
      await call(first.sim, 'POST', '/accounts/warmup/enable', { body: { emails: off.map((a) => a.email) } })
    ).body as { id: string };
    first.store.flush();
    clock.advance(10_000);
    const second = boot(file, clock);
    expect(
      ((await call(second.sim, 'GET', `/background-jobs/${job.id}`)).body as { status: string }).status,
    ).toBe('success');
    const after = new Map((await accounts(second.sim)).map((a) => [a.email, a]));
    for (const a of off) expect(after.get(a.email)?.warmup_status).toBe(1);
  });

  it('a reset of all workspaces forgets the saved state; a workspace configured anew starts from its seed', async () => {
    const file = stateFile();
    const clock = testClock();
    const first = boot(file, clock);
    const [target] = (await accounts(first.sim)).filter((a) => a.status === 1);
    if (!target) throw new Error('no active account in the seed');
    const seeded = target.daily_limit;
    await call(first.sim, 'PATCH', `/accounts/${encodeURIComponent(target.email)}`, {
      body: { daily_limit: 3 },
    });
    first.store.flush();

    // Another seed for the same slug: the saved accounts belong to a different fleet.
    const reseeded = boot(file, clock, [demoSpec({ accounts: 60, seed: 43 })]);
    expect((await accounts(reseeded.sim)).some((a) => a.email === target.email && a.daily_limit === 3)).toBe(
      false,
    );

    const control = await first.sim.handleControl(
      new Request('http://sim.test/control', { method: 'POST', body: JSON.stringify({ reset: 'all' }) }),
    );
    expect(control.status).toBe(200);
    expect(() => readFileSync(file)).toThrow(/ENOENT/);
    const fresh = boot(file, clock);
    const again = (await accounts(fresh.sim)).find((a) => a.email === target.email);
    expect(again?.daily_limit).toBe(seeded);
  });

  it('ignores a damaged or old-version file with a warning, and starts from the seed', async () => {
    const clock = testClock();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const seed = await accounts(boot(stateFile(), clock).sim);
    for (const content of ['{not json', JSON.stringify({ version: 0, savedAt: 'x', workspaces: [] })]) {
      const file = stateFile();
      writeFileSync(file, content);
      const { sim } = boot(file, clock);
      expect(await accounts(sim)).toEqual(seed);
    }
    expect(warn).toHaveBeenCalledTimes(2);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/ignoring .*demo-simulator\.json/);
  });

  it('writes through a temp file and a rename, once per burst of changes', async () => {
    vi.useFakeTimers();
    try {
      const file = stateFile();
      const store = fileSimulatorStore(file, { debounceMs: 100 });
      let snapshots = 0;
      const snapshot = () => {
        snapshots += 1;
        return { version: 1 as const, savedAt: new Date(0).toISOString(), workspaces: [] };
      };
      for (let i = 0; i < 5; i++) store.save(snapshot);
      expect(() => readFileSync(file)).toThrow(/ENOENT/);
      vi.advanceTimersByTime(100);
      expect(snapshots).toBe(1);
      expect(store.load()).toEqual({ version: 1, savedAt: new Date(0).toISOString(), workspaces: [] });
      expect(readdirSync(path.dirname(file))).toEqual(['demo-simulator.json']);
    } finally {
      vi.useRealTimers();
    }
  });
});
