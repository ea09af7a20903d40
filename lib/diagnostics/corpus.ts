import type { CauseId, Step } from './cause-catalog';
import type { AccountContext } from './diagnose';

// The status_message corpus the classifier is tested against, kept apart from the tests so it can be
// counted and reviewed on its own.
//   real      — seen on Instantly accounts (lib/schemas/fixtures/instantly-api, copied verbatim)
//   reference — one or more per row of REFERENCE.md §9.3, with the wording given there
//   variant   — the same failures as other providers word them, and odd shapes (missing keys,
//               responseCode as a string, bare strings, JSON strings, junk). Provider replies follow
//               their documented/commonly reported formats; the surrounding Instantly object is
//               synthetic, so treat these as plausible, not recorded.

export type CorpusSource = 'real' | 'reference' | 'variant';

export interface CorpusExpectation {
  cause: CauseId;
  step?: Step | null;
  basicCode?: number | null;
  enhancedCode?: string | null;
  /** The cleaned reply text (prefixes removed, lines joined). */
  text?: string;
}

export interface CorpusEntry {
  name: string;
  message: unknown;
  account?: AccountContext;
  expect: CorpusExpectation;
  source: CorpusSource;
}

type SmtpStep = 'login' | 'mail-from' | 'rcpt-to' | 'data' | 'message';

// nodemailer puts the step in front of the server reply, and Instantly stores that message
// lower-cased behind "error: " as e_message (see the real Textgrid sample).
const nodemailerPrefix: Record<SmtpStep, { code: string; command: string | null; prefix: string }> = {
  login: { code: 'EAUTH', command: 'AUTH PLAIN', prefix: 'Invalid login: ' },
  'mail-from': { code: 'EENVELOPE', command: 'MAIL FROM', prefix: 'Mail command failed: ' },
  'rcpt-to': {
    code: 'EENVELOPE',
    command: 'RCPT TO',
    prefix: "Can't send mail - all recipients were rejected: ",
  },
  data: { code: 'EENVELOPE', command: 'DATA', prefix: 'Data command failed: ' },
  message: { code: 'EMESSAGE', command: 'DATA', prefix: 'Message failed: ' },
};

/** The object Instantly would store for a server reply at a given step. */
function smtp(step: SmtpStep, response: string, command?: string): Record<string, unknown> {
  const { code, command: defaultCommand, prefix } = nodemailerPrefix[step];
  const responseCode = /^\d{3}/.exec(response)?.[0];
  return {
    code,
    command: command ?? defaultCommand,
    response,
    e_message: `error: ${prefix}${response}`.toLowerCase(),
    ...(responseCode ? { responseCode: Number(responseCode) } : {}),
  };
}

// ---- real ---------------------------------------------------------------------------------------

const eauthAccessToken = {
  code: 'EAUTH',
  command: 'AUTH XOAUTH2',
  e_message: "error: can't create new access token for user",
};

const textgridDailyLimit = {
  code: 'EENVELOPE',
  command: 'DATA',
  response:
    '550-5.4.5 Daily user sending limit exceeded. For more information on Gmail\n550-5.4.5 sending limits go to\n550 5.4.5  https://support.google.com/a/answer/166852 af79cd13be357-8eb9becc72dsm190518885a.34 - gsmtp',
  e_message:
    'error: data command failed: 550-5.4.5 daily user sending limit exceeded. for more information on gmail\n550-5.4.5 sending limits go to\n550 5.4.5  https://support.google.com/a/answer/166852 af79cd13be357-8eb9becc72dsm190518885a.34 - gsmtp',
  responseCode: 550,
};

const specDailyLimit = {
  code: 'EENVELOPE',
  command: 'DATA',
  response: '550-5.4.5 Daily user sending limit exceeded. For more information on Gmai',
  e_message: 'error: data command failed: 550-5.4.5 daily user sending limit exceeded',
  responseCode: 550,
};

export const realMessages: CorpusEntry[] = [
  {
    name: 'LeonidSvb capture: EAUTH XOAUTH2 access token',
    message: eauthAccessToken,
    account: { status: -1, warmup_status: 1, provider_code: 2, autofix_failed: null },
    expect: { cause: 'oauth-token-revoked', step: 'login', basicCode: null, enhancedCode: null },
    source: 'real',
  },
  {
    name: 'Textgrid: Gmail daily limit, autofix failed',
    message: textgridDailyLimit,
    account: { status: -3, provider_code: 2, autofix_failed: true },
    expect: {
      cause: 'daily-sending-limit',
      step: 'data',
      basicCode: 550,
      enhancedCode: '5.4.5',
      text: 'Daily user sending limit exceeded. For more information on Gmail sending limits go to https://support.google.com/a/answer/166852 af79cd13be357-8eb9becc72dsm190518885a.34 - gsmtp',
    },
    source: 'real',
  },
  {
    name: 'OpenAPI example: truncated Gmail daily limit',
    message: specDailyLimit,
    expect: {
      cause: 'daily-sending-limit',
      step: 'data',
      basicCode: 550,
      enhancedCode: '5.4.5',
      text: 'Daily user sending limit exceeded. For more information on Gmai',
    },
    source: 'real',
  },
  {
    name: 'OpenAPI example on an Active account (stale)',
    message: specDailyLimit,
    account: { status: 1, warmup_status: 1, provider_code: 2, autofix_failed: false },
    expect: { cause: 'daily-sending-limit', step: 'data', basicCode: 550, enhancedCode: '5.4.5' },
    source: 'real',
  },
];

// ---- reference (REFERENCE.md §9.3, one block per row) --------------------------------------------

export const referenceMessages: CorpusEntry[] = [
  {
    name: '§9.3 EAUTH · AUTH XOAUTH2 · access token (Microsoft mailbox, autofix failed)',
    message: eauthAccessToken,
    account: { status: -1, provider_code: 3, autofix_failed: true },
    expect: { cause: 'oauth-token-revoked', step: 'login' },
    source: 'reference',
  },
  {
    name: '§9.3 EENVELOPE · DATA · 550 5.4.5 daily limit',
    message: smtp(
      'data',
      '550-5.4.5 Daily user sending limit exceeded. For more information on Gmail\n550 5.4.5 sending limits go to https://support.google.com/a/answer/166852 - gsmtp',
    ),
    account: { status: -3, provider_code: 2 },
    expect: { cause: 'daily-sending-limit', step: 'data', basicCode: 550, enhancedCode: '5.4.5' },
    source: 'reference',
  },
  {
    name: '§9.3 EAUTH · AUTH PLAIN · 535-5.7.8 Gmail bad credentials',
    message: smtp(
      'login',
      '535-5.7.8 Username and Password not accepted. For more information, go to\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials d75a77b69052e-4b2b8f3c1a9sm1234567cf.12 - gsmtp',
    ),
    account: { status: -1, provider_code: 2 },
    expect: {
      cause: 'auth-failed',
      step: 'login',
      basicCode: 535,
      enhancedCode: '5.7.8',
      text: 'Username and Password not accepted. For more information, go to https://support.google.com/mail/?p=BadCredentials d75a77b69052e-4b2b8f3c1a9sm1234567cf.12 - gsmtp',
    },
    source: 'reference',
  },
  {
    name: '§9.3 EAUTH · AUTH LOGIN · 535-5.7.8',
    message: smtp(
      'login',
      '535-5.7.8 Username and Password not accepted.\n535 5.7.8 https://support.google.com/mail/?p=BadCredentials - gsmtp',
      'AUTH LOGIN',
    ),
    expect: { cause: 'auth-failed', step: 'login', basicCode: 535, enhancedCode: '5.7.8' },
    source: 'reference',
  },
  {
    name: '§9.3 EAUTH · 534-5.7.9 application-specific password',
    message: smtp(
      'login',
      '534-5.7.9 Application-specific password required. Learn more at\n534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor 5b1f17b1804b1-45b7e8a1c2dsm123456f.9 - gsmtp',
    ),
    account: { provider_code: 2 },
    expect: { cause: 'app-password-required', step: 'login', basicCode: 534, enhancedCode: '5.7.9' },
    source: 'reference',
  },
  {
    name: '§9.3 EAUTH · 535 5.7.139 SmtpClientAuthentication disabled',
    message: smtp(
      'login',
      '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information. [BN9PR03CA0123.namprd03.prod.outlook.com 2026-04-21T10:12:13.456Z 08DE7A1B2C3D4E5F]',
      'AUTH LOGIN',
    ),
    account: { provider_code: 3, status: -1 },
    expect: { cause: 'smtp-auth-disabled', step: 'login', basicCode: 535, enhancedCode: '5.7.139' },
    source: 'reference',
  },
  {
    name: '§9.3 EAUTH · 535 5.7.3 Microsoft authentication unsuccessful',
    message: smtp(
      'login',
      '535 5.7.3 Authentication unsuccessful [SN4PR0601CA0012.namprd06.prod.outlook.com]',
      'AUTH LOGIN',
    ),
    account: { provider_code: 3 },
    expect: { cause: 'auth-failed', step: 'login', basicCode: 535, enhancedCode: '5.7.3' },
    source: 'reference',
  },
  {
    name: '§9.3 EAUTH · 535 custom host Invalid login',
    message: {
      code: 'EAUTH',
      command: 'AUTH PLAIN',
      e_message: 'error: invalid login: 535 authentication failed',
      responseCode: 535,
    },
    account: { provider_code: 1 },
    expect: { cause: 'auth-failed', step: 'login', basicCode: 535, text: 'authentication failed' },
    source: 'reference',
  },
  {
    name: '§9.3 EAUTH · IMAP AUTHENTICATIONFAILED Invalid credentials (Failure)',
    message: { code: 'EAUTH', e_message: 'error: [authenticationfailed] invalid credentials (failure)' },
    account: { provider_code: 2 },
    expect: { cause: 'auth-failed', step: 'imap', basicCode: null },
    source: 'reference',
  },
  {
    name: '§9.3 ETIMEDOUT · CONN',
    message: { code: 'ETIMEDOUT', command: 'CONN', e_message: 'error: connection timeout' },
    expect: { cause: 'connection-timeout', step: 'connect' },
    source: 'reference',
  },
  {
    name: '§9.3 ECONNECTION',
    message: { code: 'ECONNECTION', command: 'CONN', e_message: 'error: connection closed unexpectedly' },
    expect: { cause: 'connection-failed', step: 'connect' },
    source: 'reference',
  },
  {
    name: '§9.3 ESOCKET connect ECONNREFUSED',
    message: { code: 'ESOCKET', command: 'CONN', e_message: 'error: connect econnrefused 203.0.113.10:465' },
    expect: { cause: 'connection-failed', step: 'connect' },
    source: 'reference',
  },
  {
    name: '§9.3 ESOCKET wrong version number',
    message: {
      code: 'ESOCKET',
      command: 'CONN',
      e_message:
        'error: 4036c10b4a7f0000:error:0a00010b:ssl routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:354:',
    },
    expect: { cause: 'tls-error', step: 'connect', basicCode: null, enhancedCode: null },
    source: 'reference',
  },
  {
    name: '§9.3 ESOCKET certificate error',
    message: { code: 'ESOCKET', e_message: 'error: self-signed certificate in certificate chain' },
    expect: { cause: 'tls-error', step: 'connect' },
    source: 'reference',
  },
  {
    name: '§9.3 EDNS getaddrinfo ENOTFOUND',
    message: {
      code: 'EDNS',
      command: 'CONN',
      e_message: 'error: getaddrinfo enotfound smtp.brightgrid-mail.con',
    },
    expect: { cause: 'dns-error', step: 'connect' },
    source: 'reference',
  },
  {
    name: '§9.3 ETLS',
    message: {
      code: 'ETLS',
      command: 'STARTTLS',
      e_message: 'error: error upgrading connection with starttls',
    },
    expect: { cause: 'tls-error', step: 'tls' },
    source: 'reference',
  },
  {
    name: '§9.3 EENVELOPE · MAIL FROM · 553 Sender address rejected',
    message: smtp(
      'mail-from',
      '553 5.7.1 <sam.taylor@brightgrid-mail.com>: Sender address rejected: not owned by user info@brightgrid-mail.com',
    ),
    account: { provider_code: 1, status: -3 },
    expect: { cause: 'sender-rejected', step: 'mail-from', basicCode: 553, enhancedCode: '5.7.1' },
    source: 'reference',
  },
  {
    name: '§9.3 EENVELOPE · MAIL FROM · 550 not allowed to send as',
    message: smtp(
      'mail-from',
      '550 5.7.1 User sam@brightgrid-mail.com is not allowed to send as info@brightgrid-mail.com',
    ),
    expect: { cause: 'sender-rejected', step: 'mail-from', basicCode: 550 },
    source: 'reference',
  },
  {
    name: '§9.3 550 5.7.1 unusual rate of unsolicited mail (Gmail)',
    message: smtp(
      'data',
      '550-5.7.1 [203.0.113.5] Our system has detected an unusual rate of\n550-5.7.1 unsolicited mail originating from your IP address. To protect our\n550-5.7.1 users from spam, mail sent from your IP address has been blocked.\n550 5.7.1 https://support.google.com/mail/?p=UnsolicitedIPError - gsmtp',
    ),
    account: { provider_code: 2, status: -3 },
    expect: { cause: 'blocked-for-spam', step: 'data', basicCode: 550, enhancedCode: '5.7.1' },
    source: 'reference',
  },
  {
    name: '§9.3 Our system has detected unusual sending activity (Gmail)',
    message: {
      code: 'EENVELOPE',
      command: 'DATA',
      response: '550 5.7.1 Our system has detected unusual sending activity from your account. - gsmtp',
      responseCode: 550,
    },
    expect: { cause: 'blocked-for-spam', step: 'data', enhancedCode: '5.7.1' },
    source: 'reference',
  },
  {
    name: '§9.3 421 4.7.0 Try again later, closing connection',
    message: {
      code: 'EENVELOPE',
      command: 'DATA',
      response: '421 4.7.0 Try again later, closing connection.',
      responseCode: 421,
    },
    expect: { cause: 'throttled', step: 'data', basicCode: 421, enhancedCode: '4.7.0' },
    source: 'reference',
  },
  {
    name: '§9.3 454 4.7.0 Too many login attempts (Gmail)',
    message: smtp(
      'login',
      '454-4.7.0 Too many login attempts, please try again later. For more information, go to\n454 4.7.0  https://support.google.com/mail/answer/7126229 a640c23a62f3a-ac2a1b2c3d4sm123456766b.12 - gsmtp',
    ),
    expect: { cause: 'login-rate-limited', step: 'login', basicCode: 454, enhancedCode: '4.7.0' },
    source: 'reference',
  },
  {
    name: '§9.3 432 4.3.2 sender thread limit exceeded (Microsoft)',
    message: smtp(
      'data',
      '432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded [Hostname=PH0PR11MB1234.namprd11.prod.outlook.com]',
    ),
    account: { provider_code: 3, status: -2 },
    expect: { cause: 'throttled', step: 'data', basicCode: 432, enhancedCode: '4.3.2' },
    source: 'reference',
  },
  {
    name: '§9.3 554 5.2.0 OutboundSpamException (Microsoft)',
    message: smtp(
      'data',
      '554 5.2.0 STOREDRV.Submission.Exception:OutboundSpamException; Failed to process message due to a permanent exception with message [BeginDiagnosticData]WASCL UserAction verdict is not None. Actual verdict is Suspend, ShowTierUpgrade. OutboundSpamException: WASCL UserAction verdict is not None. Actual verdict is Suspend, ShowTierUpgrade.[EndDiagnosticData]',
    ),
    account: { provider_code: 3, status: -3 },
    expect: { cause: 'blocked-for-spam', step: 'data', basicCode: 554, enhancedCode: '5.2.0' },
    source: 'reference',
  },
  {
    name: '§9.3 554 5.2.0 SubmissionQuotaExceededException (Microsoft)',
    message: smtp(
      'data',
      '554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message due to a permanent exception with message Cannot submit message.',
    ),
    account: { provider_code: 3, status: -3 },
    expect: { cause: 'sending-quota-exceeded', step: 'data', basicCode: 554, enhancedCode: '5.2.0' },
    source: 'reference',
  },
  {
    name: '§9.3 EMESSAGE · DATA · 552 size rejection',
    message: smtp('message', '552 5.3.4 Message size exceeds fixed limit'),
    expect: { cause: 'message-rejected', step: 'data', basicCode: 552, enhancedCode: '5.3.4' },
    source: 'reference',
  },
  {
    name: '§9.3 EPROTOCOL invalid greeting',
    message: {
      code: 'EPROTOCOL',
      command: 'CONN',
      e_message: 'error: invalid greeting. response=http/1.1 400 bad request: http/1.1 400 bad request',
    },
    expect: { cause: 'protocol-error', step: 'connect' },
    source: 'reference',
  },
  {
    name: '§9.3 EOAUTH2 (code only)',
    message: { code: 'EOAUTH2' },
    expect: { cause: 'oauth-token-revoked', step: 'login' },
    source: 'reference',
  },
  {
    name: '§9.3 552 5.2.2 Mailbox full',
    message: smtp('rcpt-to', '552 5.2.2 Mailbox full'),
    expect: { cause: 'recipient-problem', step: 'rcpt-to', basicCode: 552, enhancedCode: '5.2.2' },
    source: 'reference',
  },
];

// ---- variants -----------------------------------------------------------------------------------

const oauthVariants: CorpusEntry[] = [
  {
    name: 'Gmail XOAUTH2 rejected with 535-5.7.8 (token, not password)',
    message: smtp(
      'login',
      '535-5.7.8 Username and Password not accepted.\n535 5.7.8 https://support.google.com/mail/?p=BadCredentials - gsmtp',
      'AUTH XOAUTH2',
    ),
    expect: { cause: 'oauth-token-revoked', step: 'login', basicCode: 535, enhancedCode: '5.7.8' },
    source: 'variant',
  },
  {
    name: 'Microsoft XOAUTH2 rejected with 535 5.7.3',
    message: smtp(
      'login',
      '535 5.7.3 Authentication unsuccessful [SN4PR0601CA0012.namprd06.prod.outlook.com]',
      'AUTH XOAUTH2',
    ),
    account: { provider_code: 3 },
    expect: { cause: 'oauth-token-revoked', step: 'login', enhancedCode: '5.7.3' },
    source: 'variant',
  },
  {
    name: 'Gmail XOAUTH2 334 base64 challenge',
    message: {
      code: 'EAUTH',
      command: 'AUTH XOAUTH2',
      response:
        '334 eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==',
      responseCode: 334,
    },
    expect: { cause: 'oauth-token-revoked', step: 'login', basicCode: 334 },
    source: 'variant',
  },
  {
    name: 'only e_message: invalid_grant',
    message: { e_message: 'error: invalid_grant: Token has been expired or revoked.' },
    expect: { cause: 'oauth-token-revoked', step: 'login' },
    source: 'variant',
  },
  {
    name: 'Microsoft AADSTS700082 refresh token inactive',
    message: {
      code: 'EAUTH',
      command: 'AUTH XOAUTH2',
      e_message:
        'error: aadsts700082: the refresh token has expired due to inactivity. the token was issued on 2026-01-02t10:00:00z and was inactive for 90.00:00:00.',
    },
    account: { provider_code: 3 },
    expect: { cause: 'oauth-token-revoked', step: 'login' },
    source: 'variant',
  },
  {
    name: 'Microsoft AADSTS50173 grant revoked (bare string)',
    message:
      'AADSTS50173: The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.',
    expect: { cause: 'oauth-token-revoked', step: 'login' },
    source: 'variant',
  },
  {
    name: 'bare string: access token',
    message: "Can't create new access token for user",
    expect: { cause: 'oauth-token-revoked', step: 'login' },
    source: 'variant',
  },
  {
    name: 'XOAUTH2 command only',
    message: { code: 'EAUTH', command: 'AUTH XOAUTH2' },
    expect: { cause: 'oauth-token-revoked', step: 'login' },
    source: 'variant',
  },
  {
    name: 'JSON-encoded string of the real EAUTH sample',
    message: JSON.stringify(eauthAccessToken),
    expect: { cause: 'oauth-token-revoked', step: 'login' },
    source: 'variant',
  },
  {
    name: 'real EAUTH sample with unknown extra keys',
    message: { ...eauthAccessToken, timestamp: '2026-04-21T10:00:00Z', source: 'smtp', retries: 3 },
    expect: { cause: 'oauth-token-revoked', step: 'login' },
    source: 'variant',
  },
  {
    name: 'Microsoft Graph API: access token expired',
    message: {
      command: 'API',
      responseCode: 401,
      e_message: 'error: invalidauthenticationtoken: access token has expired or is not yet valid.',
    },
    account: { provider_code: 3 },
    expect: { cause: 'oauth-token-revoked', step: 'api', basicCode: 401 },
    source: 'variant',
  },
];

const authVariants: CorpusEntry[] = [
  {
    name: 'Gmail 535-5.7.8 only e_message',
    message: {
      e_message:
        'error: invalid login: 535-5.7.8 username and password not accepted. for more information, go to\n535 5.7.8  https://support.google.com/mail/?p=badcredentials 38308e7fff4ca-33b1c2d3e4fsm123456781fa.12 - gsmtp',
    },
    expect: { cause: 'auth-failed', step: 'login', basicCode: 535, enhancedCode: '5.7.8' },
    source: 'variant',
  },
  {
    name: 'Postfix/Dovecot 535 5.7.8, responseCode as string',
    message: {
      code: 'EAUTH',
      command: 'AUTH LOGIN',
      response: '535 5.7.8 Error: authentication failed: authentication failure',
      responseCode: '535',
    },
    account: { provider_code: 1 },
    expect: {
      cause: 'auth-failed',
      step: 'login',
      basicCode: 535,
      enhancedCode: '5.7.8',
      text: 'Error: authentication failed: authentication failure',
    },
    source: 'variant',
  },
  {
    name: 'Zoho 535 Authentication Failed',
    message: smtp('login', '535 Authentication Failed'),
    account: { provider_code: 1 },
    expect: { cause: 'auth-failed', step: 'login', basicCode: 535, enhancedCode: null },
    source: 'variant',
  },
  {
    name: 'GoDaddy/Exim 535 Incorrect authentication data',
    message: smtp('login', '535 Incorrect authentication data', 'AUTH LOGIN'),
    account: { provider_code: 1 },
    expect: { cause: 'auth-failed', step: 'login', basicCode: 535 },
    source: 'variant',
  },
  {
    name: 'Exchange on-prem 535 5.7.3',
    message: smtp('login', '535 5.7.3 Authentication unsuccessful', 'AUTH NTLM'),
    account: { provider_code: 1 },
    expect: { cause: 'auth-failed', step: 'login', enhancedCode: '5.7.3' },
    source: 'variant',
  },
  {
    name: 'Microsoft 5.7.139 wrong credentials',
    message: smtp(
      'login',
      '535 5.7.139 Authentication unsuccessful, the user credentials were incorrect. [DM6PR02CA0042.namprd02.prod.outlook.com]',
    ),
    account: { provider_code: 3 },
    expect: { cause: 'auth-failed', step: 'login', enhancedCode: '5.7.139' },
    source: 'variant',
  },
  {
    name: 'Gmail 534-5.7.14 web login required',
    message: smtp(
      'login',
      '534-5.7.14 <https://accounts.google.com/signin/continue?sarp=1&scc=1&plt=AKgnsbu> Please log in via your web browser and\n534-5.7.14 then try again.\n534-5.7.14  Learn more at\n534 5.7.14  https://support.google.com/mail/answer/78754 t1sm1234567wrb.22 - gsmtp',
    ),
    account: { provider_code: 2 },
    expect: { cause: 'auth-failed', step: 'login', basicCode: 534, enhancedCode: '5.7.14' },
    source: 'variant',
  },
  {
    name: 'Exchange on-prem 530 5.7.1 client was not authenticated at MAIL FROM',
    message: smtp('mail-from', '530 5.7.1 Client was not authenticated'),
    expect: { cause: 'auth-failed', step: 'mail-from', basicCode: 530 },
    source: 'variant',
  },
  {
    name: 'Microsoft 530 5.7.57 client not authenticated',
    message: smtp(
      'mail-from',
      '530 5.7.57 Client not authenticated to send mail. [BN0PR04CA0123.namprd04.prod.outlook.com]',
    ),
    account: { provider_code: 3 },
    expect: { cause: 'auth-failed', step: 'mail-from', enhancedCode: '5.7.57' },
    source: 'variant',
  },
  {
    name: 'Gmail 530-5.7.0 Authentication Required',
    message: smtp(
      'mail-from',
      '530-5.7.0 Authentication Required. Learn more at\n530 5.7.0  https://support.google.com/mail/?p=WantAuthError - gsmtp',
    ),
    expect: { cause: 'auth-failed', step: 'mail-from', basicCode: 530, enhancedCode: '5.7.0' },
    source: 'variant',
  },
  {
    name: 'Amazon SES 535 Authentication Credentials Invalid',
    message: smtp('login', '535 Authentication Credentials Invalid'),
    account: { provider_code: 4 },
    expect: { cause: 'auth-failed', step: 'login', basicCode: 535 },
    source: 'variant',
  },
  {
    name: 'Outlook IMAP AUTHENTICATE failed (only e_message)',
    message: { e_message: 'error: authenticate failed.' },
    account: { provider_code: 3 },
    expect: { cause: 'auth-failed', step: 'imap' },
    source: 'variant',
  },
  {
    name: 'Dovecot IMAP [AUTHENTICATIONFAILED] (only response)',
    message: { response: 'A0001 NO [AUTHENTICATIONFAILED] Authentication failed.' },
    expect: { cause: 'auth-failed', step: 'imap', basicCode: null },
    source: 'variant',
  },
  {
    name: 'Gmail IMAP web login alert',
    message: {
      e_message:
        'error: [alert] please log in via your web browser: https://support.google.com/mail/accounts/answer/78754 (failure)',
    },
    expect: { cause: 'auth-failed', step: 'imap' },
    source: 'variant',
  },
  {
    name: 'Yahoo IMAP LOGIN invalid credentials',
    message: { response: 'NO [AUTHENTICATIONFAILED] LOGIN Invalid credentials' },
    expect: { cause: 'auth-failed', step: 'imap' },
    source: 'variant',
  },
  {
    name: 'bare string: nodemailer invalid login',
    message: 'Invalid login: 535 Authentication failed',
    expect: { cause: 'auth-failed', step: 'login', basicCode: 535, text: 'Authentication failed' },
    source: 'variant',
  },
  {
    name: 'only code EAUTH',
    message: { code: 'EAUTH' },
    expect: { cause: 'auth-failed', step: 'login' },
    source: 'variant',
  },
];

const appPasswordVariants: CorpusEntry[] = [
  {
    name: 'Gmail IMAP application-specific password alert',
    message: {
      e_message:
        'error: [alert] application-specific password required: https://support.google.com/accounts/answer/185833 (failure)',
    },
    account: { provider_code: 2 },
    expect: { cause: 'app-password-required', step: 'imap' },
    source: 'variant',
  },
  {
    name: 'Gmail 534-5.7.9 only e_message',
    message: {
      e_message:
        'error: invalid login: 534-5.7.9 application-specific password required. learn more at\n534 5.7.9  https://support.google.com/mail/?p=invalidsecondfactor - gsmtp',
    },
    expect: { cause: 'app-password-required', step: 'login', basicCode: 534, enhancedCode: '5.7.9' },
    source: 'variant',
  },
  {
    name: 'iCloud-style app-specific password wording',
    message: smtp('login', '535 5.7.8 Authentication failed: please use an app-specific password'),
    account: { provider_code: 1 },
    expect: { cause: 'app-password-required', step: 'login', enhancedCode: '5.7.8' },
    source: 'variant',
  },
  {
    name: 'bare 534 5.7.9 code without wording at AUTH',
    message: { code: 'EAUTH', command: 'AUTH LOGIN', response: '534 5.7.9', responseCode: 534 },
    expect: { cause: 'app-password-required', step: 'login', basicCode: 534, enhancedCode: '5.7.9' },
    source: 'variant',
  },
];

const authDisabledVariants: CorpusEntry[] = [
  {
    name: 'Microsoft SMTP AUTH disabled for the mailbox',
    message: smtp(
      'login',
      '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox. Visit https://aka.ms/smtp_auth_disabled for more information. [MN2PR20CA0012.namprd20.prod.outlook.com]',
    ),
    account: { provider_code: 3 },
    expect: { cause: 'smtp-auth-disabled', step: 'login', enhancedCode: '5.7.139' },
    source: 'variant',
  },
  {
    name: 'Microsoft SMTP AUTH disabled, only lower-cased e_message',
    message: {
      e_message:
        'error: invalid login: 535 5.7.139 authentication unsuccessful, smtpclientauthentication is disabled for the tenant. visit https://aka.ms/smtp_auth_disabled for more information.',
    },
    expect: { cause: 'smtp-auth-disabled', step: 'login', basicCode: 535, enhancedCode: '5.7.139' },
    source: 'variant',
  },
  {
    name: 'Microsoft XOAUTH2 with SMTP AUTH disabled (not a token problem)',
    message: smtp(
      'login',
      '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.',
      'AUTH XOAUTH2',
    ),
    account: { provider_code: 3 },
    expect: { cause: 'smtp-auth-disabled', step: 'login' },
    source: 'variant',
  },
  {
    name: 'Microsoft security defaults',
    message: smtp(
      'login',
      "535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy. Contact your administrator.",
    ),
    expect: { cause: 'smtp-auth-disabled', step: 'login', enhancedCode: '5.7.139' },
    source: 'variant',
  },
  {
    name: 'Microsoft conditional access criteria',
    message: smtp(
      'login',
      '535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully. Contact your administrator.',
    ),
    expect: { cause: 'smtp-auth-disabled', step: 'login' },
    source: 'variant',
  },
  {
    name: 'Outlook.com basic authentication disabled',
    message: smtp(
      'login',
      '535 5.7.139 Authentication unsuccessful, basic authentication is disabled. [BL1PR13CA0123.namprd13.prod.outlook.com]',
    ),
    expect: { cause: 'smtp-auth-disabled', step: 'login' },
    source: 'variant',
  },
  {
    name: 'Postfix 503 authentication not enabled',
    message: smtp('login', '503 5.5.1 Error: authentication not enabled'),
    account: { provider_code: 1 },
    expect: { cause: 'smtp-auth-disabled', step: 'login', basicCode: 503, enhancedCode: '5.5.1' },
    source: 'variant',
  },
  {
    name: 'Exchange 504 unrecognized authentication type',
    message: smtp('login', '504 5.7.4 Unrecognized authentication type', 'AUTH LOGIN'),
    expect: { cause: 'smtp-auth-disabled', step: 'login', basicCode: 504, enhancedCode: '5.7.4' },
    source: 'variant',
  },
  {
    name: 'Gmail IMAP not enabled for the account',
    message: {
      e_message:
        'error: [alert] your account is not enabled for imap use. please visit your gmail settings page and enable your account for imap access. (failure)',
    },
    account: { provider_code: 2 },
    expect: { cause: 'smtp-auth-disabled', step: 'imap' },
    source: 'variant',
  },
  {
    name: 'Google Workspace IMAP disabled for the domain',
    message: {
      response:
        '* NO [ALERT] IMAP access is disabled for your domain. Please contact your domain administrator for questions about this feature. (Failure)',
    },
    expect: { cause: 'smtp-auth-disabled', step: 'imap' },
    source: 'variant',
  },
];

const loginRateVariants: CorpusEntry[] = [
  {
    name: 'Yahoo 535 (#AUTH005) too many bad auth attempts',
    message: smtp('login', '535 5.7.0 (#AUTH005) Too many bad auth attempts.'),
    expect: { cause: 'login-rate-limited', step: 'login', basicCode: 535, enhancedCode: '5.7.0' },
    source: 'variant',
  },
  {
    name: 'Gmail 454 too many login attempts, only response',
    message: { response: '454 4.7.0 Too many login attempts, please try again later. - gsmtp' },
    expect: { cause: 'login-rate-limited', step: 'login', basicCode: 454 },
    source: 'variant',
  },
  {
    name: 'Microsoft 454 4.7.0 temporary authentication failure',
    message: smtp('login', '454 4.7.0 Temporary authentication failure', 'AUTH LOGIN'),
    account: { provider_code: 3 },
    expect: { cause: 'login-rate-limited', step: 'login', basicCode: 454 },
    source: 'variant',
  },
  {
    name: 'cPanel/Exim too many failed login attempts',
    message: smtp('login', '535 Too many failed login attempts. Please try again later.'),
    account: { provider_code: 1 },
    expect: { cause: 'login-rate-limited', step: 'login' },
    source: 'variant',
  },
];

const dailyVariants: CorpusEntry[] = [
  {
    name: 'Gmail older wording: daily sending quota',
    message: smtp('data', '550 5.4.5 Daily sending quota exceeded. y2sm1234567pfn.63 - gsmtp'),
    expect: { cause: 'daily-sending-limit', step: 'data', enhancedCode: '5.4.5' },
    source: 'variant',
  },
  {
    name: 'Gmail daily user sending quota, responseCode as string',
    message: {
      code: 'EENVELOPE',
      command: 'DATA',
      response: '550 5.4.5 Daily user sending quota exceeded. - gsmtp',
      responseCode: '550',
    },
    expect: { cause: 'daily-sending-limit', step: 'data', basicCode: 550, enhancedCode: '5.4.5' },
    source: 'variant',
  },
  {
    name: 'Gmail SMTP relay daily limit (code decides)',
    message: smtp(
      'data',
      '550 5.4.5 Daily SMTP relay limit exceeded for customer. For more information on SMTP relay sending limits please contact your administrator or visit https://support.google.com/a/answer/166852',
    ),
    expect: { cause: 'daily-sending-limit', step: 'data', enhancedCode: '5.4.5' },
    source: 'variant',
  },
  {
    name: 'Gmail daily limit, only e_message',
    message: {
      e_message: 'error: data command failed: 550 5.4.5 daily user sending limit exceeded. - gsmtp',
    },
    expect: { cause: 'daily-sending-limit', step: 'data', basicCode: 550, enhancedCode: '5.4.5' },
    source: 'variant',
  },
  {
    name: 'Gmail daily limit, bare string',
    message: '550 5.4.5 Daily user sending limit exceeded.',
    expect: {
      cause: 'daily-sending-limit',
      step: 'data',
      basicCode: 550,
      enhancedCode: '5.4.5',
      text: 'Daily user sending limit exceeded.',
    },
    source: 'variant',
  },
  {
    name: 'Amazon SES daily message quota',
    message: {
      code: 'EENVELOPE',
      command: 'DATA',
      response: '454 Throttling failure: Daily message quota exceeded.',
      responseCode: 454,
    },
    account: { provider_code: 4 },
    expect: { cause: 'daily-sending-limit', step: 'data', basicCode: 454 },
    source: 'variant',
  },
  {
    name: 'Hosting provider exceeded daily sending limit wording',
    message: smtp('mail-from', '550 5.7.1 You have exceeded the daily sending limit for your account.'),
    account: { provider_code: 1 },
    expect: { cause: 'daily-sending-limit', step: 'mail-from' },
    source: 'variant',
  },
  {
    name: 'Gmail API daily limit over HTTP',
    message: { command: 'API', responseCode: 429, e_message: 'error: daily user sending limit exceeded.' },
    account: { provider_code: 2 },
    expect: { cause: 'daily-sending-limit', step: 'api', basicCode: 429, enhancedCode: null },
    source: 'variant',
  },
];

const quotaVariants: CorpusEntry[] = [
  {
    name: 'Outlook.com RefuseQuota verdict',
    message: smtp(
      'data',
      '554 5.2.0 STOREDRV.Submission.Exception:OutboundSpamException; Failed to process message due to a permanent exception with message [BeginDiagnosticData]WASCL UserAction verdict is not None. Actual verdict is RefuseQuota, ShowTierUpgrade. OutboundSpamException: WASCL UserAction verdict is not None. Actual verdict is RefuseQuota, ShowTierUpgrade.[EndDiagnosticData]',
    ),
    account: { provider_code: 3 },
    expect: { cause: 'sending-quota-exceeded', step: 'data', enhancedCode: '5.2.0' },
    source: 'variant',
  },
  {
    name: 'Microsoft submission quota, only e_message',
    message: {
      e_message:
        'error: data command failed: 554 5.2.0 storedrv.submission.exception:submissionquotaexceededexception; failed to process message due to a permanent exception with message cannot submit message.',
    },
    expect: { cause: 'sending-quota-exceeded', step: 'data', basicCode: 554, enhancedCode: '5.2.0' },
    source: 'variant',
  },
  {
    name: 'cPanel/Exim max emails per hour',
    message: smtp(
      'data',
      '550 Domain brightgrid-mail.com has exceeded the max emails per hour (150/150 (100%)) allowed.  Message discarded.',
    ),
    account: { provider_code: 1 },
    expect: { cause: 'sending-quota-exceeded', step: 'data', basicCode: 550, enhancedCode: null },
    source: 'variant',
  },
  {
    name: 'Hosting relay quota exceeded (generic quota wording)',
    message: smtp('mail-from', '554 5.7.1 Relay quota exceeded for this account'),
    account: { provider_code: 1 },
    expect: { cause: 'sending-quota-exceeded', step: 'mail-from', basicCode: 554, enhancedCode: '5.7.1' },
    source: 'variant',
  },
  {
    name: 'bare string: sending quota exceeded',
    message: 'Sending quota exceeded',
    expect: { cause: 'sending-quota-exceeded', step: 'data' },
    source: 'variant',
  },
  {
    name: 'Microsoft recipient rate limit',
    message: smtp(
      'rcpt-to',
      '550 5.5.0 RecipientRateLimitExceeded; Sender has exceeded the recipient rate limit',
    ),
    account: { provider_code: 3 },
    expect: { cause: 'sending-quota-exceeded', step: 'rcpt-to' },
    source: 'variant',
  },
];

const spamVariants: CorpusEntry[] = [
  {
    name: 'bare 554 5.7.1 access denied (policy code decides)',
    message: '554 5.7.1 Access denied',
    expect: { cause: 'blocked-for-spam', step: 'data', basicCode: 554, enhancedCode: '5.7.1' },
    source: 'variant',
  },
  {
    name: 'Gmail likely unsolicited message, IP in text',
    message: smtp(
      'data',
      '550-5.7.1 [203.0.113.5      12] Our system has detected that this message is\n550-5.7.1 likely unsolicited mail. To reduce the amount of spam sent to Gmail,\n550-5.7.1 this message has been blocked. For more information, go to\n550 5.7.1  https://support.google.com/mail/?p=UnsolicitedMessageError d2e1a72fcca58-7a1b2c3d4e5sm1234567b3a.12 - gsmtp',
    ),
    expect: { cause: 'blocked-for-spam', step: 'data', basicCode: 550, enhancedCode: '5.7.1' },
    source: 'variant',
  },
  {
    name: 'Microsoft 5.1.8 bad outbound sender',
    message: smtp(
      'mail-from',
      '550 5.1.8 Access denied, bad outbound sender. AS(42004) [BN8NAM12FT012.eop-nam12.prod.protection.outlook.com]',
    ),
    account: { provider_code: 3 },
    expect: { cause: 'blocked-for-spam', step: 'mail-from', enhancedCode: '5.1.8' },
    source: 'variant',
  },
  {
    name: 'Microsoft 5.7.501 spam abuse detected',
    message: smtp(
      'rcpt-to',
      '550 5.7.501 Service unavailable. Spam abuse detected from IP range. For more information please go to http://go.microsoft.com/fwlink/?LinkId=526653. S(2017120101)',
    ),
    expect: { cause: 'blocked-for-spam', step: 'rcpt-to', enhancedCode: '5.7.501' },
    source: 'variant',
  },
  {
    name: 'Microsoft 5.7.708 traffic not accepted',
    message: smtp(
      'mail-from',
      '550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP.',
    ),
    expect: { cause: 'blocked-for-spam', step: 'mail-from', enhancedCode: '5.7.708' },
    source: 'variant',
  },
  {
    name: 'Microsoft 5.7.705 tenant threshold (code only reply)',
    message: { code: 'EENVELOPE', command: 'MAIL FROM', response: '550 5.7.705', responseCode: 550 },
    expect: { cause: 'blocked-for-spam', step: 'mail-from', enhancedCode: '5.7.705' },
    source: 'variant',
  },
  {
    name: 'Spamhaus listing at RCPT TO',
    message: smtp(
      'rcpt-to',
      '554 5.7.1 Service unavailable; Client host [203.0.113.7] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/203.0.113.7',
    ),
    expect: { cause: 'blocked-for-spam', step: 'rcpt-to', basicCode: 554, enhancedCode: '5.7.1' },
    source: 'variant',
  },
  {
    name: 'Zoho 554 5.1.8 Email Outgoing Blocked',
    message: smtp('mail-from', '554 5.1.8 Email Outgoing Blocked.'),
    account: { provider_code: 1 },
    expect: { cause: 'blocked-for-spam', step: 'mail-from', enhancedCode: '5.1.8' },
    source: 'variant',
  },
  {
    name: 'Zoho 550 5.4.6 unusual sending activity',
    message: smtp('data', '550 5.4.6 Unusual sending activity detected. Please try after sometime.'),
    account: { provider_code: 1 },
    expect: { cause: 'blocked-for-spam', step: 'data', enhancedCode: '5.4.6' },
    source: 'variant',
  },
  {
    name: 'Amazon SES sending suspended',
    message: smtp(
      'data',
      '554 Message rejected: Sending suspended for this account. For more information, please check the inbox of the email address associated with your AWS account.',
    ),
    account: { provider_code: 4 },
    expect: { cause: 'blocked-for-spam', step: 'data', basicCode: 554 },
    source: 'variant',
  },
  {
    name: 'Outlook.com block list S3150',
    message: smtp(
      'rcpt-to',
      "550 5.7.1 Unfortunately, messages from [203.0.113.9] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. [AM4PEPF00027A5F.eurprd04.prod.outlook.com]",
    ),
    expect: { cause: 'blocked-for-spam', step: 'rcpt-to', enhancedCode: '5.7.1' },
    source: 'variant',
  },
  {
    name: 'Yandex suspicion of spam',
    message: smtp(
      'data',
      '554 5.7.1 [2] Message rejected under suspicion of SPAM; https://ya.cc/1IrBc 1700000000-AbCdEf12',
    ),
    expect: { cause: 'blocked-for-spam', step: 'data', enhancedCode: '5.7.1' },
    source: 'variant',
  },
  {
    name: 'bare string: unusual sending activity',
    message: 'Our system has detected unusual sending activity from your account.',
    expect: { cause: 'blocked-for-spam', step: 'data' },
    source: 'variant',
  },
];

const senderVariants: CorpusEntry[] = [
  {
    name: 'Exchange 5.7.60 no send-as permission',
    message: smtp('mail-from', '550 5.7.60 SMTP; Client does not have permissions to send as this sender'),
    account: { provider_code: 3 },
    expect: { cause: 'sender-rejected', step: 'mail-from', enhancedCode: '5.7.60' },
    source: 'variant',
  },
  {
    name: 'Microsoft 5.2.252 SendAsDenied',
    message: smtp(
      'data',
      '554 5.2.252 SendAsDenied; sam@brightgrid-mail.com not allowed to send as info@brightgrid-mail.com; STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; Failed to process message due to a permanent exception with message [BeginDiagnosticData]Cannot submit message.',
    ),
    account: { provider_code: 3 },
    expect: { cause: 'sender-rejected', step: 'data', enhancedCode: '5.2.252' },
    source: 'variant',
  },
  {
    name: 'Zoho 553 sender not allowed to relay',
    message: smtp('mail-from', '553 Sender is not allowed to relay emails'),
    account: { provider_code: 1 },
    expect: { cause: 'sender-rejected', step: 'mail-from', basicCode: 553 },
    source: 'variant',
  },
  {
    name: 'Postfix relay access denied at RCPT TO',
    message: smtp('rcpt-to', '554 5.7.1 <lead@example.org>: Relay access denied'),
    account: { provider_code: 1 },
    expect: { cause: 'sender-rejected', step: 'rcpt-to', enhancedCode: '5.7.1' },
    source: 'variant',
  },
  {
    name: 'Amazon SES identity not verified',
    message: smtp(
      'data',
      '554 Message rejected: Email address is not verified. The following identities failed the check in region US-EAST-1: sam@brightgrid-mail.com',
    ),
    account: { provider_code: 4 },
    expect: { cause: 'sender-rejected', step: 'data', basicCode: 554 },
    source: 'variant',
  },
  {
    name: 'Microsoft Graph API ErrorSendAsDenied',
    message: {
      command: 'API',
      responseCode: 403,
      e_message:
        'error: errorsendasdenied: the user account which was used to submit this request does not have the right to send mail on behalf of the specified sending account.',
    },
    account: { provider_code: 3 },
    expect: { cause: 'sender-rejected', step: 'api', basicCode: 403 },
    source: 'variant',
  },
  {
    name: 'MAIL FROM 550 5.1.0 address rejected (step decides)',
    message: smtp('mail-from', '550 5.1.0 Address rejected.'),
    expect: { cause: 'sender-rejected', step: 'mail-from', enhancedCode: '5.1.0' },
    source: 'variant',
  },
  {
    name: 'Postfix sender domain not found (temporary)',
    message: smtp(
      'mail-from',
      '450 4.1.8 <sam@brightgrid-mail.con>: Sender address rejected: Domain not found',
    ),
    expect: { cause: 'sender-rejected', step: 'mail-from', basicCode: 450, enhancedCode: '4.1.8' },
    source: 'variant',
  },
];

const throttleVariants: CorpusEntry[] = [
  {
    name: 'Gmail 421 multi-line at EHLO',
    message: {
      code: 'EENVELOPE',
      command: 'EHLO',
      response:
        '421-4.7.0 Try again later, closing connection. (EHLO)\n421-4.7.0 For more information, go to\n421 4.7.0  https://support.google.com/a/answer/3221692 41be03b00d2f7-b4c1a2b3c4dsm1234567a12.34 - gsmtp',
      responseCode: 421,
    },
    expect: {
      cause: 'throttled',
      step: 'connect',
      basicCode: 421,
      enhancedCode: '4.7.0',
      text: 'Try again later, closing connection. (EHLO) For more information, go to https://support.google.com/a/answer/3221692 41be03b00d2f7-b4c1a2b3c4dsm1234567a12.34 - gsmtp',
    },
    source: 'variant',
  },
  {
    name: 'Microsoft 451 4.7.500 server busy',
    message: smtp(
      'rcpt-to',
      '451 4.7.500 Server busy. Please try again later from [203.0.113.1]. (S77714) [Name=Protocol Filter Agent]',
    ),
    expect: { cause: 'throttled', step: 'rcpt-to', enhancedCode: '4.7.500' },
    source: 'variant',
  },
  {
    name: 'Exchange 452 4.3.1 insufficient system resources',
    message: smtp('mail-from', '452 4.3.1 Insufficient system resources'),
    expect: { cause: 'throttled', step: 'mail-from', enhancedCode: '4.3.1' },
    source: 'variant',
  },
  {
    name: 'Postfix greylisting at RCPT TO',
    message: smtp(
      'rcpt-to',
      '450 4.2.0 <lead@example.org>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html',
    ),
    expect: { cause: 'throttled', step: 'rcpt-to', basicCode: 450, enhancedCode: '4.2.0' },
    source: 'variant',
  },
  {
    name: 'Microsoft sender thread limit, only e_message',
    message: {
      e_message: 'error: data command failed: 432 4.3.2 storedrv.clientsubmit; sender thread limit exceeded',
    },
    expect: { cause: 'throttled', step: 'data', basicCode: 432, enhancedCode: '4.3.2' },
    source: 'variant',
  },
  {
    name: 'Microsoft submission rate exceeded the configured limit',
    message: smtp(
      'data',
      '421 4.4.2 Message submission rate for this client has exceeded the configured limit',
    ),
    account: { provider_code: 3 },
    expect: { cause: 'throttled', step: 'data', enhancedCode: '4.4.2' },
    source: 'variant',
  },
  {
    name: 'Amazon SES maximum sending rate',
    message: smtp('data', '454 Throttling failure: Maximum sending rate exceeded.'),
    account: { provider_code: 4 },
    expect: { cause: 'throttled', step: 'data', basicCode: 454 },
    source: 'variant',
  },
  {
    name: 'Yahoo TSS04 deferred for volume or complaints',
    message: smtp(
      'rcpt-to',
      '421 4.7.0 [TSS04] Messages from 203.0.113.9 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes',
    ),
    expect: { cause: 'throttled', step: 'rcpt-to', basicCode: 421, enhancedCode: '4.7.0' },
    source: 'variant',
  },
  {
    name: 'Gmail IMAP too many simultaneous connections',
    message: { e_message: 'error: [alert] too many simultaneous connections. (failure)' },
    expect: { cause: 'throttled', step: 'imap' },
    source: 'variant',
  },
  {
    name: 'Gmail IMAP bandwidth limits',
    message: { response: '* BYE [ALERT] Account exceeded command or bandwidth limits. (Failure)' },
    expect: { cause: 'throttled', step: 'imap' },
    source: 'variant',
  },
  {
    name: 'Generic 451 temporary server error',
    message: smtp('data', '451 4.3.0 Temporary server error. Please try again later'),
    expect: { cause: 'throttled', step: 'data', basicCode: 451, enhancedCode: '4.3.0' },
    source: 'variant',
  },
  {
    name: 'bare string: 421 service not available',
    message: '421 Service not available, closing transmission channel',
    expect: { cause: 'throttled', basicCode: 421, enhancedCode: null },
    source: 'variant',
  },
  {
    name: 'Microsoft Graph API throttled',
    message: {
      command: 'API',
      responseCode: 429,
      e_message: 'error: applicationthrottled: mailbox concurrency limit exceeded',
    },
    account: { provider_code: 3 },
    expect: { cause: 'throttled', step: 'api', basicCode: 429 },
    source: 'variant',
  },
  {
    name: 'only responseCode 421',
    message: { responseCode: 421 },
    expect: { cause: 'throttled', basicCode: 421 },
    source: 'variant',
  },
];

const connectionVariants: CorpusEntry[] = [
  {
    name: 'ETIMEDOUT greeting never received',
    message: { code: 'ETIMEDOUT', e_message: 'error: greeting never received' },
    expect: { cause: 'connection-timeout', step: 'connect' },
    source: 'variant',
  },
  {
    name: 'ESOCKET connect ETIMEDOUT',
    message: { code: 'ESOCKET', command: 'CONN', e_message: 'error: connect etimedout 203.0.113.10:587' },
    expect: { cause: 'connection-timeout', step: 'connect' },
    source: 'variant',
  },
  {
    name: 'bare string: Connection timeout',
    message: 'Connection timeout',
    expect: { cause: 'connection-timeout', step: 'connect' },
    source: 'variant',
  },
  {
    name: 'IMAP client socket timeout',
    message: { code: 'ETIMEOUT', e_message: 'error: socket timeout' },
    expect: { cause: 'connection-timeout', step: 'connect' },
    source: 'variant',
  },
  {
    name: 'ECONNECTION while logging in with XOAUTH2 (not a token problem)',
    message: {
      code: 'ECONNECTION',
      command: 'AUTH XOAUTH2',
      e_message: 'error: connection closed unexpectedly',
    },
    account: { provider_code: 2 },
    expect: { cause: 'connection-failed', step: 'login' },
    source: 'variant',
  },
  {
    name: 'ETIMEDOUT during AUTH PLAIN',
    message: { code: 'ETIMEDOUT', command: 'AUTH PLAIN', e_message: 'error: timeout' },
    expect: { cause: 'connection-timeout', step: 'login' },
    source: 'variant',
  },
  {
    name: 'ESOCKET read ECONNRESET',
    message: { code: 'ESOCKET', e_message: 'error: read econnreset' },
    expect: { cause: 'connection-failed', step: 'connect' },
    source: 'variant',
  },
  {
    name: 'ECONNECTION only code',
    message: { code: 'ECONNECTION' },
    expect: { cause: 'connection-failed', step: 'connect' },
    source: 'variant',
  },
  {
    name: 'only e_message: EHOSTUNREACH',
    message: { e_message: 'error: connect ehostunreach 203.0.113.10:587' },
    expect: { cause: 'connection-failed', step: 'connect' },
    source: 'variant',
  },
  {
    name: 'bare string: Connection closed unexpectedly',
    message: 'Connection closed unexpectedly',
    expect: { cause: 'connection-failed', step: 'connect' },
    source: 'variant',
  },
  {
    name: 'ESOCKET certificate altnames mismatch',
    message: {
      code: 'ESOCKET',
      command: 'CONN',
      e_message:
        "error: hostname/ip does not match certificate's altnames: host: mail.brightgrid-mail.com. is not in the cert's altnames: dns:*.hostingprovider.net",
    },
    account: { provider_code: 1 },
    expect: { cause: 'tls-error', step: 'connect' },
    source: 'variant',
  },
  {
    name: 'ESOCKET certificate has expired',
    message: { code: 'ESOCKET', e_message: 'error: certificate has expired' },
    expect: { cause: 'tls-error', step: 'connect' },
    source: 'variant',
  },
  {
    name: 'ETLS only code',
    message: { code: 'ETLS' },
    expect: { cause: 'tls-error', step: 'tls' },
    source: 'variant',
  },
  {
    name: 'Gmail 530 must issue STARTTLS first',
    message: smtp(
      'mail-from',
      '530 5.7.0 Must issue a STARTTLS command first. d2e1a72fcca58-7a1b2c3d4sm1234567b3a.12 - gsmtp',
    ),
    expect: { cause: 'tls-error', step: 'mail-from', basicCode: 530, enhancedCode: '5.7.0' },
    source: 'variant',
  },
  {
    name: 'Microsoft 421 4.7.66 TLS 1.0/1.1 not supported',
    message: {
      code: 'EPROTOCOL',
      response:
        '421 4.7.66 TLS 1.0 and 1.1 are not supported. Please upgrade/update your client to support TLS 1.2. Visit https://aka.ms/smtp_auth_tls.',
      responseCode: 421,
    },
    account: { provider_code: 3 },
    expect: { cause: 'tls-error', step: 'tls', basicCode: 421, enhancedCode: '4.7.66' },
    source: 'variant',
  },
  {
    name: 'ESOCKET getaddrinfo ENOTFOUND (older nodemailer)',
    message: {
      code: 'ESOCKET',
      command: 'CONN',
      e_message: 'error: getaddrinfo enotfound smtp.brightgrid-mail.con',
    },
    expect: { cause: 'dns-error', step: 'connect' },
    source: 'variant',
  },
  {
    name: 'EDNS queryA ENODATA',
    message: { code: 'EDNS', e_message: 'error: querya enodata mail.brightgrid-mail.com' },
    expect: { cause: 'dns-error', step: 'connect' },
    source: 'variant',
  },
  {
    name: 'only e_message: EAI_AGAIN',
    message: { e_message: 'error: getaddrinfo eai_again imap.brightgrid-mail.com' },
    expect: { cause: 'dns-error', step: 'connect' },
    source: 'variant',
  },
  {
    name: 'EPROTOCOL POP3 greeting on the SMTP port',
    message: { code: 'EPROTOCOL', e_message: 'error: invalid greeting. response=+ok dovecot ready.' },
    account: { provider_code: 1 },
    expect: { cause: 'protocol-error', step: 'connect' },
    source: 'variant',
  },
  {
    name: 'Postfix 502 command not recognized',
    message: '502 5.5.2 Error: command not recognized',
    expect: { cause: 'protocol-error', basicCode: 502, enhancedCode: '5.5.2' },
    source: 'variant',
  },
  {
    name: 'Gmail throttling delivered as EPROTOCOL greeting',
    message: {
      code: 'EPROTOCOL',
      command: 'CONN',
      e_message: 'error: invalid greeting. response=421 4.7.0 try again later, closing connection.',
    },
    expect: { cause: 'throttled', step: 'connect', basicCode: 421, enhancedCode: '4.7.0' },
    source: 'variant',
  },
];

const messageVariants: CorpusEntry[] = [
  {
    name: 'Gmail 552-5.3.4 message size',
    message: smtp(
      'message',
      "552-5.3.4 Your message exceeded Google's message size limits. For more information, visit\n552 5.3.4  https://support.google.com/mail/?p=MaxSizeError - gsmtp",
    ),
    expect: { cause: 'message-rejected', step: 'data', basicCode: 552, enhancedCode: '5.3.4' },
    source: 'variant',
  },
  {
    name: 'Gmail 552-5.7.0 potential security issue',
    message: smtp(
      'data',
      '552-5.7.0 This message was blocked because its content presents a potential\n552-5.7.0 security issue. Please visit\n552 5.7.0  https://support.google.com/mail/?p=BlockedMessage - gsmtp',
    ),
    expect: { cause: 'message-rejected', step: 'data', enhancedCode: '5.7.0' },
    source: 'variant',
  },
  {
    // A content filter's verdict on the message ("spam" in the text) is about the copy, not the sender.
    name: 'Microsoft 550 5.7.520 content identified as spam',
    message: smtp(
      'message',
      '550 5.7.520 Message blocked because it contains content identified as spam. AS(4810)',
    ),
    account: { provider_code: 3 },
    expect: { cause: 'message-rejected', step: 'data', basicCode: 550, enhancedCode: '5.7.520' },
    source: 'variant',
  },
  {
    name: 'custom host spam content filter',
    message: smtp('data', '554 5.7.1 Message rejected: spam content detected (score 9.2)'),
    expect: { cause: 'message-rejected', step: 'data', basicCode: 554, enhancedCode: '5.7.1' },
    source: 'variant',
  },
  {
    name: 'Gmail 550-5.7.26 DMARC policy',
    message: smtp(
      'data',
      "550-5.7.26 Unauthenticated email from brightgrid-mail.com is not accepted due to\n550-5.7.26 domain's DMARC policy. Please contact the administrator of\n550 5.7.26 brightgrid-mail.com domain. - gsmtp",
    ),
    expect: { cause: 'message-rejected', step: 'data', basicCode: 550, enhancedCode: '5.7.26' },
    source: 'variant',
  },
  {
    name: 'Gmail 5.7.26 sender unauthenticated (SPF/DKIM)',
    message: {
      response:
        '550 5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM.',
    },
    expect: { cause: 'message-rejected', step: 'data', enhancedCode: '5.7.26' },
    source: 'variant',
  },
  {
    name: 'Microsoft 5.7.509 DMARC reject',
    message: smtp(
      'data',
      '550 5.7.509 Access denied, sending domain brightgrid-mail.com does not pass DMARC verification and has a DMARC policy of reject.',
    ),
    expect: { cause: 'message-rejected', step: 'data', enhancedCode: '5.7.509' },
    source: 'variant',
  },
  {
    name: 'Postfix virus found',
    message: smtp('data', '554 5.7.1 Rejected: virus found (Eicar-Signature)'),
    expect: { cause: 'message-rejected', step: 'data' },
    source: 'variant',
  },
  {
    name: 'Yahoo 554 5.7.9 policy reasons (not an app password)',
    message: smtp(
      'data',
      '554 5.7.9 Message not accepted for policy reasons.  See https://postmaster.yahooinc.com/error-codes',
    ),
    expect: { cause: 'message-rejected', step: 'data', basicCode: 554, enhancedCode: '5.7.9' },
    source: 'variant',
  },
  {
    name: 'Exchange 552 5.2.3 message size exceeds',
    message: smtp('message', '552 5.2.3 Message size exceeds fixed maximum message size'),
    expect: { cause: 'message-rejected', step: 'data', enhancedCode: '5.2.3' },
    source: 'variant',
  },
  {
    name: 'DATA 554 with no useful wording (step decides)',
    message: smtp('data', '554 5.7.0 Reject, id=12345-01'),
    expect: { cause: 'message-rejected', step: 'data', enhancedCode: '5.7.0' },
    source: 'variant',
  },
];

const recipientVariants: CorpusEntry[] = [
  {
    name: 'Gmail 550-5.1.1 account does not exist',
    message: smtp(
      'rcpt-to',
      "550-5.1.1 The email account that you tried to reach does not exist. Please try\n550-5.1.1 double-checking the recipient's email address for typos or\n550-5.1.1 unnecessary spaces. For more information, go to\n550 5.1.1  https://support.google.com/mail/?p=NoSuchUser 41be03b00d2f7-b4c1a2sm12345a12.34 - gsmtp",
    ),
    expect: { cause: 'recipient-problem', step: 'rcpt-to', basicCode: 550, enhancedCode: '5.1.1' },
    source: 'variant',
  },
  {
    name: 'Gmail 552-5.2.2 inbox out of storage',
    message: smtp(
      'rcpt-to',
      "552-5.2.2 The recipient's inbox is out of storage space. Please direct the\n552-5.2.2 recipient to\n552 5.2.2  https://support.google.com/mail/?p=OverQuotaPerm - gsmtp",
    ),
    expect: { cause: 'recipient-problem', step: 'rcpt-to', enhancedCode: '5.2.2' },
    source: 'variant',
  },
  {
    name: 'Microsoft 5.1.10 RecipientNotFound',
    message: smtp(
      'rcpt-to',
      '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient lead@example.org not found by SMTP address lookup',
    ),
    expect: { cause: 'recipient-problem', step: 'rcpt-to', enhancedCode: '5.1.10' },
    source: 'variant',
  },
  {
    name: 'Postfix user unknown in virtual mailbox table',
    message: smtp(
      'rcpt-to',
      '550 5.1.1 <lead@example.org>: Recipient address rejected: User unknown in virtual mailbox table',
    ),
    expect: { cause: 'recipient-problem', step: 'rcpt-to', enhancedCode: '5.1.1' },
    source: 'variant',
  },
  {
    name: 'Gmail 5.2.1 account disabled',
    message: smtp('rcpt-to', '550 5.2.1 The email account that you tried to reach is disabled. - gsmtp'),
    expect: { cause: 'recipient-problem', step: 'rcpt-to', enhancedCode: '5.2.1' },
    source: 'variant',
  },
  {
    name: "Yahoo 554 user doesn't have an account",
    message: smtp(
      'rcpt-to',
      "554 delivery error: dd This user doesn't have a yahoo.com account (lead@yahoo.com) [0] - mta1234.mail.gq1.yahoo.com",
    ),
    expect: { cause: 'recipient-problem', step: 'rcpt-to', basicCode: 554 },
    source: 'variant',
  },
  {
    name: 'nodemailer no recipients defined',
    message: { code: 'EENVELOPE', e_message: 'error: no recipients defined' },
    expect: { cause: 'recipient-problem', step: 'rcpt-to' },
    source: 'variant',
  },
  {
    name: 'Gmail 452-4.2.2 over quota (temporary)',
    message: smtp(
      'rcpt-to',
      '452-4.2.2 The email account that you tried to reach is over quota.\n452 4.2.2 https://support.google.com/mail/?p=OverQuotaTemp - gsmtp',
    ),
    expect: { cause: 'recipient-problem', step: 'rcpt-to', basicCode: 452, enhancedCode: '4.2.2' },
    source: 'variant',
  },
  {
    name: 'RCPT TO 550 with no useful wording (step decides)',
    message: {
      code: 'EENVELOPE',
      command: 'RCPT TO',
      response: '550 Requested action not taken',
      responseCode: 550,
    },
    expect: { cause: 'recipient-problem', step: 'rcpt-to', basicCode: 550 },
    source: 'variant',
  },
  {
    name: 'Exchange 5.4.1 recipient address rejected: access denied',
    message: smtp(
      'rcpt-to',
      '550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [DB5EUR03FT012.eop-EUR03.prod.protection.outlook.com]',
    ),
    expect: { cause: 'recipient-problem', step: 'rcpt-to', enhancedCode: '5.4.1' },
    source: 'variant',
  },
];

// Deliberately unclassifiable: the diagnosis must fall back to "unknown" rather than guess.
const unknownVariants: CorpusEntry[] = [
  {
    name: 'made-up code and text',
    message: { code: 'EFOO', e_message: 'error: something odd happened' },
    expect: { cause: 'unknown', step: null },
    source: 'variant',
  },
  {
    name: 'bare lorem ipsum',
    message: 'lorem ipsum dolor sit amet',
    expect: { cause: 'unknown', step: null },
    source: 'variant',
  },
  {
    name: 'junk keys plus an odd code',
    message: { foo: 'bar', code: 'XYZ' },
    expect: { cause: 'unknown', step: null },
    source: 'variant',
  },
  {
    name: 'e_message "undefined"',
    message: { e_message: 'error: undefined' },
    expect: { cause: 'unknown', step: null },
    source: 'variant',
  },
  {
    name: 'a success reply stored as an error',
    message: {
      response: '250 2.0.0 OK  1700000000 d2e1a72fcca58-7a1b2c3d4sm123b3a.12 - gsmtp',
      responseCode: 250,
    },
    expect: { cause: 'unknown', step: null, basicCode: 250, enhancedCode: '2.0.0' },
    source: 'variant',
  },
  {
    name: '[object Object]',
    message: { e_message: 'error: [object Object]' },
    expect: { cause: 'unknown', step: null },
    source: 'variant',
  },
  {
    name: 'only a QUIT command',
    message: { command: 'QUIT' },
    expect: { cause: 'unknown', step: null },
    source: 'variant',
  },
  {
    name: 'wrong types everywhere',
    message: { code: 42, command: true, response: ['garbage', 'more garbage'], responseCode: 'abc' },
    expect: { cause: 'unknown', step: null, basicCode: null },
    source: 'variant',
  },
  {
    name: 'only responseCode 550',
    message: { responseCode: 550 },
    expect: { cause: 'unknown', step: null, basicCode: 550 },
    source: 'variant',
  },
];

export const variantMessages: CorpusEntry[] = [
  ...oauthVariants,
  ...authVariants,
  ...appPasswordVariants,
  ...authDisabledVariants,
  ...loginRateVariants,
  ...dailyVariants,
  ...quotaVariants,
  ...spamVariants,
  ...senderVariants,
  ...throttleVariants,
  ...connectionVariants,
  ...messageVariants,
  ...recipientVariants,
  ...unknownVariants,
];

export const corpus: CorpusEntry[] = [...realMessages, ...referenceMessages, ...variantMessages];
