import { sameGroupDomains } from '@/lib/diagnostics/domain-outage';
import type { AlertAccount, AlertHit } from './types';

// One roll-up for every per-account rule: per cause, a domain whose every inbox is flagged for that
// cause is its own alert ("12 inboxes on acme.io"), and the other flagged accounts of the cause make
// one workspace alert. The domain test is the triage board's (lib/diagnostics/domain-outage.ts).

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

export function rollUp(
  hits: readonly AlertHit[],
  totals: ReadonlyMap<string, number>,
  workspaceId: string,
): RolledUp[] {
  const out: RolledUp[] = [];
  const inDomainAlert = new Set<AlertHit>();
  const wholeDomains = sameGroupDomains(hits.map((hit) => ({ domain: hit.domain, group: hit.cause, hit })))
    .filter(([domain, inboxes]) => totals.get(domain) === inboxes.length)
    .sort(([a], [b]) => a.localeCompare(b));
  for (const [domain, inboxes] of wholeDomains) {
    for (const inbox of inboxes) inDomainAlert.add(inbox.hit);
    out.push({
      cause: inboxes[0]?.group ?? '',
      scope: { kind: 'domain', value: domain },
      emails: inboxes.map((i) => i.hit.email).sort(),
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
