// Human meanings of the numeric account `status`, `warmup_status` and `provider_code` (REFERENCE §2,
// §9.2). Instantly only sends the numbers; every screen that shows them should agree on the words.

export type StatusTone = 'healthy' | 'warning' | 'error' | 'paused' | 'neutral';

export interface StatusDescription {
  value: number | null;
  label: string;
  tone: StatusTone;
  /** One sentence: what the value means for the mailbox. */
  meaning: string;
  /** One sentence: the first thing a person should do. */
  action: string;
}

type KnownStatus = Omit<StatusDescription, 'value'>;

export const accountStatusValues = [1, 2, 3, -1, -2, -3] as const;
export type AccountStatusValue = (typeof accountStatusValues)[number];

export const warmupStatusValues = [0, 1, -1, -2, -3] as const;
export type WarmupStatusValue = (typeof warmupStatusValues)[number];

export const providerCodes = [1, 2, 3, 4, 8, 11] as const;
export type ProviderCode = (typeof providerCodes)[number];

const accountStatuses: Record<AccountStatusValue, KnownStatus> = {
  1: {
    label: 'Active',
    tone: 'healthy',
    meaning: 'The account is connected and can send campaign and warmup mail.',
    action: 'Nothing to do; keep an eye on its warmup health.',
  },
  2: {
    label: 'Paused',
    tone: 'paused',
    meaning: 'The account was paused and sends no campaign mail (pausing also halts warmup).',
    action: 'Resume it when it should send again.',
  },
  3: {
    // The reference draws this as an "info" badge; the tone set has no info, and a maintenance pause
    // looks and behaves like a pause the user did not ask for, so it shares the paused tone.
    label: 'Maintenance',
    tone: 'paused',
    meaning: 'Instantly paused the account for maintenance and resumes it by itself.',
    action: 'Nothing to do; wait for Instantly to resume it.',
  },
  [-1]: {
    label: 'Connection error',
    tone: 'error',
    meaning: 'Instantly cannot log in to or connect to the mailbox, so it neither sends nor reads mail.',
    action: 'Fix the login or connection problem shown in the diagnosis, then mark the account as fixed.',
  },
  [-2]: {
    label: 'Soft bounce error',
    tone: 'warning',
    meaning: 'Many recent sends were temporarily rejected, so Instantly stopped sending from the account.',
    action:
      'Slow down (lower the daily limit, widen the sending gap), read the bounce text, then mark it fixed.',
  },
  [-3]: {
    label: 'Sending error',
    tone: 'error',
    meaning: 'The provider refused to send mail from the account (quota, policy or reputation).',
    action: 'Wait or lower the sending limits as the diagnosis suggests, then mark the account as fixed.',
  },
};

const warmupStatuses: Record<WarmupStatusValue, KnownStatus> = {
  0: {
    label: 'Paused',
    tone: 'paused',
    meaning: 'Warmup is off, so the account is not building or keeping its sender reputation.',
    action: 'Enable warmup if the account should send campaigns.',
  },
  1: {
    label: 'Active',
    tone: 'healthy',
    meaning: 'The account exchanges warmup emails with the pool to build its reputation.',
    action: 'Nothing to do; watch the warmup health score.',
  },
  [-1]: {
    label: 'Banned',
    tone: 'error',
    meaning: 'The account was excluded from the warmup pool, usually for abuse or reputation problems.',
    action: 'Stop sending from it, investigate its reputation and consider replacing the mailbox.',
  },
  [-2]: {
    // The spec only names this value; the meaning is the reference's reading of the label.
    label: 'Spam folder unknown',
    tone: 'warning',
    meaning: "Warmup cannot find the mailbox's spam or junk folder over IMAP.",
    action: 'Make sure a Spam/Junk folder exists and is visible over IMAP, then re-enable warmup.',
  },
  [-3]: {
    label: 'Permanent suspension',
    tone: 'error',
    meaning: 'The account is permanently removed from the warmup pool.',
    action: 'Do not send from it; replace the mailbox.',
  },
};

const providerLabels: Record<ProviderCode, string> = {
  1: 'Custom IMAP/SMTP',
  2: 'Google',
  3: 'Microsoft',
  4: 'AWS',
  8: 'AirMail',
  11: 'Airmail Instant',
};

function isKnown<K extends number>(values: readonly K[], value: number): value is K {
  return (values as readonly number[]).includes(value);
}

function describe<K extends number>(
  table: Record<K, KnownStatus>,
  values: readonly K[],
  value: number | null | undefined,
): StatusDescription {
  if (value === null || value === undefined || typeof value !== 'number' || Number.isNaN(value)) {
    return {
      value: null,
      label: 'Unknown',
      tone: 'neutral',
      meaning: 'Instantly did not report this value for the account.',
      action: 'Refresh the account; if it stays empty, check the account in Instantly.',
    };
  }
  if (isKnown(values, value)) return { value, ...table[value] };
  return {
    value,
    label: `Unknown (${value})`,
    tone: 'neutral',
    meaning: 'Instantly returned a value this dashboard does not know yet.',
    action: 'Check the account in Instantly.',
  };
}

/**
 * "Has an error": the account or its warmup is in an error state (every negative code of either enum,
 * the ones this dashboard does not know yet included). The fleet filter and the Error column both
 * follow this, so a counted account never shows an empty Error cell.
 */
export function inErrorState(status: number | null, warmupStatus: number | null): boolean {
  return (status !== null && status < 0) || (warmupStatus !== null && warmupStatus < 0);
}

export function describeAccountStatus(status: number | null | undefined): StatusDescription {
  return describe(accountStatuses, accountStatusValues, status);
}

export function describeWarmupStatus(warmupStatus: number | null | undefined): StatusDescription {
  return describe(warmupStatuses, warmupStatusValues, warmupStatus);
}

export function providerLabel(code: number | null | undefined): string {
  if (code === null || code === undefined || typeof code !== 'number' || Number.isNaN(code)) return 'Unknown';
  return isKnown(providerCodes, code) ? providerLabels[code] : `Unknown (${code})`;
}

/**
 * Fix instructions differ mainly between Google, Microsoft and "a host you configured yourself";
 * AWS and the AirMail products share the generic wording.
 */
export const providerFamilies = ['google', 'microsoft', 'custom', 'other'] as const;
export type ProviderFamily = (typeof providerFamilies)[number];

export function providerFamily(code: number | null | undefined): ProviderFamily {
  if (code === 2) return 'google';
  if (code === 3) return 'microsoft';
  if (code === 1) return 'custom';
  return 'other';
}
