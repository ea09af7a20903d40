import 'server-only';
import path from 'node:path';
import { getConfig } from '@/lib/server/config';
import { processSingleton } from '@/lib/server/singleton';
import type { Config } from '@/lib/schemas/config';
import { fileSimulatorStore, type SimulatorStore } from './persistence';
import { createSimulator } from './simulator';
import type { SimWorkspaceSpec, Simulator } from './types';

// The process-wide simulator built from configuration: the demo workspace plus every SIM_WORKSPACES
// entry. Kept on globalThis (processSingleton) so route handlers and dev reloads share one state, and
// in DATA_DIR/demo-simulator.json so a restart keeps it (the standalone `npm run simulator` does not).

export const DEMO_WORKSPACE_SLUG = 'demo';
/** The demo workspace's key. Not a secret: it only opens the simulator. */
export const DEMO_API_KEY = 'sim_demo_5f3a9c2e7b1d4e80';

/** "Acme Outreach" → "acme-outreach". */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'workspace' : slug;
}

export function simulatorSpecs(config: Config): SimWorkspaceSpec[] {
  const specs: SimWorkspaceSpec[] = [
    {
      slug: DEMO_WORKSPACE_SLUG,
      key: DEMO_API_KEY,
      name: 'Demo workspace',
      seed: config.SIM_SEED,
      accounts: config.SIM_ACCOUNTS,
      flag: null,
    },
  ];
  const taken = new Set(specs.map((s) => s.slug));
  const unique = (name: string) => {
    let slug = slugify(name);
    for (let n = 2; taken.has(slug); n++) slug = `${slugify(name)}-${n}`;
    taken.add(slug);
    return slug;
  };
  for (const entry of config.SIM_WORKSPACES) {
    const slug = unique(entry.name);
    specs.push({
      slug,
      key: entry.key,
      name: entry.name,
      seed: entry.seed,
      accounts: entry.accounts,
      flag: entry.flag,
    });
  }
  for (const agency of config.SIM_AGENCIES) {
    const admin = agency.admin;
    const adminSlug = unique(admin.name);
    specs.push({
      slug: adminSlug,
      key: admin.key,
      name: admin.name,
      seed: admin.seed,
      accounts: admin.accounts,
      flag: null,
    });
    for (const client of agency.clients) {
      // A client has no key here: it is reached only with the admin key and x-as-workspace.
      specs.push({
        slug: unique(client.name),
        key: '',
        name: client.name,
        seed: client.seed,
        accounts: client.accounts,
        flag: null,
        memberOf: { admin: adminSlug, status: client.status },
      });
    }
  }
  return specs;
}

export const SIMULATOR_STATE_FILE = 'demo-simulator.json';

export function simulatorFromConfig(config: Config, store?: SimulatorStore): Simulator {
  return createSimulator({
    store,
    workspaces: simulatorSpecs(config),
    jobSpeed: config.SIM_JOB_SPEED,
    faults: config.SIM_FAULTS ?? [],
    rate: { perSecond: config.SIM_RATE_PER_SECOND, perMinute: config.SIM_RATE_PER_MINUTE },
  });
}

export function getSimulator(): Simulator {
  return processSingleton('simulator', () => {
    const config = getConfig();
    return simulatorFromConfig(config, fileSimulatorStore(path.join(config.DATA_DIR, SIMULATOR_STATE_FILE)));
  });
}
