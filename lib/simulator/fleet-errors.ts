import 'server-only';
import { DAY_MS, HOUR_MS, iso, MINUTE_MS } from './dates';
import type { Draft } from './fleet-accounts';
import type { Rng } from './prng';
import {
  buildStatusMessage,
  CAUSE_IDS,
  catalogEntriesFor,
  catalogEntryById,
  causesFor,
  type CatalogEntry,
  type CauseId,
  type ProviderGroup,
} from './status-message-catalog';

// Puts errors on the seeded fleet: the domain-level outages, every cause of the catalog at least
// twice, the rest by weight, and a few stale messages on recovered Active accounts.

export const SMTP_HOSTS: Record<ProviderGroup, (domain: string) => string> = {
  google: () => 'smtp.gmail.com',
  microsoft: () => 'smtp.office365.com',
  aws: () => 'email-smtp.us-east-1.amazonaws.com',
  custom: (domain) => `mail.${domain}`,
};

/** Relative weights when an errored account's cause is not forced by the coverage guarantee. */
const CAUSE_WEIGHTS: Record<CauseId, number> = {
  'oauth-token-revoked': 14,
  'auth-failed': 10,
  'app-password-required': 4,
  'smtp-auth-disabled': 4,
  'login-rate-limited': 3,
  'daily-sending-limit': 12,
  'sending-quota-exceeded': 5,
  'blocked-for-spam': 6,
  'sender-rejected': 3,
  throttled: 5,
  'connection-timeout': 4,
  'connection-failed': 4,
  'tls-error': 3,
  'dns-error': 3,
  'protocol-error': 2,
  'message-rejected': 3,
  'recipient-problem': 3,
};

/** Puts an errored status_message from the catalog on the account and stops its sending. */
function applyError(draft: Draft, entry: CatalogEntry, errorDay: number, autofix: boolean | null): void {
  const { record, rng, plan } = draft;
  const json = record.json;
  const bare = entry.sometimesBare === true && rng.chance(0.4);
  json.status = rng.pick(entry.statuses);
  json.status_message = buildStatusMessage(
    entry,
    { email: json.email, domain: plan.name, host: SMTP_HOSTS[plan.provider](plan.name), rng },
    bare,
  );
  json.autofix_failed = autofix;
  record.cause = entry.cause;
  const story = record.story;
  story.campaignStopDay =
    story.campaignStopDay === null ? errorDay : Math.min(story.campaignStopDay, errorDay);
  story.warmupStopDay = story.warmupStopDay === null ? errorDay : Math.min(story.warmupStopDay, errorDay);
  // The error re-enters the history: timestamp_updated moves to when it happened.
  const errorMs = errorDay * DAY_MS + rng.int(HOUR_MS, 22 * HOUR_MS);
  if (Date.parse(json.timestamp_updated) < errorMs) json.timestamp_updated = iso(errorMs);
  if (json.timestamp_last_used && Date.parse(json.timestamp_last_used) > errorMs)
    json.timestamp_last_used = iso(errorMs - rng.int(MINUTE_MS, 3 * HOUR_MS));
  // Adding the domain and the error time keeps `tagIds` etc. untouched; recompute search text is not needed.
}

function autofixValue(rng: Rng): boolean | null {
  return rng.weighted<boolean | null>([
    [true, 55],
    [null, 25],
    [false, 20],
  ]);
}

/**
 * About 15% of the fleet is errored. Two domains fail as a whole (DNS, OAuth); then every cause is
 * placed at least twice on inboxes whose provider can produce it (the demo relies on seeing all of
 * them), and the rest draw a cause by weight.
 */
export function assignErrors(drafts: Draft[], count: number, rng: Rng, anchorDay: number): void {
  const causeCount = new Map<CauseId, number>();
  const bump = (cause: CauseId) => causeCount.set(cause, (causeCount.get(cause) ?? 0) + 1);
  let errored = 0;
  for (const draft of drafts) {
    if (draft.plan.cluster === null) continue;
    const entry = catalogEntryById(draft.plan.cluster === 'dns' ? 'edns-enotfound' : 'xoauth2-access-token');
    if (!entry) continue;
    applyError(
      draft,
      entry,
      draft.plan.clusterErrorDay,
      draft.plan.cluster === 'dns' ? true : autofixValue(draft.rng),
    );
    bump(entry.cause);
    errored++;
  }
  const candidates = rng.shuffle(
    drafts.filter(
      (d) =>
        d.plan.cluster === null &&
        d.plan.kind === 'old' &&
        (d.record.story.archetype === 'steady-healthy' ||
          d.record.story.archetype === 'hurt-by-limit-increase') &&
        d.record.json.status === 1,
    ),
  );
  const taken = new Set<Draft>();
  const errorDay = (d: Draft) => anchorDay - d.rng.int(1, 14);
  const place = (draft: Draft, cause: CauseId) => {
    const entry = draft.rng.pick(catalogEntriesFor(cause, draft.plan.provider));
    applyError(draft, entry, errorDay(draft), autofixValue(draft.rng));
    taken.add(draft);
    bump(cause);
    errored++;
  };
  if (count >= 100) {
    for (const cause of CAUSE_IDS) {
      while ((causeCount.get(cause) ?? 0) < 2) {
        const draft = candidates.find(
          (d) => !taken.has(d) && catalogEntriesFor(cause, d.plan.provider).length > 0,
        );
        if (!draft) break;
        place(draft, cause);
      }
    }
  }
  const target = Math.round(count * 0.15);
  for (const draft of candidates) {
    if (errored >= target) break;
    if (taken.has(draft)) continue;
    const causes = causesFor(draft.plan.provider);
    const cause = draft.rng.weighted(causes.map((c) => [c, CAUSE_WEIGHTS[c]] as const));
    place(draft, cause);
  }
}

/** A few Active accounts keep an old status_message after recovering (REFERENCE §3). */
export function assignStaleMessages(drafts: Draft[], rng: Rng): void {
  for (const draft of drafts) {
    const { record } = draft;
    if (record.json.status !== 1 || record.json.is_managed_account || record.story.archetype === 'new')
      continue;
    if (!rng.chance(0.025)) continue;
    const causes = causesFor(draft.plan.provider);
    const cause = draft.rng.weighted(causes.map((c) => [c, CAUSE_WEIGHTS[c]] as const));
    const entry = draft.rng.pick(catalogEntriesFor(cause, draft.plan.provider));
    record.json.status_message = buildStatusMessage(
      entry,
      {
        email: record.json.email,
        domain: draft.plan.name,
        host: SMTP_HOSTS[draft.plan.provider](draft.plan.name),
        rng: draft.rng,
      },
      entry.sometimesBare === true,
    );
    record.json.autofix_failed = false;
    record.cause = entry.cause;
  }
}
