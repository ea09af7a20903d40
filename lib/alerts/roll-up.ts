import { sameGroupDomains } from '@/lib/diagnostics/domain-outage';
import type { AlertRuleId } from '@/lib/schemas/alert-event';
import type { AlertAccount, AlertHit, AlertInput } from './types';

// One roll-up for every per-account rule: per cause, a domain whose every inbox is flagged for that
// cause is its own alert ("12 inboxes on acme.io"), and the other flagged accounts of the cause make
// one workspace alert. The domain test is the triage board's (lib/diagnostics/domain-outage.ts). A
// domain alert already open stays the domain's while any of its inboxes still has the cause: fixing
// 1 of 12 must not announce a recovery and open "11 inboxes" at once.

export interface RolledUp {
  cause: string;
  scope: { kind: 'workspace' | 'domain'; value: string };
  emails: string[];
}

/** Inboxes per domain in the whole workspace, healthy ones included. */
export function domainTotals(accounts: readonly AlertAccount[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const a of accounts) totals.set(a.domain, (totals.get(a.domain) ?? 0) + 1);
  return totals;
}

/** The `cause|domain` pairs of a rule's open domain alerts, from the evaluation's input. */
export function heldDomainsOf(input: AlertInput, rule: AlertRuleId): ReadonlySet<string> {
  const prefix = `${rule}|`;
  return new Set(
    [...(input.heldDomains ?? [])]
      .filter((key) => key.startsWith(prefix))
      .map((key) => key.slice(prefix.length)),
  );
}

export function rollUp(
  hits: readonly AlertHit[],
  totals: ReadonlyMap<string, number>,
  workspaceId: string,
  held: ReadonlySet<string> = new Set(),
): RolledUp[] {
  const out: RolledUp[] = [];
  const inDomainAlert = new Set<AlertHit>();
  const stillHeld = new Map<string, AlertHit[]>();
  for (const hit of hits) {
    const key = `${hit.cause}|${hit.domain}`;
    if (!held.has(key)) continue;
    stillHeld.set(key, [...(stillHeld.get(key) ?? []), hit]);
    inDomainAlert.add(hit);
  }
  const wholeDomains = sameGroupDomains(
    hits
      .filter((hit) => !inDomainAlert.has(hit))
      .map((hit) => ({ domain: hit.domain, group: hit.cause, hit })),
  )
    .filter(([domain, inboxes]) => totals.get(domain) === inboxes.length)
    .map(([domain, inboxes]) => [domain, inboxes.map((i) => i.hit)] as const);
  const domainGroups = [
    ...[...stillHeld.values()].map((list) => [list[0]?.domain ?? '', list] as const),
    ...wholeDomains,
  ].sort(([a], [b]) => a.localeCompare(b));
  for (const [domain, inboxes] of domainGroups) {
    for (const hit of inboxes) inDomainAlert.add(hit);
    out.push({
      cause: inboxes[0]?.cause ?? '',
      scope: { kind: 'domain', value: domain },
      emails: inboxes.map((hit) => hit.email).sort(),
    });
  }
  const byCause = new Map<string, string[]>();
  for (const hit of hits) {
    if (inDomainAlert.has(hit)) continue;
    const list = byCause.get(hit.cause);
    if (list) list.push(hit.email);
    else byCause.set(hit.cause, [hit.email]);
  }
  for (const [cause, emails] of [...byCause.entries()].sort(([a], [b]) => a.localeCompare(b)))
    out.push({ cause, scope: { kind: 'workspace', value: workspaceId }, emails: emails.sort() });
  return out;
}

/** "12 inboxes on acme.io" / "3 inboxes" / "1 inbox". */
export function inboxesPhrase(count: number, scope: RolledUp['scope']): string {
  const inboxes = `${count} ${count === 1 ? 'inbox' : 'inboxes'}`;
  return scope.kind === 'domain' ? `${inboxes} on ${scope.value}` : inboxes;
}

/** The fleet-table filter of a roll-up: the rule's own filter, narrowed to the domain. */
export function scopedFilter(
  filter: Record<string, string>,
  scope: RolledUp['scope'],
): Record<string, string> {
  return scope.kind === 'domain' ? { ...filter, domain: scope.value } : filter;
}
