import { domainTotals, heldDomainsOf, inboxesPhrase, rollUp, scopedFilter } from './roll-up';
import type { AlertFinding, AlertHit, AlertInput } from './types';

// A daily limit the sending gap makes unreachable: with one e-mail every `gap` minutes, a sending day
// of H hours holds at most floor(H × 60 / gap) e-mails (10 min × 8 h = 48), so a limit of 75 is never
// reached and the plan built on it is wrong. A warning: nothing breaks, the numbers just lie.

export const UNREACHABLE_CAUSE = 'gap-caps-daily-limit';

/** The most campaign e-mails one sending day can hold at this gap (null: no gap, no cap). */
export function reachableSends(sendingGapMinutes: number | null, sendingDayHours: number): number | null {
  if (sendingGapMinutes === null || sendingGapMinutes <= 0) return null;
  return Math.floor((sendingDayHours * 60) / sendingGapMinutes);
}

export function limitUnreachable(
  dailyLimit: number | null,
  sendingGapMinutes: number | null,
  sendingDayHours: number,
): boolean {
  const reachable = reachableSends(sendingGapMinutes, sendingDayHours);
  return dailyLimit !== null && reachable !== null && dailyLimit > reachable;
}

export function unreachableLimitFindings(input: AlertInput, workspaceId: string): AlertFinding[] {
  const hours = input.settings.sendingDayHours;
  const hits: AlertHit[] = input.accounts
    .filter((a) => a.status === 1 && limitUnreachable(a.dailyLimit, a.sendingGap, hours))
    .map((a) => ({ email: a.email, domain: a.domain, cause: UNREACHABLE_CAUSE }));
  return rollUp(
    hits,
    domainTotals(input.accounts),
    workspaceId,
    heldDomainsOf(input, 'unreachable-limit'),
  ).map((group) => ({
    rule: 'unreachable-limit',
    cause: group.cause,
    scope: group.scope,
    severity: 'warning',
    title: `${inboxesPhrase(group.emails.length, group.scope)}: daily limit unreachable with the sending gap`,
    summary: `With one e-mail per sending gap, a ${hours}-hour sending day cannot hold the daily limit (for example 10 min × ${hours} h = ${reachableSends(10, hours)} e-mails). The limit is never reached.`,
    fix: [
      `Lower the daily limit to at most ${hours} × 60 ÷ the sending gap (in minutes).`,
      'Or shorten the sending gap, if the provider and the warmup allow the higher pace.',
      'Or change the sending-day hours on the Rules page if your campaigns send longer days.',
    ],
    emails: group.emails,
    filter: scopedFilter({ status: '1' }, group.scope),
  }));
}
