import { providerFamily, type ProviderFamily } from './account-status';
import {
  causeCatalog,
  severities,
  type CauseId,
  type DashboardAction,
  type Fault,
  type Severity,
  type Step,
} from './cause-catalog';
import { classify, type Signal } from './rules';
import { parseReply, type ParsedReply } from './smtp-reply';
import { normalizeStatusMessage, type RawStatusMessage } from './status-message';

// status_message + the account's own fields → one diagnosis a person can act on. Pure and isomorphic:
// the server groups a fleet with it, the browser renders the same result.

export interface AccountContext {
  provider_code?: number | null;
  status?: number | null;
  warmup_status?: number | null;
  autofix_failed?: boolean | null;
}

export interface Diagnosis {
  cause: CauseId;
  severity: Severity;
  title: string;
  explanation: string;
  step: Step | null;
  reply: ParsedReply;
  fix: string[];
  fault: Fault;
  /** The account is Active again, so the message is probably a leftover (Instantly does not clear it). */
  stale: boolean;
  /** Instantly's automatic reconnect gave up: nobody but a person will fix it. */
  autofixFailed: boolean;
  actions: DashboardAction[];
  raw: RawStatusMessage;
  summary: string;
  /** Which provider family the explanation and fix were written for. */
  provider: ProviderFamily;
  /** Id of the classification rule that matched ("none" for unknown): explains a surprising result. */
  rule: string;
}

// The account comes from an upstream payload too; a wrong-typed field must not break the diagnosis.
// Read with plain checks, not zod: the account page runs diagnose() in the browser.
interface AccountFacts {
  provider_code: number | null;
  status: number | null;
  warmup_status: number | null;
  autofix_failed: boolean | null;
}

function accountFacts(account: unknown): AccountFacts {
  const record: Record<string, unknown> =
    typeof account === 'object' && account !== null && !Array.isArray(account)
      ? (account as Record<string, unknown>)
      : {};
  const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
  return {
    provider_code: num(record.provider_code),
    status: num(record.status),
    warmup_status: num(record.warmup_status),
    autofix_failed: typeof record.autofix_failed === 'boolean' ? record.autofix_failed : null,
  };
}

const IMAP_COMMANDS = [
  'LOGIN',
  'AUTHENTICATE',
  'SELECT',
  'EXAMINE',
  'FETCH',
  'IDLE',
  'LIST',
  'SEARCH',
  'APPEND',
  'CAPABILITY',
];
// IMAP servers tag their replies with bracketed response codes and Gmail ends them with "(Failure)".
const IMAP_TEXT =
  /\bimap\b(?![.-]\w)|\[(?:authenticationfailed|authorizationfailed|alert|unavailable|contactadmin|limit|serverbug|privacyrequired|expired|inuse|overquota|cannot)\]|\(failure\)/;
const IMAP_LOGIN_TEXT = /\b(?:authenticate|login) failed\b/;

function stepFromCommand(command: string | null): Step | null {
  if (command === null) return null;
  const verb = command.split(' ')[0] ?? '';
  if (['CONN', 'CONNECT', 'EHLO', 'HELO', 'LHLO', 'GREETING'].includes(verb)) return 'connect';
  if (verb === 'STARTTLS') return 'tls';
  if (verb === 'AUTH') return 'login';
  if (verb === 'MAIL') return 'mail-from';
  if (verb === 'RCPT') return 'rcpt-to';
  if (['DATA', 'BDAT', 'MESSAGE'].includes(verb)) return 'data';
  if (verb === 'API') return 'api';
  if (IMAP_COMMANDS.includes(verb)) return 'imap';
  return null;
}

// nodemailer names the step in its message ("Data command failed: 550 …"), which survives in
// e_message even when Instantly drops `command`.
const messageSteps: readonly (readonly [RegExp, Step])[] = [
  [/invalid login:/, 'login'],
  [/mail command failed:/, 'mail-from'],
  [/(?:recipient command failed|all recipients were rejected):/, 'rcpt-to'],
  [/(?:data command failed|message failed):/, 'data'],
];

function stepFromMessage(text: string): Step | null {
  return messageSteps.find(([pattern]) => pattern.test(text))?.[1] ?? null;
}

function stepFromCode(code: string | null): Step | null {
  if (code === null) return null;
  if (
    ['ETIMEDOUT', 'ETIMEOUT', 'ECONNECTION', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET'].includes(code)
  ) {
    return 'connect';
  }
  if (code === 'ETLS') return 'tls';
  if (code === 'EAUTH' || code === 'EOAUTH2') return 'login';
  if (code === 'EMESSAGE') return 'data';
  return null;
}

function deriveStep(signal: Signal, cause: CauseId): Step | null {
  const fromCommand = stepFromCommand(signal.command) ?? stepFromMessage(signal.text);
  if (fromCommand !== null) return fromCommand;
  // The IMAP side has no nodemailer command; its replies are recognisable by their wording.
  if (IMAP_TEXT.test(signal.text) || (signal.basicCode === null && IMAP_LOGIN_TEXT.test(signal.text)))
    return 'imap';
  return stepFromCode(signal.code) ?? causeCatalog[cause].step;
}

// Used only when provider_code is missing: the reply usually names its server.
function inferProvider(text: string): ProviderFamily {
  if (/gsmtp|google\.com|gmail/.test(text)) return 'google';
  if (/outlook|office ?365|microsoft|hotmail|storedrv|aka\.ms|5\.7\.139/.test(text)) return 'microsoft';
  return 'other';
}

function shiftSeverity(severity: Severity, by: number): Severity {
  // `severities` runs from critical (0) to low (3); a positive shift makes it more urgent.
  const index = Math.min(severities.length - 1, Math.max(0, severities.indexOf(severity) - by));
  return severities[index] ?? severity;
}

function actionsFor(cause: CauseId, stale: boolean, account: AccountFacts): DashboardAction[] {
  let actions: DashboardAction[] = [...causeCatalog[cause].actions];
  // Nothing to reconnect or mark fixed on an account that is already Active.
  if (stale) actions = actions.filter((a) => a !== 'reconnect' && a !== 'mark-fixed');
  // Excluded from the warmup pool: running warmup only keeps failing.
  if (account.warmup_status === -1 || account.warmup_status === -3) actions.push('disable-warmup');
  // A paused account stays silent after the fix until someone resumes it.
  if (account.status === 2) actions.push('resume');
  return actions;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function summarize(title: string, cause: CauseId, raw: RawStatusMessage, reply: ParsedReply): string {
  const codes = [reply.basicCode, reply.enhancedCode].filter((c) => c !== null).join(' ');
  const tag = codes !== '' ? codes : (raw.code ?? '');
  // "Unrecognized error" alone says nothing in a table cell: show the start of the reply instead.
  const head = cause === 'unknown' && reply.text !== '' ? `${title}: ${truncate(reply.text, 60)}` : title;
  return tag === '' ? head : `${head} (${tag})`;
}

function toSignal(raw: RawStatusMessage, reply: ParsedReply): Signal {
  return {
    code: raw.code?.toUpperCase() ?? null,
    command: raw.command?.toUpperCase().replace(/\s+/g, ' ') ?? null,
    basicCode: reply.basicCode,
    basicClass: reply.basicClass,
    enhancedCode: reply.enhancedCode,
    text: [raw.response, raw.e_message]
      .filter((t) => t !== null)
      .join('\n')
      .toLowerCase(),
  };
}

/**
 * Diagnose an Instantly `status_message` (object, bare string, JSON string, or nothing).
 * Returns null when there is nothing to diagnose; never throws.
 */
export function diagnose(statusMessage: unknown, account?: AccountContext): Diagnosis | null {
  const raw = normalizeStatusMessage(statusMessage);
  if (raw === null) return null;
  const context = accountFacts(account);
  const reply = parseReply(raw);
  const signal = toSignal(raw, reply);
  const { cause, rule } = classify(signal);
  const info = causeCatalog[cause];

  const hasProviderCode = context.provider_code !== null && context.provider_code !== undefined;
  const provider = hasProviderCode ? providerFamily(context.provider_code) : inferProvider(signal.text);
  const wording = info.byProvider[provider];

  const stale = context.status === 1;
  const autofixFailed = context.autofix_failed === true;
  const severity = shiftSeverity(info.severity, (autofixFailed ? 1 : 0) - (stale ? 1 : 0));

  const title = wording?.title ?? info.title;
  let explanation = wording?.explanation ?? info.explanation;
  if (stale) explanation += ' The account is Active again, so this is probably an old error.';
  else if (autofixFailed)
    explanation += " Instantly's automatic recovery has given up, so a person has to act.";

  return {
    cause,
    severity,
    title,
    explanation,
    step: deriveStep(signal, cause),
    reply,
    fix: [...info.fix[provider]],
    fault: info.fault,
    stale,
    autofixFailed,
    actions: actionsFor(cause, stale, context),
    raw,
    summary: summarize(title, cause, raw, reply),
    provider,
    rule,
  };
}
