import 'server-only';
import { afterEach, beforeEach } from 'vitest';
import type { Db } from '@/lib/store/db';
import { testDb } from '@/lib/store/test-db';
import type { Person, Role } from './auth/person';
import { ProblemError } from './problem';
import { resetProcessSingleton } from './singleton';
import { type Session, emptySessionData } from './session';
import type { WorkspaceAccess } from './workspaces';

// Hand-made people and requests for unit tests (until sign-in exists, no request carries a person).

export const testPerson = (role: Role, workspaceIds: readonly string[] | null = null): Person => ({
  id: `person-${role}`,
  email: `${role}@example.com`,
  name: `Pat ${role[0]!.toUpperCase()}${role.slice(1)}`,
  role,
  workspaceIds,
});

export const testSession = (overrides: Partial<Session> = {}): Session =>
  ({
    status: 'empty',
    data: emptySessionData(),
    serverWorkspace: true,
    activeChoice: null,
    movedToVault: 0,
    ...overrides,
  }) as Session;

export const testAccess = (
  db: Db,
  person: Person | null,
  overrides: Partial<Session> = {},
): WorkspaceAccess & { session: Session } => ({ db, person, session: testSession(overrides) });

/** The problem a use-case refused with (it must refuse with a ProblemError; anything else is thrown on). */
export async function problemOf(work: Promise<unknown>) {
  try {
    await work;
  } catch (error) {
    if (error instanceof ProblemError) return error.problem;
    throw error;
  }
  throw new Error('expected a problem');
}

/**
 * A fresh database for every test of the file, with the demo on, no server key and this server
 * secret (the vault seals under it). Returns a getter: the database of the running test.
 */
export function freshVaultDb(secret: string): () => Db {
  let db: Db | undefined;
  beforeEach(async () => {
    process.env.DASHBOARD_SECRET = secret;
    delete process.env.DASHBOARD_SECRET_PREVIOUS;
    delete process.env.INSTANTLY_API_KEY;
    process.env.DEMO_WORKSPACE = '1';
    resetProcessSingleton('config');
    resetProcessSingleton('sealing-keys');
    db = await testDb();
  });
  afterEach(async () => {
    await db?.destroy();
    db = undefined;
  });
  return () => {
    if (!db) throw new Error('the database exists only while a test runs');
    return db;
  };
}
