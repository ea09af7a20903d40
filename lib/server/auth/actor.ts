import 'server-only';
import type { Actor } from '@/lib/store/actor';
import type { Person } from './person';

export type { Actor } from '@/lib/store/actor';

/** The open demo's visitor: nobody has registered, so nobody can be named. */
export const DEMO_VISITOR: Actor = { id: null, name: 'Demo visitor' };

/** Work the worker does on its own (scheduled syncs and the like), not on anybody's behalf. */
export const WORKER_ACTOR: Actor = { id: null, name: 'Worker' };

/** Who a request's writes are recorded as: the signed-in person, or the demo visitor. */
export function actorOf(person: Person | null): Actor {
  if (person === null) return DEMO_VISITOR;
  // A person without a display name is still named: by the address they sign in with.
  return { id: person.id, name: person.name.trim() || person.email };
}
