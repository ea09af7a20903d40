import 'server-only';
import type { Person } from './auth/person';
import { ProblemError } from './problem';

// Small pieces the alerts routes share: who reads the inbox (for the bell), and the 404 of an alert
// that does not exist or belongs to a workspace the person cannot see (the same answer for both).

/** The bell's reader: the signed-in person, or the open demo's one shared reader. */
export function inboxReader(person: Person | null): string {
  return person ? `person:${person.id}` : 'demo';
}

export function noSuchAlert(): ProblemError {
  return new ProblemError({
    type: 'not-found',
    title: 'No such alert',
    detail: 'It does not exist, or it belongs to a workspace you cannot see.',
    status: 404,
  });
}
