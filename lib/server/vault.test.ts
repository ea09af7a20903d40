import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/store/db';
import { listVaultRows } from '@/lib/store/vault';
import { sealingKeys } from './secret';
import { resetProcessSingleton } from './singleton';
import {
  addVaultWorkspace,
  listVaultWorkspaces,
  openVaultRow,
  removeVaultWorkspace,
  sealVaultKey,
  vaultEntries,
} from './vault';
import { freshVaultDb, problemOf, testAccess, testPerson } from './workspace-test-helpers';
import { scopeWorkspaces } from './fleet';
import { listWorkspaces, resolveWorkspace } from './workspaces';

// The vault on whichever database the run uses (SQLite, or PostgreSQL with TEST_DATABASE_URL).

const SECRET = 'vault-test-secret-0123456789abcdef012345';
const OLD_SECRET = 'vault-test-old-secret-0123456789abcdef01';
const current = sealingKeys({ secret: SECRET, dataDir: '/nonexistent' });
const old = sealingKeys({ secret: OLD_SECRET, dataDir: '/nonexistent' });
const rotated = sealingKeys({ secret: SECRET, previousSecret: OLD_SECRET, dataDir: '/nonexistent' });

const owner = testPerson('owner');
const acme = { id: 'ws_acme', name: 'Acme Outreach', label: 'Client A', apiKey: 'key_acme_0123456789abcd' };
const globex = { id: 'ws_globex', name: 'Globex', label: 'Globex', apiKey: 'key_globex_0123456789wxyz' };

const freshDb = freshVaultDb(SECRET);
let db: Db;
beforeEach(() => {
  db = freshDb();
});

describe('sealing', () => {
  it('round-trips a key, and two seals of one key differ', async () => {
    const a = sealVaultKey('ws_acme', acme.apiKey, current);
    const b = sealVaultKey('ws_acme', acme.apiKey, current);
    expect(a.sealed_key).not.toBe(b.sealed_key);
    expect(a.sealed_key).not.toContain(acme.apiKey);
    expect(a.sealing_key_id).toBe(current[0]!.id);
    expect(openVaultRow({ id: 'ws_acme', sealed_key: a.sealed_key }, current)).toEqual({
      ok: true,
      apiKey: acme.apiKey,
    });
  });

  it('fails closed on a flipped byte, a wrong secret, and a ciphertext copied into another row', async () => {
    const { sealed_key } = sealVaultKey('ws_acme', acme.apiKey, current);
    const [version, keyId, data] = sealed_key.split('.') as [string, string, string];
    const bytes = Buffer.from(data, 'base64url');
    bytes[20] = bytes[20]! ^ 0x01;
    const flipped = `${version}.${keyId}.${bytes.toString('base64url')}`;
    expect(openVaultRow({ id: 'ws_acme', sealed_key: flipped }, current)).toEqual({
      ok: false,
      reason: 'tampered',
    });
    expect(openVaultRow({ id: 'ws_acme', sealed_key }, old)).toEqual({ ok: false, reason: 'unknown-key' });
    expect(openVaultRow({ id: 'ws_globex', sealed_key }, current)).toEqual({ ok: false, reason: 'tampered' });
  });
});

describe('the vault table', () => {
  it('stores only ciphertext and the last four characters, and lists the workspaces it opens', async () => {
    await addVaultWorkspace(db, acme, owner, { now: Date.parse('2026-12-01T10:00:00Z') });
    const [row] = await listVaultRows(db);
    expect(row).toMatchObject({
      id: 'ws_acme',
      name: 'Acme Outreach',
      label: 'Client A',
      key_last4: 'abcd',
      sealing_key_id: current[0]!.id,
      added_by_id: owner.id,
      added_by_name: owner.name,
      added_at: '2026-12-01T10:00:00.000Z',
    });
    expect(JSON.stringify(row)).not.toContain(acme.apiKey);
    expect(await listVaultWorkspaces(db)).toEqual([
      { id: 'ws_acme', kind: 'user', name: 'Acme Outreach', label: 'Client A', apiKey: acme.apiKey },
    ]);
  });

  it('a row copied over another one does not open: it asks for the key again, never a 500', async () => {
    await addVaultWorkspace(db, acme, owner);
    await addVaultWorkspace(db, globex, owner);
    const rows = await listVaultRows(db);
    const acmeSealed = rows.find((r) => r.id === 'ws_acme')!.sealed_key;
    await db
      .updateTable('vault_workspaces')
      .set({ sealed_key: acmeSealed })
      .where('id', '=', 'ws_globex')
      .execute();

    expect((await listVaultWorkspaces(db)).map((w) => w.id)).toEqual(['ws_acme']);
    const access = testAccess(db, owner);
    const listed = (await listWorkspaces(access)).listed;
    expect(listed.find((w) => w.id === 'ws_globex')).toMatchObject({ state: 'reenter', keyHint: '…wxyz' });
    expect(await problemOf(resolveWorkspace(access, 'ws_globex'))).toMatchObject({
      type: 'key-unreadable',
      title: 'Re-enter this key',
      status: 409,
    });
  });

  it('rotation: rows under the previous secret still open, and are resealed under the current one', async () => {
    await addVaultWorkspace(db, acme, owner, { keys: old });
    await addVaultWorkspace(db, globex, owner, { keys: current });
    const before = await listVaultRows(db);
    expect(before.find((r) => r.id === 'ws_acme')!.sealing_key_id).toBe(old[0]!.id);
    // Without the previous secret, the old row asks for its key again.
    expect((await vaultEntries(db, current)).map((e) => e.unreadable)).toEqual(['unknown-key', null]);

    const opened = await vaultEntries(db, rotated);
    expect(opened.map((e) => e.apiKey)).toEqual([acme.apiKey, globex.apiKey]);
    const after = await listVaultRows(db);
    expect(after.map((r) => r.sealing_key_id)).toEqual([current[0]!.id, current[0]!.id]);
    // The untouched row kept its ciphertext; the resealed one got a new one.
    expect(after.find((r) => r.id === 'ws_globex')!.sealed_key).toBe(
      before.find((r) => r.id === 'ws_globex')!.sealed_key,
    );
    expect(after.find((r) => r.id === 'ws_acme')!.sealed_key).not.toBe(
      before.find((r) => r.id === 'ws_acme')!.sealed_key,
    );
    // Now the previous secret can be retired.
    expect((await vaultEntries(db, current)).map((e) => e.apiKey)).toEqual([acme.apiKey, globex.apiKey]);
  });

  it('the process keyring reads DASHBOARD_SECRET_PREVIOUS the same way', async () => {
    await addVaultWorkspace(db, acme, owner, { keys: old });
    process.env.DASHBOARD_SECRET_PREVIOUS = OLD_SECRET;
    resetProcessSingleton('config');
    resetProcessSingleton('sealing-keys');
    expect((await listVaultWorkspaces(db)).map((w) => w.apiKey)).toEqual([acme.apiKey]);
    expect((await listVaultRows(db))[0]!.sealing_key_id).toBe(current[0]!.id);
  });

  it('a key re-added replaces the stored one; removing a workspace deletes its ciphertext', async () => {
    await addVaultWorkspace(db, acme, owner);
    await addVaultWorkspace(db, { ...acme, apiKey: 'key_acme_new_0123456789', label: 'Renamed' }, owner);
    expect(await listVaultWorkspaces(db)).toMatchObject([
      { id: 'ws_acme', label: 'Renamed', apiKey: 'key_acme_new_0123456789' },
    ]);
    expect(await addVaultWorkspace(db, acme, owner, { replace: false })).toBe(false);
    expect((await listVaultWorkspaces(db))[0]!.apiKey).toBe('key_acme_new_0123456789');

    expect(await removeVaultWorkspace(db, 'ws_acme')).toBe(true);
    expect(await db.selectFrom('vault_workspaces').selectAll().execute()).toEqual([]);
    expect(await removeVaultWorkspace(db, 'ws_acme')).toBe(false);
  });
});

describe('who sees which workspace', () => {
  beforeEach(async () => {
    await addVaultWorkspace(db, acme, owner);
    await addVaultWorkspace(db, globex, owner);
  });

  it('a member limited to one workspace sees only it; the others answer 404 like unknown ids', async () => {
    const limited = testAccess(db, testPerson('viewer', ['ws_acme']));
    expect((await listWorkspaces(limited)).listed.map((w) => w.id)).toEqual(['ws_acme']);
    expect((await resolveWorkspace(limited)).id).toBe('ws_acme');
    const hidden = await problemOf(resolveWorkspace(limited, 'ws_globex'));
    const unknown = await problemOf(resolveWorkspace(limited, 'ws_nobody'));
    expect(hidden).toEqual(unknown);
    expect(hidden).toMatchObject({ status: 404, type: 'workspace-not-found' });
    expect(JSON.stringify(hidden)).not.toContain('Globex');
    expect(await problemOf(resolveWorkspace(limited, 'demo'))).toEqual(unknown);
  });

  it("a limited member's all-workspaces table, triage board and export cover only their workspaces", async () => {
    const limited = testAccess(db, testPerson('viewer', ['ws_acme']));
    // The demo is not theirs either, also when it would fill in for "nothing else connected".
    expect((await scopeWorkspaces(limited, { scope: 'all' })).map((w) => w.id)).toEqual(['ws_acme']);
    expect((await scopeWorkspaces(limited, { scope: 'active' })).map((w) => w.id)).toEqual(['ws_acme']);
    const demoOnly = testAccess(db, testPerson('viewer', ['ws_nobody']));
    expect(await scopeWorkspaces(demoOnly, { scope: 'all' })).toEqual([]);
    // Naming someone else's workspace in the `ws` filter (an export of it, say) is a 404, like an unknown id.
    const unknown = await problemOf(resolveWorkspace(limited, 'ws_nobody'));
    for (const ws of [['ws_globex'], ['demo'], ['ws_acme', 'ws_globex']])
      expect(await problemOf(scopeWorkspaces(limited, { scope: 'all', ws }))).toEqual(unknown);
    // An unlimited person naming a removed workspace gets an empty narrowing, as before.
    expect(await scopeWorkspaces(testAccess(db, owner), { scope: 'all', ws: ['ws_gone'] })).toHaveLength(2);
  });

  it('a fleet read names the workspace its key is for, whatever the cookie says by then', async () => {
    const switchedElsewhere = testAccess(db, owner, { activeChoice: 'ws_globex' });
    const ids = async (scope: 'active' | 'all', named: string | null) =>
      (await scopeWorkspaces(switchedElsewhere, { scope }, named)).map((w) => w.id);
    expect(await ids('active', null)).toEqual(['ws_globex']);
    expect(await ids('active', 'ws_acme')).toEqual(['ws_acme']);
    // The agency view covers every workspace; a name does not narrow it.
    expect(await ids('all', 'ws_acme')).toEqual(['ws_acme', 'ws_globex']);
    // A name the person may not see answers as an unknown one, like every other workspace id.
    const limited = testAccess(db, testPerson('viewer', ['ws_acme']));
    const unknown = await problemOf(resolveWorkspace(limited, 'ws_nobody'));
    expect(await problemOf(scopeWorkspaces(limited, { scope: 'active' }, 'ws_globex'))).toEqual(unknown);
    expect(await problemOf(scopeWorkspaces(limited, { scope: 'active' }, 'ws_nobody'))).toEqual(unknown);
  });

  it('everyone else sees demo, server and vault; the open demo sees no vault at all', async () => {
    process.env.INSTANTLY_API_KEY = 'server_key_0123456789';
    resetProcessSingleton('config');
    const ids = async (access: ReturnType<typeof testAccess>) =>
      (await listWorkspaces(access)).listed.map((w) => `${w.id}:${w.keyHint ?? '-'}`);
    expect(await ids(testAccess(db, testPerson('viewer')))).toEqual([
      'demo:-',
      'server:…6789',
      'ws_acme:…abcd',
      'ws_globex:…wxyz',
    ]);
    expect(await ids(testAccess(db, null))).toEqual(['demo:-', 'server:…6789']);
    // A request a browser marked cross-site never gets the server workspace.
    expect(await ids(testAccess(db, owner, { serverWorkspace: false }))).toEqual([
      'demo:-',
      'ws_acme:…abcd',
      'ws_globex:…wxyz',
    ]);
  });

  it('the active choice is used only while the person may see it', async () => {
    expect((await resolveWorkspace(testAccess(db, owner, { activeChoice: 'ws_globex' }))).id).toBe(
      'ws_globex',
    );
    expect((await resolveWorkspace(testAccess(db, owner, { activeChoice: 'demo' }))).id).toBe('demo');
    const limited = testAccess(db, testPerson('operator', ['ws_acme']), { activeChoice: 'ws_globex' });
    expect((await resolveWorkspace(limited)).id).toBe('ws_acme');
    expect((await resolveWorkspace(testAccess(db, null, { activeChoice: 'ws_globex' }))).id).toBe('demo');
  });
});
