// The bulk-action kinds, zod-free so the browser can read the catalog (lib/bulk/catalog.ts) without
// bringing zod along; lib/schemas/api-bulk-actions.ts re-exports them beside the API's schemas.

export const BULK_ACTION_KINDS = [
  'enable-warmup',
  'disable-warmup',
  'pause',
  'resume',
  'mark-fixed',
  'set-daily-limit',
] as const;
export type BulkActionKind = (typeof BULK_ACTION_KINDS)[number];
