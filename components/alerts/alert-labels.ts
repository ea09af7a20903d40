import type { AlertRuleId } from '@/lib/schemas/alert-event';
import type { AlertDto, SnoozeChoice } from '@/lib/schemas/api-alerts';

// The words the alert pages use for rules, scopes and snoozes: one table, imported everywhere.

export const ruleLabels: Record<AlertRuleId, { title: string; description: string }> = {
  'new-errors': {
    title: 'New errors',
    description:
      'Accounts in a connection, sending or soft-bounce error, grouped by cause (and by domain when a whole domain fails). Critical when a connection fails.',
  },
  'warmup-stopped': {
    title: 'Warmup stopped',
    description:
      'Warmup banned, suspended for good or unable to find the spam folder, or warmup on but no warmup e-mail sent on the last two full days. Critical.',
  },
  'warmup-health': {
    title: 'Warmup health',
    description: 'The 7-day warmup score below the threshold, or fallen by the set points over the set days.',
  },
  'unreachable-limit': {
    title: 'Unreachable daily limit',
    description:
      'A daily limit the sending gap cannot reach in one sending day (10 min × 8 h = 48 sends, so a limit of 75 never fills).',
  },
  'limit-ramp': {
    title: 'Limit raised too fast',
    description:
      'The daily limit raised by more than the ramp over the drop window while the warmup score falls.',
  },
  'domain-vitals': {
    title: 'Domain vitals',
    description: 'MX, SPF, DKIM or DMARC failing for a sending domain (checked once a day per domain).',
  },
};

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
