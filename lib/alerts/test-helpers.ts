import { defaultAlertSettings } from '@/lib/schemas/alert-settings';
import type { AlertAccount, AlertInput, AlertLimitPoint, AlertWarmupDay } from './types';

// History fixtures for the rule tests: a healthy Active account to vary, and an input around it.

export const TODAY = '2026-12-02';

export function account(email: string, overrides: Partial<AlertAccount> = {}): AlertAccount {
  return {
    email,
    domain: email.split('@')[1] ?? '',
    providerCode: 2,
    status: 1,
    warmupStatus: 1,
    warmupScore: 98,
    dailyLimit: 30,
    sendingGap: 10,
    errorCause: null,
    errorStale: false,
    ...overrides,
  };
}

/** `count` accounts on one domain: a1@domain … aN@domain. */
export function domainAccounts(domain: string, count: number, overrides: Partial<AlertAccount> = {}) {
  return Array.from({ length: count }, (_, i) => account(`a${i + 1}@${domain}`, overrides));
}

export function input(
  accounts: AlertAccount[],
  extra: {
    warmupDays?: Record<string, AlertWarmupDay[]>;
    limitHistory?: Record<string, AlertLimitPoint[]>;
    settings?: Partial<AlertInput['settings']>;
    vitals?: AlertInput['vitals'];
  } = {},
): AlertInput {
  return {
    accounts,
    warmupDays: new Map(Object.entries(extra.warmupDays ?? {})),
    limitHistory: new Map(Object.entries(extra.limitHistory ?? {})),
    settings: { ...defaultAlertSettings(), ...extra.settings },
    ...(extra.vitals ? { vitals: extra.vitals } : {}),
    today: TODAY,
  };
}
