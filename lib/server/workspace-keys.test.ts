import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/store/db';
import { isSessionRevoked } from '@/lib/store/revoked-sessions';
import { listVaultRows } from '@/lib/store/vault';
import type { Person } from './auth/person';
import { legacyKeysState, moveLegacyKeys } from './legacy-keys';
import { MOVED_COOKIE, SESSION_COOKIE, emptySessionData } from './session';
import { ProblemError } from './problem';
import { addVaultWorkspace, listVaultWorkspaces } from './vault';
import { addWorkspaceKey, removeWorkspaceKey } from './workspace-keys';
import { freshVaultDb, problemOf, testPerson, testSession } from './workspace-test-helpers';
import { workspacesResponse } from './workspaces-response';

// Who may add and remove keys, and keys moving from a browser's old cookie into the vault: with
// hand-made people, on whichever database the run uses.

const upstream = { id: 'f9cc070d-8dba-4341-b847-f083c358e460', name: 'Acme Outreach' };
const ID = 'ws_f9cc070d-8dba-4341-b847-f083c358e460';
const KEY = 'user_key_0123456789';

let db: Db;
let verified: string[];
const verify = async (key: string) => {
  verified.push(key);
  return upstream;
};

const freshDb = freshVaultDb('workspace-keys-test-secret-0123456789abc');
beforeEach(() => {
  db = freshDb();
  verified = [];
});

describe('adding a key', () => {
  it('needs an owner in the open demo, and admin or owner once people exist', async () => {
    expect(await problemOf(addWorkspaceKey({ db, person: null }, { key: KEY }, verify))).toMatchObject({
      status: 401,
      type: 'owner-required',
    });
    for (const role of ['viewer', 'operator'] as const) {
      expect(
        await problemOf(addWorkspaceKey({ db, person: testPerson(role) }, { key: KEY }, verify)),
      ).toMatchObject({ status: 403, type: 'forbidden' });
    }
    // Refused before any call to Instantly.
    expect(verified).toEqual([]);
    expect(await listVaultRows(db)).toEqual([]);

    const admin = testPerson('admin');
    expect(await addWorkspaceKey({ db, person: admin }, { key: KEY, label: 'Client A' }, verify)).toEqual({
      stored: ID,
      added: [],
    });
    expect(verified).toEqual([KEY]);
    expect(await listVaultWorkspaces(db)).toEqual([
      { id: ID, kind: 'user', name: 'Acme Outreach', label: 'Client A', apiKey: KEY },
    ]);
    const response = await workspacesResponse({ db, person: admin, session: testSession() }, ID);
    expect(response.activeId).toBe(ID);
    expect(response.workspaces.find((w) => w.id === ID)).toEqual({
      id: ID,
      kind: 'user',
      name: 'Acme Outreach',
      label: 'Client A',
      keyHint: '…6789',
      addedBy: admin.name,
      addedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      state: 'ok',
      via: null,
      autoAdd: null,
      active: true,
    });
    expect(JSON.stringify(response)).not.toContain(KEY);
  });

  it('a failed check stores nothing and keeps its own message', async () => {
    const refusal = new ProblemError({
      type: 'key-verification',
      title: 'Invalid key',
      status: 400,
      field: 'key',
    });
    const failing = async () => {
      throw refusal;
    };
    expect(await problemOf(addWorkspaceKey({ db, person: testPerson('owner') }, { key: KEY }, failing))).toBe(
      refusal.problem,
    );
    expect(await listVaultRows(db)).toEqual([]);
  });

  it('an admin limited to other workspaces cannot add (or overwrite) this one', async () => {
    const limited = testPerson('admin', ['ws_other']);
    expect(await problemOf(addWorkspaceKey({ db, person: limited }, { key: KEY }, verify))).toMatchObject({
      status: 403,
      field: 'key',
    });
    expect(await listVaultRows(db)).toEqual([]);
  });
});

describe('removing a key', () => {
  beforeEach(async () => {
    await addVaultWorkspace(db, { id: ID, name: 'Acme', label: 'Acme', apiKey: KEY }, testPerson('owner'));
  });

  it('needs admin; out-of-reach and unknown ids answer the same 404; the row goes', async () => {
    expect(await problemOf(removeWorkspaceKey({ db, person: null }, ID))).toMatchObject({ status: 401 });
    expect(await problemOf(removeWorkspaceKey({ db, person: testPerson('operator') }, ID))).toMatchObject({
      status: 403,
    });
    const limited = testPerson('admin', ['ws_other']);
    const hidden = await problemOf(removeWorkspaceKey({ db, person: limited }, ID));
    const unknown = await problemOf(removeWorkspaceKey({ db, person: limited }, 'ws_nobody'));
    expect(hidden).toEqual(unknown);
    expect(hidden).toMatchObject({ status: 404 });
    expect(await listVaultRows(db)).toHaveLength(1);
    expect(await problemOf(removeWorkspaceKey({ db, person: testPerson('owner') }, 'demo'))).toMatchObject({
      status: 404,
    });

    await removeWorkspaceKey({ db, person: testPerson('admin') }, ID);
    expect(await db.selectFrom('vault_workspaces').select('sealed_key').execute()).toEqual([]);
  });
});

describe('keys in an old fleet_keys cookie', () => {
  const cookieSession = () =>
    testSession({
      status: 'ok',
      data: {
        ...emptySessionData(),
        workspaces: [
          {
            id: 'ws_acme',
            name: 'Acme',
            label: 'Client A',
            key: 'key_acme_0123456789',
            addedAt: '2026-01-01',
          },
          {
            id: 'ws_globex',
            name: 'Globex',
            label: 'Globex',
            key: 'key_globex_0123456789',
            addedAt: '2026-01-01',
          },
        ],
        active: 'ws_acme',
      },
    });
  const names = (cookies: Array<{ name: string; value: string }>) =>
    cookies.map((c) => `${c.name}=${c.value}`);

  it('move into the vault for an admin: rows added, cookie revoked and cleared, told once', async () => {
    const admin: Person = testPerson('admin');
    const session = cookieSession();
    const moved = await moveLegacyKeys(db, admin, session, false);
    expect((await listVaultWorkspaces(db)).map((w) => [w.id, w.label, w.apiKey])).toEqual([
      ['ws_acme', 'Client A', 'key_acme_0123456789'],
      ['ws_globex', 'Globex', 'key_globex_0123456789'],
    ]);
    expect((await listVaultRows(db)).map((r) => r.added_by_name)).toEqual([admin.name, admin.name]);
    expect(names(moved.cookies)).toEqual([`${SESSION_COOKIE}=`, `${MOVED_COOKIE}=2`]);
    expect(moved.cookies[0]!.options.maxAge).toBe(0);
    expect(await isSessionRevoked(db, session.data.sid)).toBe(true);
    expect(legacyKeysState(admin, moved.session)).toEqual({ state: 'moved', count: 2 });
    // The moved keys serve this very request.
    const response = await workspacesResponse({ db, person: admin, session: moved.session });
    expect(response.workspaces.map((w) => w.id)).toEqual(['demo', 'ws_acme', 'ws_globex']);
    expect(response.legacyKeys).toEqual({ state: 'moved', count: 2 });
  });

  it('never overwrite a key the vault already holds for that workspace', async () => {
    await addVaultWorkspace(
      db,
      { id: 'ws_acme', name: 'Acme', label: 'Acme', apiKey: 'key_acme_newer_0123' },
      testPerson('owner'),
    );
    await moveLegacyKeys(db, testPerson('owner'), cookieSession(), false);
    expect((await listVaultWorkspaces(db)).map((w) => w.apiKey)).toEqual([
      'key_acme_newer_0123',
      'key_globex_0123456789',
    ]);
  });

  it('are neither moved nor used for a viewer or an operator, and wait for the owner in the open demo', async () => {
    for (const person of [testPerson('viewer'), testPerson('operator'), null]) {
      const session = cookieSession();
      const result = await moveLegacyKeys(db, person, session, false);
      expect(result.cookies).toEqual([]);
      expect(result.session).toBe(session);
      const response = await workspacesResponse({ db, person, session });
      expect(response.workspaces.map((w) => w.id)).toEqual(['demo']);
      expect(response.legacyKeys).toEqual({
        state: person === null ? 'waiting-for-owner' : 'not-moved',
        count: 2,
      });
    }
    expect(await listVaultRows(db)).toEqual([]);
  });

  it('a cookie revoked (forgotten, or moved by a request that raced this one) is just cleared', async () => {
    const session = testSession({ status: 'invalid', reason: 'revoked' });
    const result = await moveLegacyKeys(db, testPerson('owner'), session, true);
    expect(names(result.cookies)).toEqual([`${SESSION_COOKIE}=`]);
    expect(result.cookies[0]!.options.secure).toBe(true);
    expect(legacyKeysState(testPerson('owner'), result.session)).toBeNull();
    expect(legacyKeysState(null, testSession({ status: 'invalid', reason: 'tampered' }))).toEqual({
      state: 'unreadable',
      reason: 'unreadable',
    });
  });
});
