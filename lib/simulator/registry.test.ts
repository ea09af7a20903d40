import 'server-only';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIM_WORKSPACES, parseConfig } from '@/lib/schemas/config';
import { DEMO_API_KEY, DEMO_WORKSPACE_SLUG, simulatorFromConfig, simulatorSpecs, slugify } from './registry';
import { call } from './test-helpers';

// The configured simulator: the demo workspace plus SIM_WORKSPACES, faults and rates from the env.

describe('registry', () => {
  it('builds the demo workspace and the SIM_WORKSPACES entries with slugs from their names', () => {
    // The default agency is SIM_AGENCIES' (agency-config.test.ts).
    const specs = simulatorSpecs(parseConfig({ SIM_AGENCIES: ',' }));
    expect(specs.map((s) => s.slug)).toEqual([DEMO_WORKSPACE_SLUG, 'acme-outreach', 'globex-growth']);
    expect(specs[0]).toEqual({
      slug: 'demo',
      key: DEMO_API_KEY,
      name: 'Demo workspace',
      seed: 42,
      accounts: 500,
      flag: null,
    });
    expect(DEFAULT_SIM_WORKSPACES).toContain(specs[1]?.key);
  });

  it('de-duplicates slugs and keeps flags', () => {
    const specs = simulatorSpecs(
      parseConfig({
        SIM_WORKSPACES: 'sim_aaaaaaaaaaaa:Acme Outreach:1:5,sim_bbbbbbbbbbbb:Acme  outreach!:2:5:readonly',
        SIM_AGENCIES: ',',
      }),
    );
    expect(specs.map((s) => [s.slug, s.flag])).toEqual([
      ['demo', null],
      ['acme-outreach', null],
      ['acme-outreach-2', 'readonly'],
    ]);
    expect(slugify('  Über Growth  ')).toBe('uber-growth');
  });

  it('serves the demo key and applies SIM_FAULTS', async () => {
    const sim = simulatorFromConfig(
      parseConfig({
        SIM_ACCOUNTS: '12',
        SIM_WORKSPACES: ',',
        SIM_AGENCIES: ',',
        SIM_FAULTS: '[{"kind":"error","status":503,"path":"^/custom-tags$"}]',
      }),
    );
    expect(sim.workspaces().map((w) => [w.slug, w.accounts])).toEqual([['demo', 12]]);
    expect((await call(sim, 'GET', '/workspaces/current', { key: DEMO_API_KEY })).status).toBe(200);
    expect((await call(sim, 'GET', '/custom-tags', { key: DEMO_API_KEY })).status).toBe(503);
    expect(sim.workspaceBySlug('demo')?.key).toBe(DEMO_API_KEY);
    expect(sim.workspaceBySlug('nope')).toBeUndefined();
  });
});
