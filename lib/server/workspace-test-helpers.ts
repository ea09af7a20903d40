import 'server-only';
import type { Db } from '@/lib/store/db';
import type { Person, Role } from './auth/person';
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
