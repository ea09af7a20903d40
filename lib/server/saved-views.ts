import 'server-only';
import type { ViewOwner, ViewWriteRefusal } from '@/lib/store/saved-views';
import { actorOf } from './auth/actor';
import { type Person, roleAtLeast } from './auth/person';
import { ProblemError } from './problem';

/** Whose views a request reads and writes: the signed-in person, or the open demo's one visitor (''). */
export function viewOwnerOf(person: Person | null): ViewOwner {
  return {
    id: person?.id ?? '',
    name: actorOf(person).name,
    admin: person !== null && roleAtLeast(person.role, 'admin'),
  };
}

const REFUSALS: Record<ViewWriteRefusal, { title: string; detail: string; status: number }> = {
  'not-found': {
    title: 'No such saved view',
    detail: 'It may have been deleted, or its owner stopped sharing it.',
    status: 404,
  },
  'not-yours': {
    title: 'This view belongs to someone else',
    detail:
      'Only the person who saved a shared view may change it (an admin may delete it). Save a copy of your own instead.',
    status: 403,
  },
  'name-taken': {
    title: 'You already have a view with this name',
    detail: 'Pick another name, or update the existing view.',
    status: 409,
  },
  'too-many': {
    title: 'Too many saved views',
    detail: 'One person keeps at most 50 views: delete one you no longer use first.',
    status: 409,
  },
};

export const viewRefused = (refusal: ViewWriteRefusal) =>
  new ProblemError({ type: `saved-view-${refusal}`, ...REFUSALS[refusal] });
