import { type ProviderFamily, describeWarmupStatus, inErrorState } from './account-status';
import {
  type CauseId,
  type DashboardAction,
  type Fault,
  type Severity,
  causeCatalog,
  causeIds,
} from './cause-catalog';

// The triage board groups every account in trouble. Most carry a status_message and group by its
// cause; the rest have no message to read: warmup troubles (warmup_status -1/-2/-3) and error states
// without a message. Those get group ids of their own, chosen so they can never collide with a cause
// id (none starts with "warmup-" or "status-"), so a group id is either a CauseId or one of these.
//
//   warmup-banned               warmup_status -1
//   warmup-spam-folder-unknown  warmup_status -2
//   warmup-suspended            warmup_status -3
//   status-error-no-message     status < 0 with no status_message (and no warmup trouble)

export const warmupGroupIds = ['warmup-banned', 'warmup-spam-folder-unknown', 'warmup-suspended'] as const;
export type WarmupGroupId = (typeof warmupGroupIds)[number];

export const NO_MESSAGE_GROUP_ID = 'status-error-no-message';
export type OtherGroupId = WarmupGroupId | typeof NO_MESSAGE_GROUP_ID;
export type TriageGroupId = CauseId | OtherGroupId;

export type TriageGroupKind = 'cause' | 'warmup' | 'status';

/** What the board can do to a whole group (a subset of the bulk-action kinds, spelled the same). */
export const triageBulkActions = [
  'mark-fixed',
  'pause',
  'set-daily-limit',
  'disable-warmup',
  'enable-warmup',
] as const;
export type TriageBulkAction = (typeof triageBulkActions)[number];

export interface TriageGroupInfo {
  id: TriageGroupId;
  kind: TriageGroupKind;
  title: string;
  severity: Severity;
  /** Board order, on the same scale as causeCatalog's urgency (lower = look first). */
  urgency: number;
  fault: Fault;
  explanation: string;
  fix: Record<ProviderFamily, readonly string[]>;
  /** The bulk actions that help this group, most useful first. */
  actions: readonly TriageBulkAction[];
}

const warmupByStatus: Record<-1 | -2 | -3, WarmupGroupId> = {
  [-1]: 'warmup-banned',
  [-2]: 'warmup-spam-folder-unknown',
  [-3]: 'warmup-suspended',
};

const sameForAll = (steps: readonly string[]): Record<ProviderFamily, readonly string[]> => ({
  google: steps,
  microsoft: steps,
  custom: steps,
  other: steps,
});

const bannedFix = [
  'Pause the accounts: the warmup pool excluded them, so campaigns from them are risky too.',
  'Look for the reason: bounces, spam complaints, blocklists, and SPF/DKIM/DMARC of the domain.',
  'Disable warmup on them: warmup only keeps failing while they are excluded.',
  'Replace the mailboxes if the reputation cannot be repaired.',
];

// Urgencies slot between the causes: a ban is as serious as a spam block (50) but only a person can
// decide to replace a mailbox, so it sits just after it; a missing spam folder is a setup chore.
const otherGroups: Record<OtherGroupId, TriageGroupInfo> = {
  'warmup-banned': {
    id: 'warmup-banned',
    kind: 'warmup',
    title: 'Banned from warmup',
    severity: 'high',
    urgency: 55,
    fault: 'account',
    explanation: `${describeWarmupStatus(-1).meaning} ${describeWarmupStatus(-1).action}`,
    fix: sameForAll(bannedFix),
    actions: ['pause', 'disable-warmup'],
  },
  'warmup-suspended': {
    id: 'warmup-suspended',
    kind: 'warmup',
    title: 'Permanently suspended from warmup',
    severity: 'high',
    urgency: 65,
    fault: 'account',
    explanation: `${describeWarmupStatus(-3).meaning} ${describeWarmupStatus(-3).action}`,
    fix: sameForAll([
      'Pause the accounts: do not send from them.',
      'Disable warmup on them: the pool will not take them back.',
      'Replace the mailboxes, and find out what burned them before the new ones go the same way.',
    ]),
    actions: ['pause', 'disable-warmup'],
  },
  'warmup-spam-folder-unknown': {
    id: 'warmup-spam-folder-unknown',
    kind: 'warmup',
    title: 'Spam folder not found',
    severity: 'medium',
    urgency: 145,
    fault: 'account',
    explanation: `${describeWarmupStatus(-2).meaning} Warmup rescues its emails from the spam folder, so it stops until it can find one.`,
    fix: {
      google: [
        'In Gmail settings → Labels, make sure “Spam” has “Show in IMAP” ticked.',
        'Check IMAP is enabled for the mailbox (Settings → Forwarding and POP/IMAP).',
        'Enable warmup again.',
      ],
      microsoft: [
        'Make sure the mailbox has its “Junk Email” folder (not renamed or deleted) and IMAP is enabled.',
        'Enable warmup again.',
      ],
      custom: [
        'Make sure a Spam or Junk folder exists and is subscribed over IMAP (some hosts name it in the mailbox language).',
        'Enable warmup again.',
      ],
      other: ['Make sure the mailbox has a Spam or Junk folder visible over IMAP.', 'Enable warmup again.'],
    },
    actions: ['enable-warmup', 'disable-warmup'],
  },
  'status-error-no-message': {
    id: 'status-error-no-message',
    kind: 'status',
    title: 'Error without a message',
    severity: 'high',
    urgency: 135,
    fault: 'account',
    explanation:
      'Instantly put these accounts in an error state but stored no error message, so the cause cannot be read here.',
    fix: sameForAll([
      'Open the accounts in Instantly to see what it reports.',
      'Reconnect them if the login or connection is the problem.',
      'Mark them as fixed so Instantly checks them again.',
    ]),
    actions: ['mark-fixed', 'pause'],
  },
};

/**
 * The diagnosis buttons the board can run on a whole group: they are bulk-action kinds under the same
 * id ("reconnect" needs a person at Instantly's sign-in; "resume" is not offered on a group).
 */
const isTriageBulkAction = (action: DashboardAction): action is DashboardAction & TriageBulkAction =>
  (triageBulkActions as readonly string[]).includes(action);

export function isCauseId(value: string): value is CauseId {
  return (causeIds as readonly string[]).includes(value);
}

export function isTriageGroupId(value: string): value is TriageGroupId {
  return isCauseId(value) || value in otherGroups;
}

/** Everything the board says about a group once: title, severity, explanation, fix, actions. */
export function triageGroupInfo(id: TriageGroupId): TriageGroupInfo {
  if (!isCauseId(id)) return otherGroups[id];
  const cause = causeCatalog[id];
  const actions = cause.actions.filter(isTriageBulkAction);
  return {
    id,
    kind: 'cause',
    title: cause.title,
    severity: cause.severity,
    urgency: cause.urgency,
    fault: cause.fault,
    explanation: cause.explanation,
    fix: cause.fix,
    actions,
  };
}

export interface TriageAccountFacts {
  status: number | null;
  warmupStatus: number | null;
  /** The diagnosed cause of its status_message (null when there is none). */
  cause: string | null;
  /** The account is Active again, so its message is probably old. */
  stale: boolean;
}

/**
 * The group an account belongs to on the board, or null when it is not in trouble. A current message
 * decides first (it says what broke); a stale one does not, so an Active account with an old message
 * is only on the board for its warmup trouble.
 */
export function triageGroupOf(account: TriageAccountFacts): TriageGroupId | null {
  if (account.cause !== null && !account.stale) return isCauseId(account.cause) ? account.cause : 'unknown';
  const warmup = account.warmupStatus;
  if (warmup === -1 || warmup === -2 || warmup === -3) return warmupByStatus[warmup];
  if (account.status !== null && account.status < 0) return NO_MESSAGE_GROUP_ID;
  return null;
}

/**
 * What an account in an error state without a diagnosable status_message is in trouble with: its
 * board group (a warmup trouble, or an error without a message), or for a negative code this
 * dashboard does not know, that code. Null when the account is not in an error state.
 */
export function messagelessError(
  status: number | null,
  warmupStatus: number | null,
): { title: string; explanation: string } | null {
  if (!inErrorState(status, warmupStatus)) return null;
  const group = triageGroupOf({ status, warmupStatus, cause: null, stale: false });
  if (group) return triageGroupInfo(group);
  const warmup = describeWarmupStatus(warmupStatus);
  return { title: `Warmup: ${warmup.label}`, explanation: `${warmup.meaning} ${warmup.action}` };
}

/**
 * The fleet-table filter that selects a group (in the URL/API vocabulary). It may select more than
 * the group (stale messages, accounts counted under another group); the board sends those as
 * exclusions, so a bulk action touches exactly the group.
 */
export function triageGroupFilter(id: TriageGroupId): {
  cause?: string[];
  warmup?: number[];
  status?: number[];
} {
  switch (id) {
    case 'warmup-banned':
      return { warmup: [-1] };
    case 'warmup-spam-folder-unknown':
      return { warmup: [-2] };
    case 'warmup-suspended':
      return { warmup: [-3] };
    case NO_MESSAGE_GROUP_ID:
      return { status: [-1, -2, -3], cause: ['none'] };
    default:
      return { cause: [id] };
  }
}
