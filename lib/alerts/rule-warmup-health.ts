import { addDays, scoreOnOrBefore } from './days';
import { domainTotals, heldDomainsOf, inboxesPhrase, rollUp, scopedFilter } from './roll-up';
import type { AlertFinding, AlertHit, AlertInput } from './types';

// Warmup health: the 7-day score of an account with warmup on is below the workspace's threshold, or
// fell by at least N points over the last D days (from the scores warmup_daily kept). A warning: the
// account still sends, but it is heading for the spam folder.

export const LOW_SCORE_CAUSE = 'score-below-threshold';
export const DROPPED_SCORE_CAUSE = 'score-dropped';

/** How far the score fell over the window: the score D days ago minus the score now (null: unknown). */
export function scoreDrop(
  current: number | null,
  days: readonly { day: string; healthScore: number | null }[],
  today: string,
  windowDays: number,
): number | null {
  const before = scoreOnOrBefore(days, addDays(today, -windowDays));
  return current === null || before === null ? null : before - current;
}

export function warmupHealthFindings(input: AlertInput, workspaceId: string): AlertFinding[] {
  const {
    warmupScoreThreshold: threshold,
    warmupDropPoints: points,
    warmupDropDays: window,
  } = input.settings;
  const hits: AlertHit[] = [];
  for (const a of input.accounts) {
    if (a.warmupStatus !== 1 || a.warmupScore === null) continue;
    if (a.warmupScore < threshold) {
      hits.push({ email: a.email, domain: a.domain, cause: LOW_SCORE_CAUSE });
      continue;
    }
    const drop = scoreDrop(
      a.warmupScore,
      input.warmupDays.get(a.email.toLowerCase()) ?? [],
      input.today,
      window,
    );
    if (drop !== null && drop >= points)
      hits.push({ email: a.email, domain: a.domain, cause: DROPPED_SCORE_CAUSE });
  }
  return rollUp(hits, domainTotals(input.accounts), workspaceId, heldDomainsOf(input, 'warmup-health')).map(
    (group) => {
      const low = group.cause === LOW_SCORE_CAUSE;
      const what = low
        ? `warmup score below ${threshold}`
        : `warmup score fell by ${points}+ points in ${window} ${window === 1 ? 'day' : 'days'}`;
      return {
        rule: 'warmup-health',
        cause: group.cause,
        scope: group.scope,
        severity: 'warning',
        title: `${inboxesPhrase(group.emails.length, group.scope)}: ${what}`,
        summary: low
          ? `A 7-day warmup score below ${threshold} means a share of the warmup e-mails land in spam: campaigns from these inboxes will too.`
          : `The 7-day warmup score dropped by at least ${points} points over ${window} days: something changed (volume, content, DNS) and the reputation is sliding.`,
        fix: [
          'Lower the daily campaign limit of these inboxes (or pause campaigns) until the score recovers.',
          'Check the domain’s SPF, DKIM and DMARC, and that no recent change raised the volume.',
          'Keep warmup on; look again in a few days.',
        ],
        emails: group.emails,
        filter: scopedFilter({ warmup: '1' }, group.scope),
      };
    },
  );
}
