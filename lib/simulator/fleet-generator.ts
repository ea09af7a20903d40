import 'server-only';
import { canonicalAccount } from './account-json';
import { DAY_MS, dayOf } from './dates';
import { buildAccount, type Draft } from './fleet-accounts';
import { brandStems, capitalise, planDomains } from './fleet-domains';
import { assignErrors, assignStaleMessages } from './fleet-errors';
import { buildHistoricalJobs } from './fleet-jobs';
import { assignTags, buildTags } from './fleet-tags';
import { uuidV4 } from './ids';
import { Rng } from './prng';
import type { SimWorkspaceSpec } from './types';
import { warmupAggregate } from './warmup-metrics';
import type { WorkspaceSeedData } from './workspace-state';

// Builds a workspace's seeded fleet. Everything is a pure function of (seed, size, slug, the UTC day
// it is built on): the same inputs give byte-identical accounts. Domains come first, then their
// inboxes, then errors, tags and a few past warmup jobs. Stories only use days before the build day,
// so nothing seeded lies in the future.

export function generateWorkspace(spec: SimWorkspaceSpec, buildMs: number): WorkspaceSeedData {
  const anchorDay = dayOf(buildMs);
  const anchorStart = anchorDay * DAY_MS;
  const ids = Rng.from('workspace-ids', spec.seed, spec.slug);
  const id = uuidV4(ids);
  const ownerId = uuidV4(ids);
  const users = [ownerId, uuidV4(ids), uuidV4(ids)];
  const rng = Rng.from('fleet', spec.seed, spec.accounts);

  const stems = brandStems(spec, rng);
  const company = capitalise(stems[0] ?? 'Acme');
  const plans = planDomains(spec.accounts, stems, rng, anchorDay, anchorStart);

  const drafts: Draft[] = [];
  const usedEmails = new Set<string>();
  for (const plan of plans) {
    for (let i = 0; i < plan.size; i++) {
      const accountRng = Rng.from('account', spec.seed, plan.name, i);
      drafts.push(
        buildAccount({
          plan,
          index: i,
          rng: accountRng,
          users,
          company,
          anchorDay,
          anchorStart,
          id,
          usedEmails,
        }),
      );
    }
  }

  assignErrors(drafts, spec.accounts, rng, anchorDay);
  assignStaleMessages(drafts, rng);

  const tags = buildTags(spec, rng, id, anchorStart);
  const mappings = assignTags(drafts, tags, rng, id, anchorStart, spec.seed);
  const jobs = buildHistoricalJobs(drafts, plans, rng, anchorStart);

  for (const { record } of drafts) {
    // Keys were added in several passes; put them back in the order real payloads use.
    record.json = canonicalAccount(record.json);
    record.json.stat_warmup_score = warmupAggregate(
      spec.seed,
      record.json.email,
      record.story,
      anchorDay,
    ).health_score;
  }
  return {
    id,
    ownerId,
    createdMs: anchorStart - 560 * DAY_MS + rng.int(0, DAY_MS),
    accounts: drafts.map((d) => d.record),
    tags,
    mappings,
    jobs,
    brokenDomains: new Set(plans.filter((p) => p.cluster === 'dns').map((p) => p.name)),
    anchorDay,
  };
}
