// The roles, apart from their zod schemas (api-people.ts), so the browser checks a role without zod.

export const PERSON_ROLES = ['viewer', 'operator', 'admin', 'owner'] as const;
/** The roles an admin may give; nobody is made owner after the first. */
export const ASSIGNABLE_ROLES = ['viewer', 'operator', 'admin'] as const;
