import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

describe('configuration', () => {
  it('has working defaults for an empty environment', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      INSTANTLY_API_BASE_URL: 'https://api.instantly.ai',
      DATA_DIR: '.data',
      HOST: '127.0.0.1',
      PORT: 3000,
      RATE_LIMIT_PER_SECOND: 10,
      RATE_LIMIT_PER_MINUTE: 600,
      SIM_ACCOUNTS: 500,
      DEMO_WORKSPACE: true,
      SIM_CONTROL: false,
      REQUEST_DEADLINE_MS: 20_000,
      WORKER: 'on',
      FLEET_SYNC_INTERVAL_SECONDS: 900,
    });
    expect(config.INSTANTLY_API_KEY).toBeUndefined();
    expect(config.SIM_WORKSPACES.map((w) => w.name)).toEqual(['Acme Outreach', 'Globex Growth']);
  });

  it('treats empty strings as unset and trims a trailing slash from the base URL', () => {
    const config = parseConfig({ PORT: '', INSTANTLY_API_BASE_URL: 'http://127.0.0.1:3101/' });
    expect(config.PORT).toBe(3000);
    expect(config.INSTANTLY_API_BASE_URL).toBe('http://127.0.0.1:3101');
  });

  it.each([
    [{ PORT: '99999' }, 'PORT'],
    [{ REQUEST_DEADLINE_MS: '500' }, 'REQUEST_DEADLINE_MS'],
    [{ REQUEST_DEADLINE_MS: 'soon' }, 'REQUEST_DEADLINE_MS'],
    [{ INSTANTLY_API_BASE_URL: 'ftp://x' }, 'INSTANTLY_API_BASE_URL'],
    [{ DASHBOARD_SECRET: 'short' }, 'DASHBOARD_SECRET'],
    [{ RATE_LIMIT_PER_SECOND: '500' }, 'RATE_LIMIT_PER_SECOND'],
    [{ SIM_ACCOUNTS: 'lots' }, 'SIM_ACCOUNTS'],
    [{ DEMO_WORKSPACE: 'maybe' }, 'DEMO_WORKSPACE'],
    [{ WORKER: 'yes' }, 'WORKER'],
    [{ FLEET_SYNC_INTERVAL_SECONDS: '0' }, 'FLEET_SYNC_INTERVAL_SECONDS'],
    [{ SIM_FAULTS: '{not json' }, 'SIM_FAULTS'],
    [{ SIM_FAULTS: '[{"kind":"explode"}]' }, 'SIM_FAULTS'],
    [{ SIM_WORKSPACES: 'short:Name:1:10' }, 'SIM_WORKSPACES'],
    [{ DATABASE_URL: 'mysql://db.example/fleet' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'fleet.db' }, 'DATABASE_URL'],
  ])('stops on %j with a message naming the variable', (env, variable) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(new RegExp(`${variable}:`));
  });

  it('takes a PostgreSQL URL in either spelling, and none means SQLite', () => {
    expect(parseConfig({}).DATABASE_URL).toBeUndefined();
    for (const url of [
      'postgres://fleet:pw@127.0.0.1:5432/fleet',
      'postgresql://db.internal/fleet?sslmode=require',
    ]) {
      expect(parseConfig({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
    }
  });

  it('parses simulator workspaces and fault rules', () => {
    const config = parseConfig({
      SIM_WORKSPACES: 'sim_key_abcdefghijkl:Client One:3:40:readonly,sim_key_mnopqrstuvwx:Client Two:4:0',
      SIM_FAULTS: '[{"kind":"rate-limit","workspace":"demo","count":3}]',
    });
    expect(config.SIM_WORKSPACES).toEqual([
      { key: 'sim_key_abcdefghijkl', name: 'Client One', seed: 3, accounts: 40, flag: 'readonly' },
      { key: 'sim_key_mnopqrstuvwx', name: 'Client Two', seed: 4, accounts: 0, flag: null },
    ]);
    expect(config.SIM_FAULTS).toEqual([{ kind: 'rate-limit', workspace: 'demo', count: 3, rate: 1 }]);
  });
});
