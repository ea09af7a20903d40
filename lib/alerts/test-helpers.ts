import type { AlertEvent } from '@/lib/schemas/alert-event';

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
