import 'server-only';
import { DAY_MS, HOUR_MS } from './dates';
import type { Draft } from './fleet-accounts';
import type { DomainPlan } from './fleet-domains';
import { objectId } from './ids';
import type { Rng } from './prng';
import type { WarmupJob } from './warmup-job-types';

/**
 * A few finished warmup jobs so the jobs page has history: the enable that started the ramping
 * domain, the bulk disables behind the warmup-off accounts, and one enable with a mistyped address
 * (failed inside a successful job, as the real API reports it).
 */
export function buildHistoricalJobs(
  drafts: Draft[],
  plans: DomainPlan[],
  rng: Rng,
  anchorStart: number,
): WarmupJob[] {
  const jobs: WarmupJob[] = [];
  const make = (createdMs: number, warmupStatus: 0 | 1, emails: string[], failures: Map<string, string>) => {
    const job: WarmupJob = {
      id: objectId(createdMs, rng),
      createdMs,
      warmupStatus,
      filters: { emails, includeAllEmails: null, excludedEmails: null, filter: null, search: null },
      targets: emails,
      plannedFailures: failures,
      processed: emails.map((email) =>
        failures.has(email)
          ? { email, status: 'failed' as const, error: failures.get(email) }
          : { email, status: 'success' as const },
      ),
      speed: 25,
    };
    jobs.push(job);
  };
  const ramping = plans.find((p) => p.kind === 'ramping');
  if (ramping) {
    const inboxes = drafts.filter((d) => d.plan === ramping).map((d) => d.record.json.email);
    make(ramping.enableJobMs, 1, inboxes.slice(0, 100), new Map());
  }
  const offByDomain = new Map<DomainPlan, string[]>();
  for (const { record, plan } of drafts) {
    if (
      record.story.archetype === 'steady-healthy' &&
      record.json.warmup_status === 0 &&
      record.json.status === 1
    ) {
      offByDomain.set(plan, [...(offByDomain.get(plan) ?? []), record.json.email]);
    }
  }
  for (const [plan, emails] of [...offByDomain].slice(0, 3)) {
    make(plan.warmupOffDay * DAY_MS + rng.int(9 * HOUR_MS, 17 * HOUR_MS), 0, emails.slice(0, 100), new Map());
  }
  const steady = drafts.find(
    (d) => d.record.story.archetype === 'steady-healthy' && d.record.json.warmup_status === 1,
  );
  if (steady) {
    // A doubled last letter of the TLD (".comm"): a classic typo that matches no account.
    const typo = steady.record.json.email.replace(/(\w)$/, '$1$1');
    make(
      anchorStart - rng.int(2, 6) * DAY_MS + rng.int(9 * HOUR_MS, 17 * HOUR_MS),
      1,
      [steady.record.json.email, typo],
      new Map([[typo, 'Account not found']]),
    );
  }
  return jobs;
}
