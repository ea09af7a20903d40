'use client';

import { type ReactNode, createContext, useContext } from 'react';
import type { MeResponse } from '@/lib/schemas/api-people';
import { PERSON_ROLES } from '@/lib/schemas/person-roles';

type Role = (typeof PERSON_ROLES)[number];

const PersonContext = createContext<MeResponse>({ person: null, ownerExists: false });

/** Who is signed in, as the dashboard layout read it on the server. */
export function PersonProvider({ value, children }: { value: MeResponse; children: ReactNode }) {
  return <PersonContext.Provider value={value}>{children}</PersonContext.Provider>;
}

export function useMe(): MeResponse {
  return useContext(PersonContext);
}

/**
 * Whether the UI should offer what needs `role`. The server decides (every route checks the role);
 * this only hides controls that would be refused. In the open demo anyone may operate the demo.
 */
export function useCan(role: Role): boolean {
  const { person } = useMe();
  if (person === null) return role === 'viewer' || role === 'operator';
  return PERSON_ROLES.indexOf(person.role) >= PERSON_ROLES.indexOf(role);
}
