import { addDays } from './days';
import { domainTotals, heldDomainsOf, inboxesPhrase, rollUp, scopedFilter } from './roll-up';
import { scoreDrop } from './rule-warmup-health';
import type { AlertFinding, AlertHit, AlertInput, AlertLimitPoint } from './types';

// A daily limit raised faster than the recommended ramp while the warmup score falls: over the last D
// days (the warmup-drop window) the limit rose by more than rampMaxPercent of what it was, and the
// score went down over the same days. A warning: the raise is the likely cause of the fall.

export const RAMP_CAUSE = 'limit-raised-while-score-falls';

/** The daily limit in force at the start of the window: the last one observed on or before it. */
export function limitAt(history: readonly AlertLimitPoint[], instant: string): number | null {
  let value: number | null = null;
  for (const point of history) if (point.observedAt <= instant) value = point.dailyLimit;
  return value;
}

/** The raise in percent of the limit before (null when either is unknown or the limit was 0). */
export function raisePercent(before: number | null, now: number | null): number | null {
  if (before === null || now === null || before <= 0) return null;
  return ((now - before) / before) * 100;
}

export function limitRampFindings(input: AlertInput, workspaceId: string): AlertFinding[] {
  const { warmupDropDays: window, rampMaxPercent } = input.settings;
  const windowStart = `${addDays(input.today, -window)}T23:59:59.999Z`;
  const hits: AlertHit[] = [];
  for (const a of input.accounts) {
    const key = a.email.toLowerCase();
    const raise = raisePercent(limitAt(input.limitHistory.get(key) ?? [], windowStart), a.dailyLimit);
    if (raise === null || raise <= rampMaxPercent) continue;
    const drop = scoreDrop(a.warmupScore, input.warmupDays.get(key) ?? [], input.today, window);
    if (drop !== null && drop > 0) hits.push({ email: a.email, domain: a.domain, cause: RAMP_CAUSE });
  }
  return rollUp(hits, domainTotals(input.accounts), workspaceId, heldDomainsOf(input, 'limit-ramp')).map(
    (group) => ({
      rule: 'limit-ramp',
      cause: group.cause,
      scope: group.scope,
      severity: 'warning',
      title: `${inboxesPhrase(group.emails.length, group.scope)}: daily limit raised by more than ${rampMaxPercent}% while the warmup score falls`,
      summary: `The daily limit went up by more than ${rampMaxPercent}% in ${window} days and the warmup score fell over the same days: the volume grew faster than the reputation.`,
      fix: [
        'Set the daily limit back to what it was before the raise.',
        `Raise it again in steps of at most ${rampMaxPercent}% once the score holds steady for a few days.`,
      ],
      emails: group.emails,
      filter: scopedFilter({}, group.scope),
    }),
  );
}
