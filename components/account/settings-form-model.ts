import type { FieldErrors, Resolver } from 'react-hook-form';
import type { AccountSettings } from '@/lib/schemas/api-account-detail';
import {
  type AccountSettingsChanges,
  SETTINGS_FIELDS,
  type SettingsField,
  checkSettingsChanges,
} from '@/lib/schemas/account-settings-rules';

// What the settings form holds (text as typed) and how it becomes a change set: only fields whose
// value differs from Instantly's are validated and sent, with the rules the server's schema is built
// from (account-settings-rules.ts: plain functions, so zod stays off the browser).

export interface SettingsDraft {
  dailyLimit: string;
  sendingGap: string;
  warmupLimit: string;
  warmupIncrement: string;
  warmupReplyRate: string;
  slowRamp: boolean;
  trackingDomain: string;
  inboxPlacementTestLimit: string;
}

const NUMBER_FIELDS = [
  'dailyLimit',
  'sendingGap',
  'warmupLimit',
  'warmupReplyRate',
  'inboxPlacementTestLimit',
] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];
const isNumberField = (field: SettingsField): field is NumberField =>
  (NUMBER_FIELDS as readonly string[]).includes(field);

const text = (value: number | string | null) => (value === null ? '' : String(value));

export function draftOf(settings: AccountSettings): SettingsDraft {
  return {
    dailyLimit: text(settings.dailyLimit),
    sendingGap: text(settings.sendingGap),
    warmupLimit: text(settings.warmupLimit),
    warmupIncrement: settings.warmupIncrement ?? '',
    warmupReplyRate: text(settings.warmupReplyRate),
    // A checkbox has no "never set": unset reads as off, and only a tick is a change.
    slowRamp: settings.slowRamp ?? false,
    trackingDomain: settings.trackingDomain ?? '',
    inboxPlacementTestLimit: text(settings.inboxPlacementTestLimit),
  };
}

/** Typed text: '' is "no value"; anything else a number (NaN when it is not one, which the rules name). */
function parseNumber(raw: string): number | null {
  const trimmed = raw.trim();
  return trimmed === '' ? null : Number(trimmed);
}

export interface DraftResult {
  changes: AccountSettingsChanges;
  errors: Partial<Record<SettingsField, string>>;
}

/**
 * The draft against the current values: the changed fields, validated. An emptied number field is an
 * error (Instantly cannot "unset" a limit), an emptied tracking domain means "remove it".
 */
export function changesOf(settings: AccountSettings, draft: SettingsDraft): DraftResult {
  const candidate: Partial<Record<SettingsField, unknown>> = {};
  const errors: Partial<Record<SettingsField, string>> = {};
  for (const field of SETTINGS_FIELDS) {
    const current = settings[field];
    if (isNumberField(field)) {
      const value = parseNumber(draft[field]);
      if (value === current) continue;
      if (value === null) {
        errors[field] = 'Enter a value (Instantly cannot remove this setting)';
        continue;
      }
      candidate[field] = value;
    } else if (field === 'slowRamp') {
      if (draft.slowRamp !== (current ?? false)) candidate[field] = draft.slowRamp;
    } else if (field === 'warmupIncrement') {
      if (draft.warmupIncrement !== '' && draft.warmupIncrement !== current)
        candidate[field] = draft.warmupIncrement;
    } else {
      const value = draft.trackingDomain.trim().toLowerCase();
      if ((value === '' ? null : value) !== current) candidate[field] = value === '' ? null : value;
    }
  }
  const checked = checkSettingsChanges(candidate);
  return { changes: checked.changes, errors: { ...checked.errors, ...errors } };
}

/**
 * The form's resolver (react-hook-form): the draft against the stored settings it gets as context,
 * through changesOf and so through the rules the PATCH route's schema is built from. Valid, the submit handler
 * receives the change set (only the changed fields); refused, each field gets its rule's words.
 */
export const settingsResolver: Resolver<SettingsDraft, AccountSettings, AccountSettingsChanges> = (
  draft,
  settings,
) => {
  if (!settings) throw new Error('settingsResolver needs the stored settings as its context');
  const result = changesOf(settings, draft);
  const refused = SETTINGS_FIELDS.filter((field) => result.errors[field] !== undefined);
  if (refused.length === 0) return { values: result.changes, errors: {} };
  const errors: FieldErrors<SettingsDraft> = {};
  for (const field of refused) errors[field] = { type: 'validate', message: result.errors[field] };
  return { values: {}, errors };
};
