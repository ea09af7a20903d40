import type { AlertEvent } from '@/lib/schemas/alert-event';

// The morning digest: every non-critical event a channel collected since its last digest, in one
// message, grouped by workspace and then by rule so a reader scans one client at a time.

export interface DigestGroup {
  workspace: AlertEvent['workspace'];
  rule: AlertEvent['rule'];
  events: AlertEvent[];
}

export interface AlertDigest {
  /** Stable (channel + the hour it is sent), so a retried digest carries the same id. */
  digestId: string;
  /** The channel's local day the digest is for, YYYY-MM-DD. */
  day: string;
  total: number;
  opened: number;
  recovered: number;
  groups: DigestGroup[];
}

export function buildDigest(digestId: string, day: string, events: readonly AlertEvent[]): AlertDigest {
  const sorted = [...events].sort(
    (a, b) =>
      a.workspace.name.localeCompare(b.workspace.name) ||
      a.workspace.id.localeCompare(b.workspace.id) ||
      a.rule.localeCompare(b.rule) ||
      a.occurredAt.localeCompare(b.occurredAt) ||
      a.eventId.localeCompare(b.eventId),
  );
  const groups: DigestGroup[] = [];
  for (const event of sorted) {
    const last = groups.at(-1);
    if (last && last.workspace.id === event.workspace.id && last.rule === event.rule) last.events.push(event);
    else groups.push({ workspace: event.workspace, rule: event.rule, events: [event] });
  }
  return {
    digestId,
    day,
    total: events.length,
    opened: events.filter((e) => e.kind === 'opened' || e.kind === 'reminder').length,
    recovered: events.filter((e) => e.kind === 'recovered').length,
    groups,
  };
}

/** "3 warnings, 1 recovered" for subjects and headers. */
export function digestSummary(digest: AlertDigest): string {
  const other = digest.total - digest.opened - digest.recovered;
  const parts = [`${digest.opened} warning${digest.opened === 1 ? '' : 's'}`];
  if (digest.recovered > 0) parts.push(`${digest.recovered} recovered`);
  if (other > 0) parts.push(`${other} other`);
  return parts.join(', ');
}
