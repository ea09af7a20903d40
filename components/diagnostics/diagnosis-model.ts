import type { DashboardAction, Fault, Step } from '@/lib/diagnostics/cause-catalog';
import type { RawStatusMessage } from '@/lib/diagnostics/status-message';
import { kindEntry } from '@/lib/bulk/catalog';
import { DAILY_LIMIT_MAX, DAILY_LIMIT_MESSAGES, DAILY_LIMIT_MIN } from '@/lib/schemas/daily-limit';

// The view logic of the diagnosis panel and the triage board, kept out of the components so it can be
// tested without a browser.

export type StepState = 'passed' | 'failed' | 'not-reached' | 'unknown';

export interface ConversationStep {
  id: Step;
  label: string;
  /** What happens at this step, in a few words. */
  detail: string;
  state: StepState;
}

const stepInfo: Record<Step, { label: string; detail: string }> = {
  connect: { label: 'Connect', detail: 'open a connection to the mail server' },
  tls: { label: 'TLS', detail: 'secure the connection' },
  login: { label: 'Login', detail: 'authenticate the mailbox' },
  'mail-from': { label: 'MAIL FROM', detail: 'name the sender' },
  'rcpt-to': { label: 'RCPT TO', detail: 'name the recipient' },
  data: { label: 'DATA', detail: 'hand over the message' },
  imap: { label: 'IMAP', detail: 'read the mailbox (warmup and replies)' },
  api: { label: 'API', detail: "call the provider's API" },
};

export const SMTP_STEPS: readonly Step[] = ['connect', 'tls', 'login', 'mail-from', 'rcpt-to', 'data'];

export const stepStateLabels: Record<StepState, string> = {
  passed: 'passed',
  failed: 'failed here',
  'not-reached': 'not reached',
  unknown: 'not known',
};

/**
 * The SMTP conversation with the failing step marked: steps before it passed, steps after it were
 * never reached. An IMAP or API failure happens outside that conversation, so it is drawn on its own
 * after the SMTP steps, which are then "not known" rather than passed; with no step at all, every
 * step is "not known".
 */
export function conversationSteps(failed: Step | null): ConversationStep[] {
  const at = failed === null ? -1 : SMTP_STEPS.indexOf(failed);
  const smtp = SMTP_STEPS.map((id, index): ConversationStep => {
    const state: StepState =
      at < 0 ? 'unknown' : index < at ? 'passed' : index === at ? 'failed' : 'not-reached';
    return { id, ...stepInfo[id], state };
  });
  if (failed === 'imap' || failed === 'api')
    return [...smtp, { id: failed, ...stepInfo[failed], state: 'failed' }];
  return smtp;
}

export function stepLabel(step: Step): string {
  return stepInfo[step].label;
}

export const faultLabels: Record<Fault, { label: string; detail: string }> = {
  account: {
    label: "The account's setup",
    detail: 'Something about this mailbox or its settings needs changing.',
  },
  recipient: {
    label: "The recipient's side",
    detail: 'The receiving server refused a recipient; the account itself is fine.',
  },
  provider: {
    label: "The provider's side",
    detail: 'The mail provider or the network failed; it often clears by itself.',
  },
};

/**
 * A diagnosis button's words: the catalog's label, except that a diagnosis only ever asks to lower
 * the daily limit (its field refuses a higher one), so that button says so.
 */
export function dashboardActionLabel(action: DashboardAction): string {
  if (action === 'reconnect') return 'Reconnect';
  if (action === 'set-daily-limit') return 'Lower daily limit';
  return kindEntry(action).label;
}

/** The ceiling of every daily limit a person sets (lib/schemas/daily-limit.ts). */
export const MAX_DAILY_LIMIT = DAILY_LIMIT_MAX;

/** Half the current limit (at least 1), or a cautious 10 when the limit is not known. */
export function defaultLowerLimit(current: number | null | undefined): number {
  if (current === null || current === undefined || !Number.isFinite(current)) return 10;
  return Math.max(1, Math.floor(current / 2));
}

/**
 * Checks a typed daily limit. Lowering means below the current limit; without one, anything in range.
 * Returns the number, or the message to show next to the field.
 */
export function parseDailyLimit(
  input: string,
  current: number | null | undefined,
): { ok: true; value: number } | { ok: false; message: string } {
  const text = input.trim();
  if (!/^\d+$/.test(text)) return { ok: false, message: 'Enter a whole number of emails per day.' };
  const value = Number(text);
  if (value < DAILY_LIMIT_MIN) return { ok: false, message: `${DAILY_LIMIT_MESSAGES.tooLow}.` };
  if (value > DAILY_LIMIT_MAX) return { ok: false, message: `${DAILY_LIMIT_MESSAGES.tooHigh}.` };
  if (current !== null && current !== undefined && current > 1 && value >= current)
    return { ok: false, message: `Lower it below the current limit of ${current}.` };
  return { ok: true, value };
}

/** The status_message as a support ticket wants it: every key that was present, nothing invented. */
export function rawReplyText(raw: RawStatusMessage): string {
  const lines: string[] = [];
  if (raw.code !== null) lines.push(`code: ${raw.code}`);
  if (raw.command !== null) lines.push(`command: ${raw.command}`);
  if (raw.responseCode !== null) lines.push(`responseCode: ${raw.responseCode}`);
  if (raw.response !== null) lines.push(`response:\n${raw.response}`);
  if (raw.e_message !== null) lines.push(`e_message:\n${raw.e_message}`);
  return lines.join('\n');
}

/** "/accounts/<email>?workspace=<id>": the account page of one account in its workspace. */
export function accountHref(email: string, workspaceId: string): string {
  return `/accounts/${encodeURIComponent(email)}?workspace=${encodeURIComponent(workspaceId)}`;
}
