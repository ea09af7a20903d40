import type { AlertAccount, AlertInput, AlertLimitPoint, AlertWarmupDay } from './types';
import type { AlertEvent } from '@/lib/schemas/alert-event';
import { defaultAlertSettings } from '@/lib/schemas/alert-settings';

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

/** A valid event for tests: 12 inboxes of acme.io lost their sign-in. */
export const alertEvent = (eventId: string, overrides: Partial<AlertEvent> = {}): AlertEvent => ({
  eventId,
  kind: 'opened',
  alertId: `alert-${eventId}`,
  rule: 'new-errors',
  severity: 'critical',
  workspace: { id: 'w1', name: 'Acme Outreach' },
  scope: { kind: 'domain', value: 'acme.io' },
  cause: 'oauth-expired',
  title: '12 inboxes on acme.io: sign-in expired',
  summary: 'Instantly can no longer sign in to these inboxes.',
  fix: ['Open the inbox in Instantly.', 'Reconnect it with Google.'],
  count: 12,
  accounts: ['ann@acme.io', 'bob@acme.io'],
  links: { accounts: '/accounts?domain=acme.io&cause=oauth-expired', alert: `/alerts/alert-${eventId}` },
  occurredAt: '2026-12-02T08:00:00.000Z',
  ...overrides,
});
