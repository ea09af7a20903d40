// An account's identity, apart from the zod schemas (api-bulk-actions.ts holds accountKeySchema) so
// the browser's table selection uses the same key without shipping zod on the accounts page.

export interface AccountKey {
  workspaceId: string;
  email: string;
}

/** An account's identity as one string: workspace plus email, case-insensitive (Instantly treats it so). */
export const accountKey = (key: AccountKey): string => `${key.workspaceId}\u0000${key.email.toLowerCase()}`;
