import type { BulkActionKind } from '@/lib/schemas/api-bulk-actions';

// One entry per bulk-action kind: how it reaches Instantly. Issue 13 grows this into the full
// catalog (labels, settings, icons); until then the label and setting tables stay in lib/schemas.

export type KindEntry =
  | { kind: BulkActionKind; via: 'warmup-job'; warmupTarget: 0 | 1 }
  | { kind: BulkActionKind; via: 'per-account' };

const CATALOG: Record<BulkActionKind, KindEntry> = {
  'enable-warmup': { kind: 'enable-warmup', via: 'warmup-job', warmupTarget: 1 },
  'disable-warmup': { kind: 'disable-warmup', via: 'warmup-job', warmupTarget: 0 },
  pause: { kind: 'pause', via: 'per-account' },
  resume: { kind: 'resume', via: 'per-account' },
  'mark-fixed': { kind: 'mark-fixed', via: 'per-account' },
  'set-daily-limit': { kind: 'set-daily-limit', via: 'per-account' },
};

export const kindEntry = (kind: BulkActionKind): KindEntry => CATALOG[kind];

/** Warmup kinds run as Instantly background jobs of ≤ 100 accounts; the others one call per account. */
export const isWarmupKind = (kind: BulkActionKind): boolean => CATALOG[kind].via === 'warmup-job';

/** The warmup_status a warmup kind sets; null for the per-account kinds. */
export function warmupTarget(kind: BulkActionKind): 0 | 1 | null {
  const entry = CATALOG[kind];
  return entry.via === 'warmup-job' ? entry.warmupTarget : null;
}
