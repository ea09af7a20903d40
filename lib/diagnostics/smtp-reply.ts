// Parses the provider's reply out of a status_message: the basic reply code (RFC 5321), the enhanced
// status code (RFC 3463, "5.4.5") and the human text. Providers put the same code in different places
// (`responseCode`, the first line of `response`, somewhere inside Instantly's `e_message`), and wrap
// long replies over several "550-5.4.5 …" continuation lines, so both are cleaned up here.

export type ReplyClass = 'success' | 'temporary' | 'permanent';

export interface ReplyPart {
  value: number;
  meaning: string;
}

export interface EnhancedParts {
  class: ReplyPart;
  subject: ReplyPart;
  /** The detail only means something together with its subject (X.4.5 ≠ X.7.5), so its meaning is the pair's. */
  detail: ReplyPart;
}

export interface ParsedReply {
  basicCode: number | null;
  basicClass: ReplyClass | null;
  basicMeaning: string | null;
  enhancedCode: string | null;
  enhancedParts: EnhancedParts | null;
  /** The full code's meaning, including how well-known providers use it (Gmail's 5.4.5 is its daily limit). */
  enhancedMeaning: string | null;
  /** Reply text without code prefixes, continuation lines joined with spaces. */
  text: string;
  lines: string[];
}

export interface ReplyInput {
  response: string | null;
  e_message: string | null;
  responseCode: number | null;
  command?: string | null;
}

const classMeanings: Record<number, string> = {
  2: 'Success',
  4: 'Persistent transient failure (temporary: retrying may work)',
  5: 'Permanent failure (retrying the same way will fail again)',
};

const subjectMeanings: Record<number, string> = {
  0: 'Other or undefined status',
  1: 'Addressing status',
  2: 'Mailbox status',
  3: 'Mail system status',
  4: 'Network and routing status',
  5: 'Mail delivery protocol status',
  6: 'Message content or media status',
  7: 'Security or policy status',
};

// RFC 3463 and the IANA "SMTP Enhanced Status Codes" registry, keyed "subject.detail".
const detailMeanings: Record<string, string> = {
  '0.0': 'Other undefined status',
  '1.0': 'Other address status',
  '1.1': 'Bad destination mailbox address',
  '1.2': 'Bad destination system address',
  '1.3': 'Bad destination mailbox address syntax',
  '1.4': 'Destination mailbox address ambiguous',
  '1.5': 'Destination address valid',
  '1.6': 'Destination mailbox has moved, no forwarding address',
  '1.7': "Bad sender's mailbox address syntax",
  '1.8': "Bad sender's system address",
  '1.10': 'Recipient address has null MX',
  '2.0': 'Other or undefined mailbox status',
  '2.1': 'Mailbox disabled, not accepting messages',
  '2.2': 'Mailbox full',
  '2.3': 'Message length exceeds administrative limit',
  '2.4': 'Mailing list expansion problem',
  '3.0': 'Other or undefined mail system status',
  '3.1': 'Mail system full',
  '3.2': 'System not accepting network messages',
  '3.3': 'System not capable of selected features',
  '3.4': 'Message too big for system',
  '3.5': 'System incorrectly configured',
  '4.0': 'Other or undefined network or routing status',
  '4.1': 'No answer from host',
  '4.2': 'Bad connection',
  '4.3': 'Directory server failure',
  '4.4': 'Unable to route',
  '4.5': 'Mail system congestion',
  '4.6': 'Routing loop detected',
  '4.7': 'Delivery time expired',
  '5.0': 'Other or undefined protocol status',
  '5.1': 'Invalid command',
  '5.2': 'Syntax error',
  '5.3': 'Too many recipients',
  '5.4': 'Invalid command arguments',
  '5.5': 'Wrong protocol version',
  '5.6': 'Authentication exchange line is too long',
  '6.0': 'Other or undefined media error',
  '6.1': 'Media not supported',
  '6.2': 'Conversion required and prohibited',
  '6.3': 'Conversion required but not supported',
  '6.4': 'Conversion with loss performed',
  '6.5': 'Conversion failed',
  '6.6': 'Message content not available',
  '6.7': 'Non-ASCII addresses not permitted for that sender or recipient',
  '7.0': 'Other or undefined security status',
  '7.1': 'Delivery not authorized, message refused',
  '7.2': 'Mailing list expansion prohibited',
  '7.3': 'Security conversion required but not possible',
  '7.4': 'Security features not supported',
  '7.5': 'Cryptographic failure',
  '7.6': 'Cryptographic algorithm not supported',
  '7.7': 'Message integrity failure',
  '7.8': 'Authentication credentials invalid',
  '7.9': 'Authentication mechanism is too weak',
  '7.10': 'Encryption needed',
  '7.11': 'Encryption required for requested authentication mechanism',
  '7.12': 'A password transition is needed',
  '7.13': 'User account disabled',
  '7.14': 'Trust relationship required',
  '7.15': 'Priority level is too low',
  '7.16': 'Message is too big for the specified priority',
  '7.17': 'Mailbox owner has changed',
  '7.18': 'Domain owner has changed',
  '7.19': 'RRVS test cannot be completed',
  '7.20': 'No passing DKIM signature found',
  '7.21': 'No acceptable DKIM signature found',
  '7.22': 'No valid author-matched DKIM signature found',
  '7.23': 'SPF validation failed',
  '7.24': 'SPF validation error',
  '7.25': 'Reverse DNS validation failed',
  '7.26': 'Multiple authentication checks failed',
  '7.27': 'Sender address has null MX',
};

// Full codes whose meaning in practice differs from, or is sharper than, the RFC wording. Providers
// reuse codes freely (Gmail's 5.4.5 "congestion" is its daily limit), and that is what users need.
const wellKnownCodes: Record<string, string> = {
  '5.4.5': 'Gmail: daily user sending limit exceeded (RFC 3463: mail system congestion)',
  '5.7.1': 'Delivery not authorized, message refused: a policy, reputation or spam block',
  '5.7.3': 'Microsoft: authentication unsuccessful (RFC 3463: security conversion required but not possible)',
  '5.7.8': 'Authentication credentials invalid (Gmail: username and password not accepted)',
  '5.7.9': 'Authentication mechanism too weak (Gmail: application-specific password required)',
  '5.7.14': 'Gmail: sign in through a web browser first (account needs attention)',
  '5.7.26': 'Unauthenticated sender: SPF/DKIM/DMARC checks failed',
  '5.7.57': 'Microsoft: client not authenticated to send mail',
  '5.7.60': 'Microsoft: the login has no permission to send as this sender',
  '5.7.139':
    'Microsoft: authentication unsuccessful (SMTP AUTH disabled, security defaults or wrong credentials)',
  '5.7.501': 'Microsoft: access denied, spam or abuse detected',
  '5.7.705': 'Microsoft: access denied, tenant has exceeded its threshold (bad reputation)',
  '5.7.708': 'Microsoft: access denied, traffic not accepted from this IP',
  '5.1.8': "Bad sender's system address (Microsoft: access denied, bad outbound sender)",
  '5.2.252': 'Microsoft: SendAsDenied, the login may not send as this address',
  '4.7.0': 'Temporary security or policy failure (Gmail: try again later, or too many login attempts)',
  '5.2.2': "Mailbox full: the recipient's mailbox is over its quota",
  '4.2.2': "Mailbox full (temporary): the recipient's mailbox is over its quota",
  '4.3.2': 'Microsoft: sender thread limit exceeded (RFC 3463: system not accepting network messages)',
  '5.2.0':
    'Microsoft: STOREDRV submission failure (outbound spam or submission quota); RFC: other mailbox status',
  '5.1.0': 'Other address status: the sender or recipient address was refused',
  '5.1.1': 'Bad destination mailbox address: the recipient does not exist',
};

const smtpReplyMeanings: Record<number, string> = {
  211: 'System status',
  214: 'Help message',
  220: 'Service ready',
  221: 'Service closing transmission channel',
  235: 'Authentication succeeded',
  250: 'Requested action completed',
  251: 'User not local; will forward',
  252: 'Cannot verify user, but will accept the message',
  334: 'Server challenge (authentication in progress)',
  354: 'Start mail input',
  421: 'Service not available, closing connection',
  432: 'Temporary failure (RFC 4954: password transition needed; Microsoft uses it for throttling)',
  450: 'Mailbox unavailable (temporary)',
  451: 'Local error in processing (temporary)',
  452: 'Insufficient system storage or too many recipients (temporary)',
  // RFC 4954 names 454 for AUTH, but servers also use it for TLS trouble and sending throttles (AWS SES).
  454: 'Temporary failure: login, TLS or a sending throttle',
  455: 'Server unable to accommodate parameters',
  500: 'Syntax error, command unrecognized',
  501: 'Syntax error in parameters or arguments',
  502: 'Command not implemented',
  503: 'Bad sequence of commands',
  504: 'Command parameter not implemented',
  530: 'Authentication required',
  534: 'Authentication mechanism is too weak',
  535: 'Authentication credentials invalid',
  538: 'Encryption required for the requested authentication mechanism',
  550: 'Requested action not taken: mailbox unavailable or rejected by policy',
  551: 'User not local',
  552: 'Exceeded storage allocation',
  553: 'Mailbox name not allowed',
  554: 'Transaction failed',
  555: 'MAIL FROM/RCPT TO parameters not recognized',
};

// When the failing step is Instantly's API call (Gmail API / Microsoft Graph), the code is HTTP.
const httpMeanings: Record<number, string> = {
  400: 'HTTP 400 Bad Request',
  401: 'HTTP 401 Unauthorized (token missing or invalid)',
  403: 'HTTP 403 Forbidden (permission or quota)',
  404: 'HTTP 404 Not Found',
  429: 'HTTP 429 Too Many Requests',
  500: 'HTTP 500 Internal Server Error',
  502: 'HTTP 502 Bad Gateway',
  503: 'HTTP 503 Service Unavailable',
  504: 'HTTP 504 Gateway Timeout',
};

function isApiCommand(command: string | null | undefined): boolean {
  return command?.trim().toUpperCase() === 'API';
}

function classify(code: number, http: boolean): ReplyClass | null {
  const hundreds = Math.floor(code / 100);
  if (hundreds === 2) return 'success';
  if (http) return code === 429 || hundreds === 5 ? 'temporary' : hundreds === 4 ? 'permanent' : null;
  if (hundreds === 4) return 'temporary';
  if (hundreds === 5) return 'permanent';
  return null;
}

function basicMeaningOf(code: number, http: boolean): string {
  const table = http ? httpMeanings : smtpReplyMeanings;
  const known = table[code];
  if (known) return known;
  const cls = classify(code, http);
  if (cls === 'temporary') return 'Temporary failure: retrying later may succeed';
  if (cls === 'permanent') return 'Permanent failure';
  if (cls === 'success') return 'Success';
  return 'Intermediate reply';
}

// A reply line: "550-5.4.5 text" (continuation) or "550 5.4.5 text" (last line).
const LINE_PREFIX = /^([2-5]\d\d)(?:[ -]|$)/;
const LEADING_ENHANCED = /^([245])\.(\d{1,3})\.(\d{1,3})(?!\.?\d)\s*/;
// The enhanced code right after a basic code is the trustworthy one; a free-standing x.y.z may be an IP.
const ADJACENT_ENHANCED = /(?:^|[^\d.])[2-5]\d\d[ -]([245]\.\d{1,3}\.\d{1,3})(?!\.?\d)/m;
const FREE_ENHANCED = /(?<![\w.])([245]\.\d{1,3}\.\d{1,3})(?!\.?\d)/;
const EMBEDDED_BASIC = /(?:^|[\s:=(])([2-5][0-5]\d)[ -](?=[245]\.\d)/m;
// Instantly copies nodemailer's message lower-cased with "error: " in front, and nodemailer itself
// prefixes the step ("data command failed: ", "invalid login: ") before the server's reply.
const INSTANTLY_PREFIX = /^\s*error:\s*/i;
const STEP_PREFIX = /^[^\n]{0,80}?:\s*(?=[2-5]\d\d[ -])/;

/** The text that holds the server's reply: `response` when present, else `e_message` without prefixes. */
function replySource(input: ReplyInput): string {
  if (input.response !== null && input.response.trim() !== '') return input.response;
  if (input.e_message === null) return '';
  const withoutError = input.e_message.replace(INSTANTLY_PREFIX, '');
  return withoutError.replace(STEP_PREFIX, '');
}

function cleanLines(source: string): string[] {
  return source
    .split(/\r?\n/)
    .map((line) => line.trim().replace(LINE_PREFIX, '').replace(LEADING_ENHANCED, '').trim())
    .filter((line) => line !== '');
}

function findBasicCode(input: ReplyInput, source: string): number | null {
  if (input.responseCode !== null) return input.responseCode;
  const fromSource = LINE_PREFIX.exec(source.trim());
  if (fromSource?.[1]) return Number(fromSource[1]);
  const haystack = `${input.response ?? ''}\n${input.e_message ?? ''}`;
  const embedded = EMBEDDED_BASIC.exec(haystack);
  return embedded?.[1] ? Number(embedded[1]) : null;
}

function findEnhancedCode(input: ReplyInput): string | null {
  const haystack = `${input.response ?? ''}\n${input.e_message ?? ''}`;
  const adjacent = ADJACENT_ENHANCED.exec(haystack);
  if (adjacent?.[1]) return adjacent[1];
  const free = FREE_ENHANCED.exec(haystack);
  return free?.[1] ?? null;
}

function describeEnhanced(code: string): { parts: EnhancedParts; meaning: string } | null {
  const [cls, subject, detail] = code.split('.').map(Number);
  if (cls === undefined || subject === undefined || detail === undefined) return null;
  const pairMeaning = detailMeanings[`${subject}.${detail}`] ?? `Detail ${detail} (not in RFC 3463)`;
  const parts: EnhancedParts = {
    class: { value: cls, meaning: classMeanings[cls] ?? 'Unknown class' },
    subject: { value: subject, meaning: subjectMeanings[subject] ?? 'Unknown subject' },
    detail: { value: detail, meaning: pairMeaning },
  };
  return { parts, meaning: wellKnownCodes[code] ?? pairMeaning };
}

export function parseReply(input: ReplyInput): ParsedReply {
  const http = isApiCommand(input.command);
  const source = replySource(input);
  const lines = cleanLines(source);
  const basicCode = findBasicCode(input, source);
  const enhancedCode = http ? null : findEnhancedCode(input);
  const enhanced = enhancedCode === null ? null : describeEnhanced(enhancedCode);
  return {
    basicCode,
    basicClass: basicCode === null ? null : classify(basicCode, http),
    basicMeaning: basicCode === null ? null : basicMeaningOf(basicCode, http),
    enhancedCode,
    enhancedParts: enhanced?.parts ?? null,
    enhancedMeaning: enhanced?.meaning ?? null,
    text: lines.join(' ').replace(/\s+/g, ' ').trim(),
    lines,
  };
}
