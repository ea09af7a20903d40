import { BULK_ACTION_KINDS, type BulkActionKind } from '@/lib/schemas/bulk-action-kinds';

// One entry per bulk-action kind: what a person reads, what it writes and how it reaches Instantly.
// The label tables of the API, the stored titles and the chart markers are read from here.

/** The account setting a kind writes; null when it writes none a later action could undo. */
export type KindSetting = 'warmup' | 'sending' | 'daily-limit' | null;

interface KindWords {
  kind: BulkActionKind;
  /** The verb a person reads ("Set daily limit"). */
  label: string;
  /** The confirm button's words before the count ("Disable warmup for" 12 accounts). */
  confirmVerb: string;
  /** What the account's chart says once it happened ("Paused"). */
  done: string;
  setting: KindSetting;
}

export type KindEntry = KindWords & ({ via: 'warmup-job'; warmupTarget: 0 | 1 } | { via: 'per-account' });

export const BULK_KIND_CATALOG = {
  'enable-warmup': {
    kind: 'enable-warmup',
    label: 'Enable warmup',
    confirmVerb: 'Enable warmup for',
    done: 'Warmup enabled',
    setting: 'warmup',
    via: 'warmup-job',
    warmupTarget: 1,
  },
  'disable-warmup': {
    kind: 'disable-warmup',
    label: 'Disable warmup',
    confirmVerb: 'Disable warmup for',
    done: 'Warmup disabled',
    setting: 'warmup',
    via: 'warmup-job',
    warmupTarget: 0,
  },
  pause: {
    kind: 'pause',
    label: 'Pause',
    confirmVerb: 'Pause',
    done: 'Paused',
    setting: 'sending',
    via: 'per-account',
  },
  resume: {
    kind: 'resume',
    label: 'Resume',
    confirmVerb: 'Resume',
    done: 'Resumed',
    setting: 'sending',
    via: 'per-account',
  },
  // Mark fixed asks Instantly to re-check an account: it sets nothing a later action could undo.
  'mark-fixed': {
    kind: 'mark-fixed',
    label: 'Mark fixed',
    confirmVerb: 'Mark fixed',
    done: 'Marked fixed',
    setting: null,
    via: 'per-account',
  },
  'set-daily-limit': {
    kind: 'set-daily-limit',
    label: 'Set daily limit',
    confirmVerb: 'Set the daily limit of',
    done: 'Daily limit set',
    setting: 'daily-limit',
    via: 'per-account',
  },
} as const satisfies { [K in BulkActionKind]: KindEntry & { kind: K } };

export const kindEntry = (kind: BulkActionKind): KindEntry => BULK_KIND_CATALOG[kind];

/** The entry of a stored action name, or null when it names no bulk-action kind (a settings save). */
export const kindEntryOf = (action: string): KindEntry | null =>
  Object.hasOwn(BULK_KIND_CATALOG, action) ? BULK_KIND_CATALOG[action as BulkActionKind] : null;

/** Warmup kinds run as Instantly background jobs of ≤ 100 accounts; the others one call per account. */
export const isWarmupKind = (kind: BulkActionKind): boolean => BULK_KIND_CATALOG[kind].via === 'warmup-job';

/** The warmup_status a warmup kind sets; null for the per-account kinds. */
export function warmupTarget(kind: BulkActionKind): 0 | 1 | null {
  const entry = kindEntry(kind);
  return entry.via === 'warmup-job' ? entry.warmupTarget : null;
}

/** The verb a person reads ("Set daily limit to 40"), shared by the stored title and the UI. */
export function bulkActionLabel(kind: BulkActionKind, dailyLimit?: number | null): string {
  const label = BULK_KIND_CATALOG[kind].label;
  return kind === 'set-daily-limit' && dailyLimit !== undefined && dailyLimit !== null
    ? `${label} to ${dailyLimit}`
    : label;
}

export type BulkActionSetting = NonNullable<KindSetting>;

/**
 * The account setting each kind writes, so that a later write of the same setting (and only of it)
 * counts as changing an account again.
 */
export const settingOf = (kind: BulkActionKind): KindSetting => BULK_KIND_CATALOG[kind].setting;

/** The kinds that write this setting. */
export const kindsWriting = (setting: BulkActionSetting): BulkActionKind[] =>
  BULK_ACTION_KINDS.filter((kind) => settingOf(kind) === setting);
