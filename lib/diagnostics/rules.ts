import type { CauseId } from './cause-catalog';
import type { ReplyClass } from './smtp-reply';

// The classification table. Each rule is a small predicate over the normalized signal; the first
// rule that matches decides the cause. Order encodes trust and specificity:
//   1. transport failures named by nodemailer's code (nothing else to read there),
//   2. login problems with a distinctive wording or reply, most specific first,
//   3. quota / reputation / sender / recipient / throttling, by wording and enhanced code,
//   4. generic fallbacks by code, step and reply class.
// Providers word one failure many ways, so every rule looks at codes as well as a few synonyms, and
// no rule depends on one exact sentence.

export interface Signal {
  /** nodemailer error class, upper-cased: EAUTH, EENVELOPE, ETIMEDOUT, … */
  code: string | null;
  /** SMTP step, upper-cased with single spaces: "AUTH XOAUTH2", "MAIL FROM", … */
  command: string | null;
  basicCode: number | null;
  basicClass: ReplyClass | null;
  enhancedCode: string | null;
  /** `response` and `e_message` together, lower-cased. */
  text: string;
}

export interface Rule {
  /** Stable name, shown in tests and handy when a diagnosis looks wrong. */
  id: string;
  cause: CauseId;
  when: (s: Signal) => boolean;
}

// ---- small predicates -------------------------------------------------------------------------

const codeIs = (s: Signal, ...codes: string[]): boolean => s.code !== null && codes.includes(s.code);
const enhancedIs = (s: Signal, ...codes: string[]): boolean =>
  s.enhancedCode !== null && codes.includes(s.enhancedCode);
const enhancedSubject = (s: Signal, subject: number): boolean =>
  s.enhancedCode !== null && s.enhancedCode.split('.')[1] === String(subject);
const basicIs = (s: Signal, ...codes: number[]): boolean =>
  s.basicCode !== null && codes.includes(s.basicCode);
const says = (s: Signal, pattern: RegExp): boolean => pattern.test(s.text);
const hasReply = (s: Signal): boolean => s.basicCode !== null || s.enhancedCode !== null;
const temporary = (s: Signal): boolean =>
  s.basicClass === 'temporary' || (s.basicClass === null && s.enhancedCode?.startsWith('4.') === true);
const permanent = (s: Signal): boolean =>
  s.basicClass === 'permanent' || (s.basicClass === null && s.enhancedCode?.startsWith('5.') === true);
const commandIs = (s: Signal, ...prefixes: string[]): boolean =>
  s.command !== null && prefixes.some((p) => s.command === p || s.command?.startsWith(`${p} `) === true);
const atLogin = (s: Signal): boolean => commandIs(s, 'AUTH') || codeIs(s, 'EAUTH', 'EOAUTH2');
const oauthLogin = (s: Signal): boolean => commandIs(s, 'AUTH XOAUTH2', 'AUTH XOAUTH', 'AUTH OAUTHBEARER');
const sendingStage = (s: Signal): boolean => commandIs(s, 'MAIL FROM', 'MAIL', 'RCPT TO', 'RCPT', 'DATA');

// Socket-level nodemailer codes, plus raw Node errno codes some wrappers store instead.
const SOCKET_CODES = [
  'ECONNECTION',
  'ESOCKET',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
];
// A connection that breaks while logging in is a connection problem, not a login problem.
const transportFailure = (s: Signal): boolean =>
  codeIs(s, ...SOCKET_CODES, 'EPROTOCOL', 'ETIMEDOUT', 'ETIMEOUT', 'EDNS', 'ETLS');

// Enhanced codes that settle a cause on their own (RFC 3463, and Microsoft's own X.7.5xx/7xx codes).
const RECIPIENT_CODES = [
  '5.1.1',
  '5.1.2',
  '5.1.3',
  '5.1.4',
  '5.1.6',
  '5.1.10',
  '5.2.1',
  '5.2.2',
  '4.2.2',
  '4.2.1',
];
const THROTTLE_CODES = ['4.3.2', '4.3.1', '4.4.5', '4.7.28'];
const SPAM_CODES = ['5.7.501', '5.7.502', '5.7.503', '5.7.705', '5.7.708'];
const SENDER_CODES = ['5.7.60', '5.2.252', '5.1.7', '5.1.8'];
const MESSAGE_CODES = [
  '5.3.4',
  '5.2.3',
  '5.7.20',
  '5.7.21',
  '5.7.22',
  '5.7.23',
  '5.7.24',
  '5.7.25',
  '5.7.26',
];

// ---- wording, grouped by meaning (text is already lower-cased) ----------------------------------

const DNS_TEXT =
  /getaddrinfo|enotfound|eai_again|eai_noname|enodata|\bquery(?:a|aaaa|mx) e|name or service not known|nodename nor servname|no address associated|could not resolve|unknown host|host not found|dns (?:lookup|resolution) (?:failed|error)/;
const TLS_TEXT =
  /wrong version number|ssl routines|ssl3_|\btls\b|starttls|certificate|self[- ]signed|cert_has_expired|unable to (?:verify|get) (?:the )?(?:first |local issuer )?cert|altnames|depth_zero|handshake|ssl (?:error|alert)|alert number|unsupported protocol|no cipher|decryption failed|secure connection/;
// With a server reply in hand, only a reply that is explicitly about TLS counts as a TLS problem.
const TLS_REPLY_TEXT =
  /must issue a starttls|starttls (?:is )?required|requires? (?:tls|starttls|encryption)|encryption required|tls (?:is )?required|tls 1\.[01]|tls version/;
const TIMEOUT_TEXT = /timed? ?out|etimedout|timeout|greeting never received|no greeting/;
const CONNECTION_TEXT =
  /econnrefused|econnreset|epipe|ehostunreach|enetunreach|econnaborted|connection (?:closed|refused|reset|lost|dropped|ended|terminated)|closed unexpectedly|socket (?:hang up|closed|error)|network (?:is )?unreachable|no route to host|unexpected (?:socket )?close|connection error|(?:could not|unable to|failed to|cannot|can'?t) connect/;
const PROTOCOL_TEXT =
  /invalid greeting|unexpected (?:response|greeting|reply)|invalid response|protocol error|not (?:a )?valid smtp|http\/1\.[01]|command (?:not recognized|unrecognized)|unrecognized command|bad sequence of commands|syntax error/;

const AUTH_DISABLED_TEXT =
  /smtpclientauthentication (?:is )?disabled|smtp_?auth_?disabled|smtp auth(?:entication)? (?:is )?(?:disabled|not enabled|turned off)|basic auth(?:entication)? (?:is )?(?:disabled|blocked|not (?:allowed|supported))|legacy auth\w* (?:is )?(?:disabled|blocked)|security defaults|did not meet the criteria to be authenticated|authentication (?:is )?not (?:enabled|available|allowed)|unrecognized authentication type|auth(?:entication)? mechanism (?:is )?not supported|no supported authentication|imap access (?:is )?(?:disabled|not enabled)|not enabled for imap|enable your account for imap|imap (?:is )?(?:disabled|not enabled)|imap use/;
const APP_PASSWORD_TEXT =
  /application[- ]specific password|app[- ]specific password|app password|invalidsecondfactor|second factor|2-step verification|two-step verification/;
const LOGIN_RATE_TEXT =
  /too many (?:failed |invalid |bad |unsuccessful )?(?:login|log-?in|sign-?in|logon|auth\w*) (?:attempts|failures|tries|requests)|too many bad auth|#auth005|login (?:attempts? )?(?:rate[- ]limit\w*|limit exceeded)|authentication rate limit|too many authentication failures|too many (?:failed )?logins/;
const OAUTH_TEXT =
  /can'?t create new access token|invalid_grant|token (?:has )?(?:been )?(?:expired|revoked)|(?:expired|revoked|invalid) (?:refresh |access |oauth )?token|refresh token|aadsts\d+|unauthorized_client|consent_required|interaction_required|oauth/;
const AUTH_TEXT =
  /invalid login|auth(?:entication)? (?:failed|unsuccessful|failure|credentials invalid|error)|username and password not accepted|badcredentials|invalid credentials|authenticationfailed|authenticate failed|login failed|logon failure|incorrect (?:username|password|credentials|authentication)|(?:wrong|bad|invalid) (?:username|user name|password|user or password)|password (?:is )?(?:incorrect|invalid|wrong)|credentials (?:were )?(?:incorrect|invalid|rejected)|logondenied|log ?in via your web ?browser|web login required|authentication required|not authenticated|must authenticate|username or password/;

const DAILY_TEXT =
  /daily (?:user )?(?:sending|send|message|mail|email|recipient)s? (?:limit|quota)|daily (?:limit|quota)|(?:limit|quota) per day|per[- ]day (?:sending )?(?:limit|quota)|(?:emails?|messages?|recipients?) per day|dailylimitexceeded|daily_?limit_?exceeded|24[- ]hours? (?:sending )?(?:limit|quota)|exceeded .{0,40}\bdaily\b|daily sending/;
const QUOTA_TEXT =
  /submissionquota|submission quota|refusequota|recipientratelimit|recipient rate limit|sending quota|send quota|outgoing (?:mail|email|message)s? (?:quota|limit)|(?:exceeded|reached) (?:the|your) (?:sending|outgoing|message|hourly|monthly) (?:limit|quota)|max(?:imum)? (?:number of )?(?:emails|messages|recipients) per (?:hour|minute|month)|exceeded the max(?:imum)? (?:emails|messages|recipients)|(?:emails|messages|recipients) per hour|hourly (?:sending )?(?:limit|quota)/;
const QUOTA_GENERIC_TEXT =
  /quota (?:exceeded|reached)|exceeded (?:your |the )?quota|limit (?:exceeded|reached)|exceeded (?:your |the )?limit/;
const SPAM_TEXT =
  /outboundspam|outbound spam|unsolicited|unusual (?:rate|sending|activity|volume)|suspicious (?:activity|sending)|\bspam\b(?! ?(?:folder|box))|spamhaus|spamcop|abuse|black ?list|block ?list|listed (?:at|on|in|by)|\brbl\b|dnsbl|bad outbound sender|restricted (?:sender|user)s?|banned sender|sender (?:has been |is )?(?:blocked|banned)|(?:account|mailbox|user|sending) (?:has been |is |was )?(?:suspended|banned|blocked)|outgoing (?:mail |email |messages? )?(?:is |are |has been )?blocked|email outgoing blocked|reputation|traffic not accepted|tenant has exceeded threshold|verdict is suspend|access denied, banned/;
// A content filter that calls the message itself spam: the copy has to change, not the sender's standing.
const CONTENT_SPAM_TEXT =
  /(?:content|message|body) (?:was |is |has been )?(?:identified|detected|classified|flagged|marked|scored) as spam|\bspam(?:my)? content|content (?:looks|appears) (?:like )?spam/;
const SENDER_TEXT =
  /sender address rejected|sender (?:address )?(?:is )?(?:not (?:allowed|permitted|authori[sz]ed|verified|owned)|rejected|refused|denied)|not (?:allowed|permitted|authori[sz]ed) to send (?:as|from|on behalf|mail as)|send ?as ?denied|sendasdenied|send as permission|not owned by (?:the )?user|(?:does not|doesn'?t) have (?:the )?permissions? to send|relay(?:ing)? (?:access )?(?:denied|not (?:permitted|allowed))|not permitted to relay|unable to relay|relay not permitted|we do not relay|not allowed to relay|email address is not verified|identities failed the check|sender verify failed|domain of sender address|from address (?:does not match|not allowed|mismatch)|mail from (?:address )?(?:rejected|refused|not allowed)/;
const GREYLIST_TEXT = /greylist|graylist/;
// nodemailer says "all recipients were rejected" whatever the reason, so it is not in this list: the
// reply after it decides, and the RCPT TO fallback below catches the rest.
const RECIPIENT_TEXT =
  /recipient (?:address )?(?:rejected|unknown|not found|invalid|does not exist)|(?:user|mailbox|address|recipient) (?:unknown|not found|does not exist|doesn'?t exist|unavailable|disabled|inactive)|unknown (?:user|recipient|mailbox|address)|no such (?:user|mailbox|recipient|address)|invalid (?:recipient|mailbox)|mailbox (?:is )?(?:full|over ?quota)|over ?quota|out of storage|inbox (?:is )?full|insufficient (?:storage|space) for|account that you tried to reach|recipientnotfound|resolver\.adr|no recipients defined|not our customer|unrouteable|domain not found|no mx (?:record|for)|doesn'?t have an? [\w.-]+ account|address not found/;
const THROTTLE_STRONG_TEXT =
  /throttl|rate[- ]?limit|too many (?:connections|concurrent|simultaneous|messages|requests|emails|recipients|sessions)|sender thread limit|thread limit|concurrent connections|exceeded the configured limit|submission rate|bandwidth limit|unexpected volume|sending rate|toomanyrequests|applicationthrottled|\[tss0\d\]/;
const THROTTLE_TEXT =
  /try (?:again )?later|please retry|retry (?:in|after)|temporar(?:il)?y (?:deferred|rejected|unavailable|blocked|suspended|limited|failure|failed)|deferred|server (?:is )?busy|service (?:is )?(?:temporarily )?unavailable|insufficient system (?:resources|storage)|resources temporarily unavailable|slow down|too much mail/;
const MESSAGE_TEXT =
  /message (?:size|too (?:large|big|long))|size (?:limit|exceeds)|exceeds? .{0,40}(?:size|length) limit|message size limits?|too large|content (?:rejected|policy|filter)|(?:rejected|blocked) (?:due to|because of|for) (?:its )?content|potential security issue|virus|malware|infected|attachment|phishing|dmarc|\bspf\b|\bdkim\b|unauthenticated (?:email|mail|sender)|sender is unauthenticated|policy reasons|message (?:rejected|refused|not accepted|blocked)|rejected (?:by|for) policy|suspicious (?:link|url)|line too long/;

// ---- the table ----------------------------------------------------------------------------------

export const rules: readonly Rule[] = [
  // 1. Transport: nodemailer already named the failure; text only counts when there is no SMTP reply.
  { id: 'dns', cause: 'dns-error', when: (s) => codeIs(s, 'EDNS') || (!hasReply(s) && says(s, DNS_TEXT)) },
  {
    id: 'tls',
    cause: 'tls-error',
    when: (s) =>
      codeIs(s, 'ETLS') ||
      (says(s, TLS_TEXT) && (!hasReply(s) || codeIs(s, ...SOCKET_CODES))) ||
      says(s, TLS_REPLY_TEXT),
  },
  {
    id: 'timeout',
    cause: 'connection-timeout',
    when: (s) =>
      codeIs(s, 'ETIMEDOUT', 'ETIMEOUT') ||
      (says(s, TIMEOUT_TEXT) && (!hasReply(s) || enhancedSubject(s, 4))),
  },

  // 2. Login. A wording that names the reason beats the generic "authentication failed".
  { id: 'smtp-auth-disabled', cause: 'smtp-auth-disabled', when: (s) => says(s, AUTH_DISABLED_TEXT) },
  {
    id: 'app-password',
    cause: 'app-password-required',
    when: (s) => says(s, APP_PASSWORD_TEXT) || (enhancedIs(s, '5.7.9') && (basicIs(s, 534) || atLogin(s))),
  },
  { id: 'login-rate', cause: 'login-rate-limited', when: (s) => says(s, LOGIN_RATE_TEXT) },
  {
    id: 'oauth-wording',
    cause: 'oauth-token-revoked',
    when: (s) => codeIs(s, 'EOAUTH2') || says(s, OAUTH_TEXT),
  },
  // With XOAUTH2 there is no password to be wrong: any permanent login failure means the token is bad.
  {
    id: 'oauth-login-failed',
    cause: 'oauth-token-revoked',
    when: (s) =>
      oauthLogin(s) && !transportFailure(s) && (codeIs(s, 'EAUTH') || permanent(s) || !hasReply(s)),
  },
  {
    id: 'auth-reply',
    cause: 'auth-failed',
    when: (s) =>
      basicIs(s, 535, 530) ||
      enhancedIs(s, '5.7.8', '5.7.139', '5.7.57', '5.7.14') ||
      (says(s, AUTH_TEXT) && !temporary(s) && (!sendingStage(s) || codeIs(s, 'EAUTH'))),
  },

  // 3. Sending refused. Daily before quota before spam: Microsoft words its consumer daily cap as an
  // "OutboundSpamException … RefuseQuota", and that is a quota, not a spam verdict.
  {
    id: 'daily-limit',
    cause: 'daily-sending-limit',
    when: (s) => says(s, DAILY_TEXT) || enhancedIs(s, '5.4.5'),
  },
  { id: 'quota', cause: 'sending-quota-exceeded', when: (s) => says(s, QUOTA_TEXT) },
  { id: 'content-spam', cause: 'message-rejected', when: (s) => says(s, CONTENT_SPAM_TEXT) },
  {
    id: 'spam',
    cause: 'blocked-for-spam',
    when: (s) => says(s, SPAM_TEXT) || enhancedIs(s, ...SPAM_CODES),
  },
  {
    id: 'sender',
    cause: 'sender-rejected',
    when: (s) => says(s, SENDER_TEXT) || enhancedIs(s, ...SENDER_CODES),
  },
  // Greylisting is worded as a recipient rejection but is only "come back in a few minutes".
  { id: 'greylist', cause: 'throttled', when: (s) => says(s, GREYLIST_TEXT) },
  {
    id: 'recipient',
    cause: 'recipient-problem',
    when: (s) => says(s, RECIPIENT_TEXT) || enhancedIs(s, ...RECIPIENT_CODES),
  },
  {
    id: 'throttle',
    cause: 'throttled',
    when: (s) =>
      says(s, THROTTLE_STRONG_TEXT) ||
      (says(s, THROTTLE_TEXT) && !permanent(s)) ||
      enhancedIs(s, ...THROTTLE_CODES),
  },
  {
    id: 'message',
    cause: 'message-rejected',
    when: (s) =>
      codeIs(s, 'EMESSAGE') ||
      says(s, MESSAGE_TEXT) ||
      enhancedSubject(s, 6) ||
      enhancedIs(s, ...MESSAGE_CODES),
  },

  // 4. Fallbacks: nothing distinctive in the wording, so the code and the step decide.
  { id: 'login-temporary', cause: 'login-rate-limited', when: (s) => atLogin(s) && temporary(s) },
  { id: 'auth-code', cause: 'auth-failed', when: (s) => atLogin(s) && !transportFailure(s) },
  { id: 'quota-generic', cause: 'sending-quota-exceeded', when: (s) => says(s, QUOTA_GENERIC_TEXT) },
  {
    id: 'connection',
    cause: 'connection-failed',
    when: (s) => codeIs(s, ...SOCKET_CODES) || (!hasReply(s) && says(s, CONNECTION_TEXT)),
  },
  {
    id: 'protocol',
    cause: 'protocol-error',
    when: (s) => codeIs(s, 'EPROTOCOL') || says(s, PROTOCOL_TEXT) || enhancedSubject(s, 5),
  },
  {
    id: 'mail-from-refused',
    cause: 'sender-rejected',
    when: (s) => commandIs(s, 'MAIL FROM', 'MAIL') && permanent(s),
  },
  {
    id: 'rcpt-refused',
    cause: 'recipient-problem',
    when: (s) => commandIs(s, 'RCPT TO', 'RCPT') && hasReply(s),
  },
  { id: 'data-refused', cause: 'message-rejected', when: (s) => commandIs(s, 'DATA') && permanent(s) },
  { id: 'temporary', cause: 'throttled', when: (s) => temporary(s) },
  { id: 'policy-refused', cause: 'blocked-for-spam', when: (s) => enhancedIs(s, '5.7.1') && permanent(s) },
];

export interface Classification {
  cause: CauseId;
  /** The id of the rule that matched, or "none" when the cause is unknown. */
  rule: string;
}

export function classify(signal: Signal): Classification {
  const match = rules.find((rule) => rule.when(signal));
  return match ? { cause: match.cause, rule: match.id } : { cause: 'unknown', rule: 'none' };
}
