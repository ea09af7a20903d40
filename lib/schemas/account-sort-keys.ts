// The fleet table's sort keys, apart from the zod schemas (api-accounts.ts), so the browser reads the
// sort from the URL without zod.

export const ACCOUNT_SORT_KEYS = [
  'email',
  'name',
  'workspace',
  'provider',
  'status',
  'warmupStatus',
  'warmupScore',
  'dailyLimit',
  'sendingGap',
  'tags',
  'lastUsed',
  'created',
  'error',
  'domain',
] as const;
