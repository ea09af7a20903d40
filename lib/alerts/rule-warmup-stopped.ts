import {
  triageGroupFilter,
  triageGroupInfo,
  triageGroupOf,
  type TriageGroupId,
} from '@/lib/diagnostics/triage-groups';
import { addDays } from './days';
import { domainTotals, heldDomainsOf, inboxesPhrase, rollUp, scopedFilter } from './roll-up';
import type { AlertFinding, AlertHit, AlertInput } from './types';

// Warmup stopped: the warmup pool banned the account, suspended it for good or cannot find its spam
// folder (the triage board's warmup groups), or warmup is on but sent nothing on the last two full
// days. Critical: without warmup the reputation decays silently until campaign replies crash.

export const NOT_SENDING_CAUSE = 'warmup-not-sending';
/** Full days (today excluded, it is still running) without a warmup e-mail before the rule fires. */
export const SILENT_DAYS = 2;

const notSendingInfo = {
  title: 'Warmup on but not sending',
  summary:
    'Warmup is enabled, yet no warmup e-mail left these inboxes on the last two full days, so their reputation is not being kept up.',
  fix: [
    'Open an account in Instantly and check that warmup is really enabled and its daily warmup limit is above 0.',
    'Check the account can send at all: reconnect it if its login or connection fails.',
    'Disable and enable warmup again if it still sends nothing the next day.',
  ],
};

/** Warmup on, and every one of the last SILENT_DAYS full days stored with zero sends. */
export function warmupSilent(days: readonly { day: string; sent: number }[], today: string): boolean {
  const wanted = Array.from({ length: SILENT_DAYS }, (_, i) => addDays(today, -(i + 1)));
  return wanted.every((day) => days.some((d) => d.day === day && d.sent === 0));
}

export function warmupStoppedFindings(input: AlertInput, workspaceId: string): AlertFinding[] {
  const hits: AlertHit[] = [];
  for (const a of input.accounts) {
    const group = triageGroupOf({ status: null, warmupStatus: a.warmupStatus, cause: null, stale: false });
    if (group !== null) hits.push({ email: a.email, domain: a.domain, cause: group });
    else if (
      a.warmupStatus === 1 &&
      a.status === 1 &&
      warmupSilent(input.warmupDays.get(a.email.toLowerCase()) ?? [], input.today)
    )
      hits.push({ email: a.email, domain: a.domain, cause: NOT_SENDING_CAUSE });
  }
  return rollUp(hits, domainTotals(input.accounts), workspaceId, heldDomainsOf(input, 'warmup-stopped')).map(
    (group) => {
      const silent = group.cause === NOT_SENDING_CAUSE;
      const info = silent ? null : triageGroupInfo(group.cause as TriageGroupId);
      const filter: Record<string, string> = silent
        ? { warmup: '1' }
        : { warmup: (triageGroupFilter(group.cause as TriageGroupId).warmup ?? []).join(',') };
      return {
        rule: 'warmup-stopped',
        cause: group.cause,
        scope: group.scope,
        severity: 'critical',
        title: `${inboxesPhrase(group.emails.length, group.scope)}: ${(info?.title ?? notSendingInfo.title).toLowerCase()}`,
        summary: info?.explanation ?? notSendingInfo.summary,
        fix: [...(info?.fix.other ?? notSendingInfo.fix)],
        emails: group.emails,
        filter: scopedFilter(filter, group.scope),
      };
    },
  );
}
