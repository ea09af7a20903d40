import 'server-only';
import { dayOf, iso } from './dates';
import { SMTP_HOSTS } from './fleet-errors';
import { resumeSending } from './routes-account-actions';
import {
  type CauseId,
  STATUS_MESSAGE_CATALOG,
  buildStatusMessage,
  catalogEntriesFor,
} from './status-message-catalog';
import type { AccountRecord, WorkspaceState } from './workspace-state';

// Breaking and healing accounts on purpose (the control endpoint's {"break"} and {"fix"}), so tests
// and demos can watch alerts open and recover: a broken account gets the status and a status_message
// the catalog has for that cause on its provider, as the seeded errors do; a healed one is Active
// again without a message, as after a successful mark-fixed.

export type AccountSelector = { domain: string } | { emails: string[] };

function matches(record: AccountRecord, selector: AccountSelector): boolean {
  if ('domain' in selector) return record.domain === selector.domain.toLowerCase();
  return selector.emails.some((e) => e.toLowerCase() === record.json.email.toLowerCase());
}

export function selectAccounts(state: WorkspaceState, selector: AccountSelector): AccountRecord[] {
  return state.ordered.filter((record) => matches(record, selector));
}

export function breakAccount(
  state: WorkspaceState,
  record: AccountRecord,
  cause: CauseId,
  nowMs: number,
): void {
  // The provider's own wording when the catalog has one, else any wording of the cause.
  const candidates = catalogEntriesFor(cause, record.provider);
  const entry = state.rng.pick(
    candidates.length > 0 ? candidates : STATUS_MESSAGE_CATALOG.filter((e) => e.cause === cause),
  );
  const json = record.json;
  json.status = entry.statuses[0] ?? -1;
  json.status_message = buildStatusMessage(
    entry,
    {
      email: json.email,
      domain: record.domain,
      host: SMTP_HOSTS[record.provider](record.domain),
      rng: state.rng,
    },
    false,
  );
  json.autofix_failed = false;
  json.timestamp_updated = iso(nowMs);
  record.cause = cause;
  // An errored account sends neither campaign nor warmup mail from now on.
  record.story.events.push({ day: dayOf(nowMs), sending: false, warmup: false });
  state.refreshScore(record, dayOf(nowMs));
}

/** Active again without a message; false when it was not in an error state. */
export function healAccount(state: WorkspaceState, record: AccountRecord, nowMs: number): boolean {
  const json = record.json;
  if (json.status >= 0 && json.status_message === undefined) return false;
  json.status = 1;
  delete json.status_message;
  delete json.autofix_failed;
  json.timestamp_updated = iso(nowMs);
  record.cause = null;
  resumeSending(state, record, nowMs);
  return true;
}
