import 'server-only';
import { ProblemError } from '../problem';

// Who a request acts for. `null` means nobody has registered yet: the open demo, where only the demo
// workspace exists and anyone who reaches the port may use it (as before sign-in existed).

/** Lowest to highest: each role may do everything the roles before it may. */
export const ROLES = ['viewer', 'operator', 'admin', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export interface Person {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The workspaces this member is limited to; null: every workspace of the install. */
  workspaceIds: readonly string[] | null;
}

export const roleAtLeast = (role: Role, needed: Role): boolean =>
  ROLES.indexOf(role) >= ROLES.indexOf(needed);

/** Whether the person may see a workspace at all (outside their workspaces, things answer 404). */
export const mayAccessWorkspace = (person: Person | null, workspaceId: string): boolean =>
  person === null || person.workspaceIds === null || person.workspaceIds.includes(workspaceId);

/**
 * Refuses a request whose person lacks `needed`. In the open demo (no person registered), operator
 * work on the demo workspace is allowed; anything that needs an admin (keys, members, channels) asks
 * for the owner account first.
 */
export function requireRole(person: Person | null, needed: Role): void {
  if (person === null) {
    if (roleAtLeast('operator', needed)) return;
    throw new ProblemError({
      type: 'owner-required',
      title: 'Create the owner account first',
      detail:
        'Adding keys, members or alert channels needs an owner: create one with an e-mail and a password.',
      status: 401,
    });
  }
  if (!roleAtLeast(person.role, needed)) {
    throw new ProblemError({
      type: 'forbidden',
      title: 'Your role does not allow this',
      detail: `This needs the ${needed} role or higher; you are ${person.role === 'admin' || person.role === 'operator' ? 'an' : 'a'} ${person.role}.`,
      status: 403,
    });
  }
}
