import 'server-only';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '@/lib/schemas/config';
import { type SimulatorLogLine, createSimulatorServer } from './http-server';
import { simulatorFromConfig, simulatorSpecs } from './registry';

// SIM_AGENCIES (an admin key and its client workspaces) and SIM_LOG (one line per request, never the key).

describe('SIM_AGENCIES', () => {
  it('defaults to a small agency: the admin workspace with three accepted clients, one pending, one rejected', () => {
    const specs = simulatorSpecs(parseConfig({}));
    const admin = specs.find((s) => s.name === 'Northwind Agency');
    expect(admin?.key).toBe('sim_agency_9c4e1a7b3d5f2e80');
    expect(admin?.memberOf).toBeUndefined();
    const clients = specs.filter((s) => s.memberOf?.admin === admin?.slug);
    expect(clients.map((c) => [c.name, c.memberOf?.status])).toEqual([
      ['Bluebird Dental', 'accepted'],
      ['Cobalt Legal', 'accepted'],
      ['Driftwood Cafe', 'accepted'],
      ['Ember Fitness', 'pending'],
      ['Fjord Realty', 'rejected'],
    ]);
    // Clients are reached only through the admin key.
    expect(clients.every((c) => c.key === '')).toBe(true);
  });

  it('reads several agencies and refuses a malformed one, naming the variable', () => {
    const config = parseConfig({
      SIM_AGENCIES:
        'sim_agency_aaaaaaaaaaaa:One:1:0|A:2:10,sim_agency_bbbbbbbbbbbb:Two:3:5|B:4:20:pending|C:5:1:rejected',
    });
    expect(config.SIM_AGENCIES.map((a) => [a.admin.name, a.clients.map((c) => c.status)])).toEqual([
      ['One', ['accepted']],
      ['Two', ['pending', 'rejected']],
    ]);
    expect(() => parseConfig({ SIM_AGENCIES: 'sim_agency_aaaaaaaaaaaa:One:1:0' })).toThrow(ConfigError);
    expect(() => parseConfig({ SIM_AGENCIES: 'sim_agency_aaaaaaaaaaaa:One:1:0|A:2:10:left' })).toThrow(
      /SIM_AGENCIES/,
    );
  });
});

describe('SIM_LOG', () => {
  it('logs method, path, status and x-as-workspace of each request, never the key', async () => {
    const simulator = simulatorFromConfig(parseConfig({ SIM_ACCOUNTS: '5', SIM_WORKSPACES: '' }));
    const sub = simulator.workspaces().find((w) => w.name === 'Cobalt Legal')!;
    const lines: SimulatorLogLine[] = [];
    const server = createSimulatorServer(simulator, false, 'http://127.0.0.1', (line) => lines.push(line));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const get = (path: string, headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end();
      });
    try {
      const auth = { authorization: 'Bearer sim_agency_9c4e1a7b3d5f2e80' };
      expect(await get('/api/v2/accounts?limit=1', { ...auth, 'x-as-workspace': sub.id })).toBe(200);
      expect(await get('/api/v2/workspaces/current', auth)).toBe(200);
      expect(await get('/api/v2/accounts', { ...auth, 'x-as-workspace': 'outsider' })).toBe(403);
    } finally {
      server.close();
    }
    expect(lines).toEqual([
      { method: 'GET', path: '/api/v2/accounts', status: 200, asWorkspace: sub.id },
      { method: 'GET', path: '/api/v2/workspaces/current', status: 200 },
      { method: 'GET', path: '/api/v2/accounts', status: 403, asWorkspace: 'outsider' },
    ]);
    expect(JSON.stringify(lines)).not.toContain('sim_agency_');
  });
});
