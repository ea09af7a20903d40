import { type ProviderFamily, providerFamily } from '@/lib/diagnostics/account-status';
import {
  triageGroupFilter,
  triageGroupInfo,
  triageGroupOf,
  type TriageGroupId,
} from '@/lib/diagnostics/triage-groups';
import { domainTotals, heldDomainsOf, inboxesPhrase, rollUp, scopedFilter } from './roll-up';
import type { AlertFinding, AlertHit, AlertInput } from './types';

// New errors: accounts in a connection (-1), soft-bounce (-2) or sending (-3) error state, grouped
// by the triage board's group of their status_message (or "error without a message"). Critical when
// the group holds a connection error (nothing sends or syncs until a person reconnects); a sending
// or soft-bounce error alone is a warning: it slows the account down and often clears by itself.

export function newErrorFindings(input: AlertInput, workspaceId: string): AlertFinding[] {
  const hits: AlertHit[] = [];
  const connection = new Set<string>();
  for (const a of input.accounts) {
    if (a.status === null || a.status >= 0) continue;
    // The warmup status is left out: warmup troubles are the warmup-stopped rule's.
    const group = triageGroupOf({
      status: a.status,
      warmupStatus: null,
      cause: a.errorCause,
      stale: a.errorStale,
    });
    if (group === null) continue;
    hits.push({ email: a.email, domain: a.domain, cause: group });
    if (a.status === -1) connection.add(a.email);
  }
  const providers = new Map(input.accounts.map((a) => [a.email, a.providerCode] as const));
  return rollUp(hits, domainTotals(input.accounts), workspaceId, heldDomainsOf(input, 'new-errors')).map(
    (group) => {
      const info = triageGroupInfo(group.cause as TriageGroupId);
      const wire = triageGroupFilter(group.cause as TriageGroupId);
      const filter: Record<string, string> = {};
      if (wire.cause) filter.cause = wire.cause.join(',');
      if (wire.status) filter.status = wire.status.join(',');
      // The fix as worded for the provider most of the accounts are on.
      const family = mostCommon(group.emails.map((e) => providerFamily(providers.get(e))));
      return {
        rule: 'new-errors',
        cause: group.cause,
        scope: group.scope,
        severity: group.emails.some((e) => connection.has(e)) ? 'critical' : 'warning',
        title: `${inboxesPhrase(group.emails.length, group.scope)}: ${info.title.toLowerCase()}`,
        summary: info.explanation,
        fix: [...info.fix[family]],
        emails: group.emails,
        filter: scopedFilter(filter, group.scope),
      };
    },
  );
}

function mostCommon(families: readonly ProviderFamily[]): ProviderFamily {
  const counts = new Map<ProviderFamily, number>();
  for (const f of families) counts.set(f, (counts.get(f) ?? 0) + 1);
  let best: ProviderFamily = 'other';
  let most = 0;
  for (const [f, n] of counts) if (n > most) [best, most] = [f, n];
  return best;
}
