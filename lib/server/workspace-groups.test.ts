import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listAccounts } from '@/lib/instantly/accounts';
import { InstantlyError } from '@/lib/instantly/errors';
import { jsonResponse, scriptedTransport, testClient } from '@/lib/instantly/test-helpers';
import { parseConfig } from '@/lib/schemas/config';
import type { GroupPreview } from '@/lib/schemas/api-workspaces';
import { type SimulatorLogLine, createSimulatorServer } from '@/lib/simulator/http-server';
import { simulatorFromConfig } from '@/lib/simulator/registry';
import type { Simulator } from '@/lib/simulator/types';
import type { Db } from '@/lib/store/db';
import { listVaultRows } from '@/lib/store/vault';
import { listBackgroundWorkspaces } from './background-workspaces';
import { keyGroupSteps } from './key-group-steps';
import { resetProcessSingleton } from './singleton';
import { addWorkspaceKey, removeWorkspaceKey, setGroupAutoAdd } from './workspace-keys';
import { refreshGroup } from './workspace-groups';
import { freshVaultDb, problemOf, testAccess, testPerson } from './workspace-test-helpers';
import { clientFor, listWorkspaces, resolveWorkspace } from './workspaces';

// Agencies end to end on the server side: an admin key added through the same use-case the route
// calls, against the simulator over HTTP (the log shows every call's x-as-workspace), then each
// client as a workspace of its own, the shared cap, auto-add and access limits.

const ADMIN_KEY = 'sim_agency_test_0123456789';
let sim: Simulator;
let server: Server;
const log: SimulatorLogLine[] = [];

beforeAll(async () => {
  sim = simulatorFromConfig(
    parseConfig({
      SIM_ACCOUNTS: '3',
      SIM_WORKSPACES: ',',
      SIM_AGENCIES: `${ADMIN_KEY}:Test Agency:5:2|Alpha Co:6:12|Bravo Co:7:8|Charlie Co:8:5:pending|Delta Co:9:4:rejected`,
    }),
  );
  server = createSimulatorServer(sim, false, 'http://127.0.0.1', (line) => log.push(line));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(() => server.close());

const freshDb = freshVaultDb('workspace-groups-test-secret-0123456789ab');
let db: Db;
beforeEach(() => {
  process.env.INSTANTLY_API_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  resetProcessSingleton('config');
  resetProcessSingleton('rate-budgets');
  db = freshDb();
  log.length = 0;
});

const owner = testPerson('owner');
const subId = (name: string) => sim.workspaces().find((w) => w.name === name)!.id;
const verify = async () => ({
  id: sim.workspaces().find((w) => w.name === 'Test Agency')!.id,
  name: 'Test Agency',
});

async function addAgency(clients?: string[], autoAdd?: boolean) {
  return addWorkspaceKey(
    { db, person: owner },
    { key: ADMIN_KEY, label: 'Agency key', clients, autoAdd },
    verify,
    Date.now(),
    keyGroupSteps(db),
  );
}

describe('adding an admin key', () => {
  it('first answers with the group: accepted clients with names and account counts, the others shown', async () => {
    const result = await addAgency();
    expect('preview' in result).toBe(true);
    const preview = (result as { preview: GroupPreview }).preview;
    expect(preview.admin).toEqual({ name: 'Test Agency', keyHint: '…6789' });
    expect(preview.clients.map((c) => [c.name, c.status, c.accounts])).toEqual([
      ['Alpha Co', 'accepted', 12],
      ['Bravo Co', 'accepted', 8],
      ['Charlie Co', 'pending', null],
      ['Delta Co', 'rejected', null],
    ]);
    // Nothing stored yet; the counts were read as each accepted client, never as the others.
    expect(await listVaultRows(db)).toEqual([]);
    const asHeaders = log.filter((l) => l.path === '/api/v2/accounts').map((l) => l.asWorkspace);
    expect(asHeaders.sort()).toEqual([subId('Alpha Co'), subId('Bravo Co')].sort());
  });

  it('stores the key once and each chosen client as a workspace acting as it', async () => {
    const result = await addAgency([subId('Alpha Co'), subId('Bravo Co')]);
    expect(result).toMatchObject({ added: [`ws_${subId('Alpha Co')}`, `ws_${subId('Bravo Co')}`] });
    const rows = await listVaultRows(db);
    expect(rows.map((r) => r.name)).toEqual(['Test Agency']);

    const { listed, usable } = await listWorkspaces(testAccess(db, owner));
    expect(listed.filter((w) => w.kind === 'user').map((w) => [w.name, w.via, w.autoAdd])).toEqual([
      ['Test Agency', null, true],
      ['Alpha Co', 'Agency key', null],
      ['Bravo Co', 'Agency key', null],
    ]);
    // No listing carries a key; every usable client uses the admin's key as its own workspace.
    expect(JSON.stringify(listed)).not.toContain(ADMIN_KEY);
    const alpha = usable.find((w) => w.name === 'Alpha Co')!;
    expect(alpha).toMatchObject({ apiKey: ADMIN_KEY, asWorkspace: subId('Alpha Co') });

    log.length = 0;
    const page = await listAccounts(clientFor(alpha), { limit: 100 });
    expect(page.items).toHaveLength(12);
    expect(log).toEqual([
      { method: 'GET', path: '/api/v2/accounts', status: 200, asWorkspace: subId('Alpha Co') },
    ]);
    // The admin workspace itself: no header.
    const admin = usable.find((w) => w.name === 'Test Agency')!;
    expect((await listAccounts(clientFor(admin), { limit: 100 })).items).toHaveLength(2);
    expect(log[1]).toEqual({ method: 'GET', path: '/api/v2/accounts', status: 200 });
  });

  it('refuses a pending or rejected client, and a limited admin', async () => {
    expect(await problemOf(addAgency([subId('Charlie Co')]))).toMatchObject({
      status: 400,
      field: 'clients',
    });
    expect(await problemOf(addAgency([subId('Delta Co')]))).toMatchObject({ status: 400, field: 'clients' });
    const limited = testPerson('admin', ['ws_other']);
    const refused = addWorkspaceKey(
      { db, person: limited },
      { key: ADMIN_KEY },
      verify,
      Date.now(),
      keyGroupSteps(db),
    );
    expect(await problemOf(refused)).toMatchObject({ status: 403 });
    expect(await listVaultRows(db)).toEqual([]);
  });
});

describe('a client workspace of its own', () => {
  it('is seen alone by a member limited to it', async () => {
    await addAgency([subId('Alpha Co'), subId('Bravo Co')]);
    const alphaId = `ws_${subId('Alpha Co')}`;
    const viewer = testPerson('viewer', [alphaId]);
    const { listed } = await listWorkspaces(testAccess(db, viewer));
    expect(listed.map((w) => w.name)).toEqual(['Alpha Co']);
    const bravo = `ws_${subId('Bravo Co')}`;
    expect(await problemOf(resolveWorkspace(testAccess(db, viewer), bravo))).toMatchObject({ status: 404 });
    expect((await resolveWorkspace(testAccess(db, viewer), alphaId)).asWorkspace).toBe(subId('Alpha Co'));
  });

  it('is worked on in the background with the admin key’s shared cap', async () => {
    await addAgency([subId('Alpha Co')]);
    const background = await listBackgroundWorkspaces(db);
    const agency = background.filter((w) => w.apiKey === ADMIN_KEY);
    expect(agency.map((w) => [w.name, w.asWorkspace ?? null, w.groupCap])).toEqual([
      ['Test Agency', null, `group:ws_${subId('Test Agency')}`],
      ['Alpha Co', subId('Alpha Co'), `group:ws_${subId('Test Agency')}`],
    ]);
  });

  it('is removed alone, and not brought back by auto-add; removing the admin key removes every client', async () => {
    await addAgency([subId('Alpha Co'), subId('Bravo Co')]);
    const adminId = `ws_${subId('Test Agency')}`;
    await removeWorkspaceKey({ db, person: owner }, `ws_${subId('Bravo Co')}`);
    const admin = (await listBackgroundWorkspaces(db)).find((w) => w.id === adminId)!;
    expect(await refreshGroup(db, adminId, clientFor(admin))).toEqual({ added: [], left: [], back: [] });
    const names = async () => (await listWorkspaces(testAccess(db, owner))).listed.map((w) => w.name);
    expect(await names()).not.toContain('Bravo Co');
    await removeWorkspaceKey({ db, person: owner }, adminId);
    expect(await names()).toEqual(['Demo workspace']);
  });
});

describe('the group on the next sync', () => {
  it('adds accepted clients that were not chosen only while the switch is on', async () => {
    await addAgency([subId('Alpha Co')], false);
    const adminId = `ws_${subId('Test Agency')}`;
    const admin = (await listBackgroundWorkspaces(db)).find((w) => w.id === adminId)!;
    expect(await refreshGroup(db, adminId, clientFor(admin))).toEqual({ added: [], left: [], back: [] });
    await setGroupAutoAdd({ db, person: owner }, adminId, true);
    expect(await refreshGroup(db, adminId, clientFor(admin))).toEqual({
      added: [`ws_${subId('Bravo Co')}`],
      left: [],
      back: [],
    });
    // Pending and rejected members never become workspaces.
    const names = (await listBackgroundWorkspaces(db)).map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(['Alpha Co', 'Bravo Co']));
    expect(names).not.toContain('Charlie Co');
    expect(names).not.toContain('Delta Co');
  });

  it('a server key that is an admin’s brings in every accepted client', async () => {
    process.env.INSTANTLY_API_KEY = ADMIN_KEY;
    resetProcessSingleton('config');
    const serverAdmin = (await listBackgroundWorkspaces(db)).find((w) => w.id === 'server')!;
    const change = await refreshGroup(db, 'server', clientFor(serverAdmin), { follow: true });
    expect(change?.added).toEqual([`ws_${subId('Alpha Co')}`, `ws_${subId('Bravo Co')}`]);
    const clients = (await listBackgroundWorkspaces(db)).filter((w) => w.asWorkspace);
    expect(clients.map((w) => [w.name, w.groupCap])).toEqual([
      ['Alpha Co', 'group:server'],
      ['Bravo Co', 'group:server'],
    ]);
    delete process.env.INSTANTLY_API_KEY;
  });

  it('acting as a workspace outside the group is the typed not-in-group error', async () => {
    // Here one that never accepted: Instantly's 403 for it.
    const outsider = clientFor({
      id: 'x',
      kind: 'user',
      apiKey: ADMIN_KEY,
      asWorkspace: subId('Charlie Co'),
    });
    const error = await listAccounts(outsider).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InstantlyError);
    expect((error as InstantlyError).kind).toBe('not-in-group');
  });

  it('a client the group no longer lists as accepted is marked left, and comes back when it is again', async () => {
    await addAgency([subId('Alpha Co'), subId('Bravo Co')]);
    const adminId = `ws_${subId('Test Agency')}`;
    const alphaId = `ws_${subId('Alpha Co')}`;
    const member = (name: string, status: string) => ({
      id: `m-${name}`,
      admin_workspace_id: subId('Test Agency'),
      sub_workspace_id: subId(name),
      status,
      sub_workspace_name: name,
    });
    const listing = (status: string) =>
      scriptedTransport([
        jsonResponse({ items: [member('Alpha Co', status), member('Bravo Co', 'accepted')] }),
      ]);
    expect(await refreshGroup(db, adminId, testClient(listing('rejected').transport).client)).toEqual({
      added: [],
      left: [alphaId],
      back: [],
    });
    const { listed, usable } = await listWorkspaces(testAccess(db, owner));
    expect(listed.find((w) => w.id === alphaId)?.state).toBe('left');
    expect(usable.map((w) => w.id)).not.toContain(alphaId);
    expect((await listBackgroundWorkspaces(db)).map((w) => w.id)).not.toContain(alphaId);
    expect(await refreshGroup(db, adminId, testClient(listing('accepted').transport).client)).toEqual({
      added: [],
      left: [],
      back: [alphaId],
    });
  });
});
