import type { AlertEvent } from '@/lib/schemas/alert-event';

// The event behind "Send a test alert": shaped like a real one, so the channel shows exactly how its
// alerts will look, and marked `test` so no receiver mistakes it for an incident.

export function sampleAlertEvent(
  channel: { id: string; name: string },
  eventId: string,
  now: number,
): AlertEvent {
  return {
    eventId,
    kind: 'test',
    alertId: `test-${channel.id}`,
    rule: 'test',
    severity: 'critical',
    workspace: { id: 'test', name: 'Test' },
    scope: { kind: 'workspace', value: 'test' },
    cause: 'test',
    title: `Test alert for “${channel.name}”`,
    summary: 'Sent from the dashboard with “Send a test alert”: if you can read this, the channel works.',
    fix: [],
    count: 0,
    accounts: [],
    links: { accounts: '/accounts', alert: `/alerts/channels/${encodeURIComponent(channel.id)}` },
    occurredAt: new Date(now).toISOString(),
  };
}
