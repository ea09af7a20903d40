// The bulk-action kinds, zod-free: the kind catalog (lib/bulk/catalog.ts) reads them, and the
// confirm dialog on /accounts reads the catalog, without bringing the schemas into that page.

export const BULK_ACTION_KINDS = [
  'enable-warmup',
  'disable-warmup',
  'pause',
  'resume',
  'mark-fixed',
  'set-daily-limit',
] as const;
export type BulkActionKind = (typeof BULK_ACTION_KINDS)[number];
