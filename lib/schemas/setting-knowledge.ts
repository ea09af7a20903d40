// What the dashboard knows of an account's sending and warmup settings, and the words it uses for
// what it does not. Real list rows (GET /accounts) carry daily_limit and sending_gap where they are set
// but never the warmup limit, increment or reply rate, which only a read of the account itself gives
// (REFERENCE §8a). So an empty value means one of two things, and the screens must say which.

/** Shown where Instantly has no value: nobody set it, Instantly's own default applies. */
export const NOT_SET_WORDS = "not set (Instantly's default)";
/** Shown where the list did not say and the account was never read in detail. */
export const NOT_READ_WORDS = 'open the account to read it';
/** The short form for bulk previews and counts. */
export const NOT_READ_SHORT = 'not read yet';

export type SettingField = 'dailyLimit' | 'sendingGap' | 'warmupLimit';

/** Whether a GET /accounts row carries the setting when it is set. */
const IN_LIST_ROWS: Record<SettingField, boolean> = {
  dailyLimit: true,
  sendingGap: true,
  warmupLimit: false,
};

export type SettingKnowledge = { kind: 'value'; value: number } | { kind: 'not-set' } | { kind: 'not-read' };

export interface KnownRow {
  dailyLimit: number | null;
  sendingGap: number | null;
  warmupLimit: number | null;
  /** When the settings were last read from the account itself (null: only list rows so far). */
  settingsReadAt: string | null;
  /** Set when Instantly's last list row of the account could not be read. */
  unreadable: string | null;
}

export function knowSetting(row: KnownRow, field: SettingField): SettingKnowledge {
  const value = row[field];
  if (value !== null) return { kind: 'value', value };
  // An unreadable row said nothing; a list row never says the warmup settings.
  if (row.unreadable !== null && row.settingsReadAt === null) return { kind: 'not-read' };
  if (IN_LIST_ROWS[field] || row.settingsReadAt !== null) return { kind: 'not-set' };
  return { kind: 'not-read' };
}

/** The settings list rows never carry (they are inside `warmup`, which lists give only `advanced` of). */
const WARMUP_SETTINGS = new Set(['warmupLimit', 'warmupIncrement', 'warmupReplyRate']);

/**
 * The words for an empty setting on the account page: `settingsRead` when the page holds a read of
 * the account itself (or the index has one), so an empty value there is "not set".
 */
export function emptySettingWords(field: string, settingsRead: boolean): string {
  return settingsRead || !WARMUP_SETTINGS.has(field) ? NOT_SET_WORDS : NOT_READ_WORDS;
}

/**
 * A value taken from a read of the account itself (a settings-history point, a detail answer): there
 * an empty value is "not set"; without any read, it is "not read".
 */
export function knowReadValue(value: number | null, read: boolean): SettingKnowledge {
  if (value !== null) return { kind: 'value', value };
  return read ? { kind: 'not-set' } : { kind: 'not-read' };
}

/**
 * The words for a setting. `notRead` is NOT_READ_WORDS where the reader can open the account, and
 * NOT_READ_SHORT where they cannot (a past day on the account's own chart, an export).
 */
export function settingWords(knowledge: SettingKnowledge, unit = '', notRead = NOT_READ_WORDS): string {
  switch (knowledge.kind) {
    case 'value':
      return `${knowledge.value.toLocaleString('en-US')}${unit}`;
    case 'not-set':
      return NOT_SET_WORDS;
    case 'not-read':
      return notRead;
  }
}
