import {
  ALERT_EVENT_ACCOUNTS_MAX,
  type AlertEvent,
  type AlertEventKind,
  type AlertRuleId,
  type AlertScopeKind,
  type AlertSeverity,
} from '@/lib/schemas/alert-event';

// The event an alert transition hands to the channels. Its id is stable per (alert, kind, occurrence)
// so a re-run reconcile, a retry and every channel carry the same one.

export interface AlertForEvent {
  id: string;
  workspace: { id: string; name: string };
  rule: AlertRuleId;
  cause: string;
  scope: { kind: AlertScopeKind; value: string };
  severity: AlertSeverity;
  title: string;
  summary: string;
  fix: readonly string[];
  count: number;
  accounts: readonly string[];
  filter: Readonly<Record<string, string>>;
}

export function eventIdOf(alertId: string, kind: Exclude<AlertEventKind, 'test'>, reminder?: number): string {
  return kind === 'reminder' ? `${alertId}:reminder:${reminder ?? 1}` : `${alertId}:${kind}`;
}

/** The dashboard path of the fleet table filtered to an alert's accounts. */
export function accountsPath(filter: Readonly<Record<string, string>>): string {
  const search = new URLSearchParams(filter).toString();
  return search ? `/accounts?${search}` : '/accounts';
}

export function alertPath(alertId: string): string {
  return `/alerts/${encodeURIComponent(alertId)}`;
}

export function alertEventOf(
  alert: AlertForEvent,
  kind: Exclude<AlertEventKind, 'test'>,
  at: number,
  reminder?: number,
): AlertEvent {
  const recovered = kind === 'recovered';
  return {
    eventId: eventIdOf(alert.id, kind, reminder),
    kind,
    alertId: alert.id,
    rule: alert.rule,
    severity: alert.severity,
    workspace: alert.workspace,
    scope: alert.scope,
    cause: alert.cause,
    // The alert's own title: each channel words the kind itself ("Recovered: …", lib/alerts/format/labels.ts).
    title: alert.title,
    summary: recovered ? 'The accounts of this alert are no longer affected.' : alert.summary,
    fix: recovered ? [] : [...alert.fix],
    count: alert.count,
    accounts: alert.accounts.slice(0, ALERT_EVENT_ACCOUNTS_MAX),
    links: { accounts: accountsPath(alert.filter), alert: alertPath(alert.id) },
    occurredAt: new Date(at).toISOString(),
  };
}
