import {
  type AccountSettings,
  type AccountSettingsChanges,
  SETTINGS_FIELDS,
  type SettingsField,
  accountSettingsFormSchema,
} from '@/lib/schemas/api-account-detail';

// What the settings form holds (text as typed) and how it becomes a change set: only fields whose
// value differs from Instantly's are validated and sent, with the one schema the server uses too.

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

/**
 * What the form shows: the stored settings with the person's edits on top. The edits are kept apart
 * from the settings, so new stored values (a refetch, an optimistic save, its rollback) change only the
 * fields nobody touched, and a failed save leaves every typed value in place.
 */
export function draftWithEdits(settings: AccountSettings, edits: Partial<SettingsDraft>): SettingsDraft {
  return { ...draftOf(settings), ...edits };
}

/** Typed text: '' is "no value"; anything else a number (NaN when it is not one, which the schema names). */
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
  const candidate: Record<string, unknown> = {};
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
  const parsed = accountSettingsFormSchema.safeParse(candidate);
  if (parsed.success) return { changes: parsed.data, errors };
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as SettingsField | undefined;
    if (field && errors[field] === undefined) errors[field] = issue.message;
  }
  const valid = Object.fromEntries(
    Object.entries(candidate).filter(([field]) => errors[field as SettingsField] === undefined),
  );
  return { changes: valid as AccountSettingsChanges, errors };
}
