import type { AlertDto, SnoozeChoice } from '@/lib/schemas/api-alerts';

// The words the alert pages use for scopes and snoozes; the rules' own words are lib/alerts/rule-labels.ts.

export const snoozeLabels: Record<SnoozeChoice, string> = {
  '1h': 'For 1 hour',
  '8h': 'For 8 hours',
  '24h': 'For 24 hours',
  tomorrow: 'Until tomorrow morning',
};

export function scopeLabel(alert: Pick<AlertDto, 'scope'>, workspaceLabel: string): string {
  if (alert.scope.kind === 'domain') return `Domain ${alert.scope.value}`;
  if (alert.scope.kind === 'account') return `Account ${alert.scope.value}`;
  return `Workspace ${workspaceLabel}`;
}

/** What state an alert is in, in words. */
export function alertState(alert: AlertDto, now = Date.now()): string {
  if (alert.resolvedAt) return alert.resolution === 'rule-off' ? 'Closed (rule turned off)' : 'Resolved';
  if (alert.acknowledgedAt) return `Acknowledged by ${alert.acknowledgedBy ?? 'someone'}`;
  if (alert.snoozedUntil && Date.parse(alert.snoozedUntil) > now) return 'Snoozed';
  return 'Open';
}
