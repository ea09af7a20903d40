import 'server-only';
import { type CauseId as DiagnosisCause, causeIds } from '@/lib/diagnostics/cause-catalog';
import type { Rng } from './prng';

// The `status_message` objects the simulator stores on errored accounts. Every row of REFERENCE §9.3
// has at least one entry, worded per provider (Gmail, Microsoft 365, AWS SES, custom hosts), in the
// nodemailer shape Instantly keeps: code, command, response, responseCode, and e_message = Instantly's
// lower-cased copy of nodemailer's error text prefixed with "error: ". Each entry names the cause it
// stands for, so tests (and the diagnostics team) can check that a classifier finds it.
// Texts marked `real` were seen on Instantly accounts; the others are the providers' standard replies.

/** Every cause the classifier knows except `unknown`: the simulator's errors are all classifiable. */
export const CAUSE_IDS = causeIds.filter((id): id is Exclude<DiagnosisCause, 'unknown'> => id !== 'unknown');
export type CauseId = (typeof CAUSE_IDS)[number];

/** Who hosts the mailbox: decides the wording. AWS accounts send through SES. */
export type ProviderGroup = 'google' | 'microsoft' | 'custom' | 'aws';
export type ErrorStatus = -1 | -2 | -3;

export interface CatalogEntry {
  id: string;
  cause: CauseId;
  providers: readonly ProviderGroup[];
  /** The account status this error leaves (REFERENCE §9.3 "typical status"). */
  statuses: readonly ErrorStatus[];
  evidence: 'real' | 'provider' | 'nodemailer';
  code?: string;
  command?: string;
  /** The server's raw reply; placeholders: {email} {domain} {host} {ip} {gsmtp}. */
  response?: string;
  responseCode?: number;
  /** nodemailer's error text; `{response}` is replaced by the reply. */
  text: string;
  /** Stored without response/responseCode some of the time, like the real EAUTH sample. */
  sometimesBare?: boolean;
}

export interface StatusMessageJson {
  code?: string;
  command?: string;
  response?: string;
  e_message?: string;
  responseCode?: number;
}

export const STATUS_MESSAGE_CATALOG: readonly CatalogEntry[] = [
  // oauth-token-revoked
  {
    id: 'xoauth2-access-token',
    cause: 'oauth-token-revoked',
    providers: ['google', 'microsoft'],
    statuses: [-1],
    evidence: 'real',
    code: 'EAUTH',
    command: 'AUTH XOAUTH2',
    text: "Can't create new access token for user",
  },
  {
    id: 'google-oauth-invalid-grant',
    cause: 'oauth-token-revoked',
    providers: ['google'],
    statuses: [-1],
    evidence: 'nodemailer',
    code: 'EOAUTH2',
    command: 'AUTH XOAUTH2',
    text: 'invalid_grant: Token has been expired or revoked.',
  },
  {
    id: 'microsoft-aadsts-refresh-expired',
    cause: 'oauth-token-revoked',
    providers: ['microsoft'],
    statuses: [-1],
    evidence: 'provider',
    code: 'EAUTH',
    command: 'AUTH XOAUTH2',
    text: 'AADSTS700082: The refresh token has expired due to inactivity. The token was issued on 2025-11-02T09:14:51.0000000Z and was inactive for 90.00:00:00.',
  },
  // auth-failed
  {
    id: 'gmail-535-bad-credentials',
    cause: 'auth-failed',
    providers: ['google'],
    statuses: [-1],
    evidence: 'provider',
    code: 'EAUTH',
    command: 'AUTH PLAIN',
    response:
      '535-5.7.8 Username and Password not accepted. For more information, go to\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials {gsmtp}',
    responseCode: 535,
    text: 'Invalid login: {response}',
    sometimesBare: true,
  },
  {
    id: 'gmail-imap-authenticationfailed',
    cause: 'auth-failed',
    providers: ['google'],
    statuses: [-1],
    evidence: 'provider',
    code: 'EAUTH',
    response: '[AUTHENTICATIONFAILED] Invalid credentials (Failure)',
    text: 'IMAP login failed: {response}',
  },
  {
    id: 'microsoft-535-5.7.3',
    cause: 'auth-failed',
    providers: ['microsoft'],
    statuses: [-1],
    evidence: 'provider',
    code: 'EAUTH',
    command: 'AUTH LOGIN',
    response:
      '535 5.7.3 Authentication unsuccessful [BN9PR03CA0123.namprd03.prod.outlook.com 2026-08-11T07:42:19.118Z 08DCB9E1A3C4F2D7]',
    responseCode: 535,
    text: 'Invalid login: {response}',
    sometimesBare: true,
  },
  {
    id: 'custom-535-incorrect-auth-data',
    cause: 'auth-failed',
    providers: ['custom'],
    statuses: [-1],
    evidence: 'nodemailer',
    code: 'EAUTH',
    command: 'AUTH PLAIN',
    response: '535 Incorrect authentication data',
    responseCode: 535,
    text: 'Invalid login: {response}',
  },
  {
    id: 'custom-535-postfix-auth-failed',
    cause: 'auth-failed',
    providers: ['custom'],
    statuses: [-1],
    evidence: 'nodemailer',
    code: 'EAUTH',
    command: 'AUTH LOGIN',
    response: '535 5.7.8 Error: authentication failed: authentication failure',
    responseCode: 535,
    text: 'Invalid login: {response}',
  },
  {
    id: 'custom-imap-dovecot-auth-failed',
    cause: 'auth-failed',
    providers: ['custom'],
    statuses: [-1],
    evidence: 'provider',
    code: 'EAUTH',
    response: '[AUTHENTICATIONFAILED] Authentication failed.',
    text: 'IMAP login failed: {response}',
  },
  {
    id: 'ses-535-credentials-invalid',
    cause: 'auth-failed',
    providers: ['aws'],
    statuses: [-1],
    evidence: 'provider',
    code: 'EAUTH',
    command: 'AUTH PLAIN',
    response: '535 Authentication Credentials Invalid',
    responseCode: 535,
    text: 'Invalid login: {response}',
  },
  // app-password-required
  {
    id: 'gmail-534-app-password',
    cause: 'app-password-required',
    providers: ['google'],
    statuses: [-1],
    evidence: 'provider',
    code: 'EAUTH',
    command: 'AUTH PLAIN',
    response:
      '534-5.7.9 Application-specific password required. For more information, go to\n534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor {gsmtp}',
    responseCode: 534,
    text: 'Invalid login: {response}',
  },
  {
    id: 'gmail-534-web-login-required',
    // Google refused the password sign-in itself (5.7.14), not for want of an app password: lib/diagnostics reads it as a rejected login.
    cause: 'auth-failed',
    providers: ['google'],
    statuses: [-1],
    evidence: 'provider',
    code: 'EAUTH',
    command: 'AUTH PLAIN',
    response:
      '534-5.7.14 <https://accounts.google.com/signin/continue?sarp=1&scc=1> Please log in via your web browser and\n534-5.7.14 then try again.\n534 5.7.14  Learn more at https://support.google.com/mail/answer/78754 {gsmtp}',
    responseCode: 534,
    text: 'Invalid login: {response}',
  },
  {
    id: 'microsoft-535-security-defaults',
    // Security defaults block password (basic) auth outright, and an app password does not get past them.
    cause: 'smtp-auth-disabled',
    providers: ['microsoft'],
    statuses: [-1],
    evidence: 'provider',
    code: 'EAUTH',
    command: 'AUTH LOGIN',
    response:
      "535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy. Contact your administrator. [DM6PR02CA0061.namprd02.prod.outlook.com]",
    responseCode: 535,
    text: 'Invalid login: {response}',
  },
  // smtp-auth-disabled
  {
    id: 'microsoft-smtp-auth-disabled-tenant',
    cause: 'smtp-auth-disabled',
    providers: ['microsoft'],
    statuses: [-1],
    evidence: 'provider',
    code: 'EAUTH',
    command: 'AUTH LOGIN',
    response:
      '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information. [SN7PR04CA0195.namprd04.prod.outlook.com]',
    responseCode: 535,
    text: 'Invalid login: {response}',
  },
  {
    id: 'microsoft-smtp-auth-disabled-mailbox',
    cause: 'smtp-auth-disabled',
    providers: ['microsoft'],
    statuses: [-1],
    evidence: 'provider',
    code: 'EAUTH',
    command: 'AUTH LOGIN',
    response:
      '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox. Visit https://aka.ms/smtp_auth_disabled for more information. [CH2PR11CA0004.namprd11.prod.outlook.com]',
    responseCode: 535,
    text: 'Invalid login: {response}',
  },
  {
    id: 'gmail-imap-disabled',
    cause: 'smtp-auth-disabled',
    providers: ['google'],
    statuses: [-1],
    evidence: 'provider',
    code: 'EAUTH',
    response:
      '[ALERT] Your account is not enabled for IMAP use. Please visit your Gmail settings page and enable your account for IMAP access. (Failure)',
    text: 'IMAP login failed: {response}',
  },
  {
    id: 'custom-auth-not-advertised',
    cause: 'smtp-auth-disabled',
    providers: ['custom'],
    statuses: [-1],
    evidence: 'provider',
    code: 'EAUTH',
    command: 'AUTH PLAIN',
    response: '503 5.5.1 Error: authentication not enabled',
    responseCode: 503,
    text: 'Invalid login: {response}',
  },
  // login-rate-limited
  {
    id: 'gmail-454-too-many-logins',
    cause: 'login-rate-limited',
    providers: ['google'],
    statuses: [-1],
    evidence: 'provider',
    code: 'EAUTH',
    command: 'AUTH PLAIN',
    response:
      '454-4.7.0 Too many login attempts, please try again later. For more information,\n454 4.7.0  go to https://support.google.com/mail/answer/7126229 {gsmtp}',
    responseCode: 454,
    text: 'Invalid login: {response}',
  },
  {
    id: 'custom-454-auth-failures',
    cause: 'login-rate-limited',
    providers: ['custom', 'microsoft'],
    statuses: [-1],
    evidence: 'provider',
    code: 'EAUTH',
    command: 'AUTH LOGIN',
    response: '454 4.7.0 Too many authentication failures, try again later',
    responseCode: 454,
    text: 'Invalid login: {response}',
  },
  // daily-sending-limit
  {
    id: 'gmail-550-5.4.5-daily-limit',
    cause: 'daily-sending-limit',
    providers: ['google'],
    statuses: [-3],
    evidence: 'real',
    code: 'EENVELOPE',
    command: 'DATA',
    response:
      '550-5.4.5 Daily user sending limit exceeded. For more information on Gmail\n550-5.4.5 sending limits go to\n550 5.4.5  https://support.google.com/a/answer/166852 {gsmtp}',
    responseCode: 550,
    text: 'Data command failed: {response}',
  },
  {
    id: 'gmail-550-5.4.5-daily-limit-short',
    cause: 'daily-sending-limit',
    providers: ['google'],
    statuses: [-3],
    evidence: 'real',
    code: 'EENVELOPE',
    command: 'DATA',
    response: '550-5.4.5 Daily user sending limit exceeded. For more information on Gmai',
    responseCode: 550,
    text: 'Data command failed: 550-5.4.5 Daily user sending limit exceeded',
  },
  {
    id: 'ses-454-daily-quota',
    cause: 'daily-sending-limit',
    providers: ['aws'],
    statuses: [-3],
    evidence: 'provider',
    code: 'EENVELOPE',
    command: 'DATA',
    response: '454 Throttling failure: Daily message quota exceeded.',
    responseCode: 454,
    text: 'Data command failed: {response}',
  },
  // sending-quota-exceeded
  {
    id: 'microsoft-submission-quota',
    cause: 'sending-quota-exceeded',
    providers: ['microsoft'],
    statuses: [-3],
    evidence: 'provider',
    code: 'EENVELOPE',
    command: 'DATA',
    response:
      '554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message due to a permanent exception with message [BeginDiagnosticData]Cannot submit message.[EndDiagnosticData]',
    responseCode: 554,
    text: 'Data command failed: {response}',
  },
  {
    id: 'gmail-relay-limit',
    // 5.4.5 is Google's daily-limit code; lib/diagnostics lets the code decide, as for the user limit.
    cause: 'daily-sending-limit',
    providers: ['google'],
    statuses: [-3],
    evidence: 'provider',
    code: 'EENVELOPE',
    command: 'MAIL FROM',
    response:
      '550 5.4.5 Daily SMTP relay limit exceeded for customer. For more information on SMTP relay sending limits please visit https://support.google.com/a/answer/166852 {gsmtp}',
    responseCode: 550,
    text: 'Mail command failed: {response}',
  },
  {
    id: 'custom-exim-hourly-quota',
    cause: 'sending-quota-exceeded',
    providers: ['custom'],
    statuses: [-3],
    evidence: 'provider',
    code: 'EENVELOPE',
    command: 'MAIL FROM',
    response:
      '550 Domain {domain} has exceeded the max emails per hour (150/150 (100%)) allowed.  Message discarded.',
    responseCode: 550,
    text: 'Mail command failed: {response}',
  },
  // blocked-for-spam
  {
    id: 'gmail-550-5.7.1-unsolicited',
    cause: 'blocked-for-spam',
    providers: ['google'],
    statuses: [-3],
    evidence: 'provider',
    code: 'EENVELOPE',
    command: 'DATA',
    response:
      '550-5.7.1 [{ip}] Our system has detected an unusual rate of unsolicited mail originating from your\n550-5.7.1 account. To protect our users from spam, mail sent from your account has been blocked.\n550 5.7.1  https://support.google.com/mail/?p=UnsolicitedRateLimitError {gsmtp}',
    responseCode: 550,
    text: 'Data command failed: {response}',
  },
  {
    id: 'gmail-unusual-sending-activity',
    cause: 'blocked-for-spam',
    providers: ['google'],
    statuses: [-3],
    evidence: 'provider',
    code: 'EENVELOPE',
    command: 'MAIL FROM',
    response: '550 5.7.1 Our system has detected unusual sending activity from your account. {gsmtp}',
    responseCode: 550,
    text: 'Mail command failed: {response}',
  },
  {
    id: 'microsoft-outbound-spam',
    cause: 'blocked-for-spam',
    providers: ['microsoft'],
    statuses: [-3],
    evidence: 'provider',
    code: 'EENVELOPE',
    command: 'DATA',
    response:
      '554 5.2.0 STOREDRV.Submission.Exception:OutboundSpamException; Failed to process message due to a permanent exception with message [BeginDiagnosticData]WASCL UserAction verdict is not None. Actual verdict is Suspend, ShowTierUpgrade. OutboundSpamException: WASCL UserAction verdict is not None. Actual verdict is Suspend, ShowTierUpgrade.[EndDiagnosticData]',
    responseCode: 554,
    text: 'Data command failed: {response}',
  },
  {
    id: 'microsoft-bad-outbound-sender',
    cause: 'blocked-for-spam',
    providers: ['microsoft'],
    statuses: [-3],
    evidence: 'provider',
    code: 'EENVELOPE',
    command: 'MAIL FROM',
    response:
      '550 5.1.8 Access denied, bad outbound sender. AS(42004) [BY5PR12MB4114.namprd12.prod.outlook.com]',
    responseCode: 550,
    text: 'Mail command failed: {response}',
  },
  {
    id: 'ses-sending-suspended',
    cause: 'blocked-for-spam',
    providers: ['aws'],
    statuses: [-3],
    evidence: 'provider',
    code: 'EMESSAGE',
    command: 'DATA',
    response:
      '554 Message rejected: Sending suspended for this account. For more information, please check the inbox of the email address associated with your AWS account.',
    responseCode: 554,
    text: 'Message failed: {response}',
  },
  {
    id: 'custom-spamhaus-listed',
    cause: 'blocked-for-spam',
    providers: ['custom'],
    statuses: [-3],
    evidence: 'provider',
    code: 'EENVELOPE',
    command: 'MAIL FROM',
    response:
      '554 5.7.1 Service unavailable; Client host [{ip}] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/{ip}',
    responseCode: 554,
    text: 'Mail command failed: {response}',
  },
  // sender-rejected
  {
    id: 'microsoft-send-as-denied',
    cause: 'sender-rejected',
    providers: ['microsoft'],
    statuses: [-3],
    evidence: 'provider',
    code: 'EENVELOPE',
    command: 'MAIL FROM',
    response:
      '550 5.7.60 SMTP; Client does not have permissions to send as this sender [PH0PR07MB8510.namprd07.prod.outlook.com]',
    responseCode: 550,
    text: 'Mail command failed: {response}',
  },
  {
    id: 'custom-553-not-owned',
    cause: 'sender-rejected',
    providers: ['custom', 'google'],
    statuses: [-3],
    evidence: 'nodemailer',
    code: 'EENVELOPE',
    command: 'MAIL FROM',
    response: '553 5.7.1 <{email}>: Sender address rejected: not owned by user outreach@{domain}',
    responseCode: 553,
    text: 'Mail command failed: {response}',
  },
  {
    id: 'ses-identity-not-verified',
    cause: 'sender-rejected',
    providers: ['aws'],
    statuses: [-3],
    evidence: 'provider',
    code: 'EMESSAGE',
    command: 'DATA',
    response:
      '554 Message rejected: Email address is not verified. The following identities failed the check in region US-EAST-1: {email}',
    responseCode: 554,
    text: 'Message failed: {response}',
  },
  // throttled
  {
    id: 'gmail-421-try-again-later',
    cause: 'throttled',
    providers: ['google'],
    statuses: [-2, -3],
    evidence: 'provider',
    code: 'EENVELOPE',
    command: 'MAIL FROM',
    response:
      '421-4.7.0 Try again later, closing connection. (MAIL) For more information, go to\n421 4.7.0  https://support.google.com/mail/answer/7126229 {gsmtp}',
    responseCode: 421,
    text: 'Mail command failed: {response}',
  },
  {
    id: 'microsoft-432-thread-limit',
    cause: 'throttled',
    providers: ['microsoft'],
    statuses: [-2, -3],
    evidence: 'provider',
    code: 'EENVELOPE',
    command: 'DATA',
    response:
      '432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded [Hostname=SA1PR12MB7199.namprd12.prod.outlook.com]',
    responseCode: 432,
    text: 'Data command failed: {response}',
  },
  {
    id: 'ses-454-max-rate',
    cause: 'throttled',
    providers: ['aws'],
    statuses: [-2],
    evidence: 'provider',
    code: 'EENVELOPE',
    command: 'DATA',
    response: '454 Throttling failure: Maximum sending rate exceeded.',
    responseCode: 454,
    text: 'Data command failed: {response}',
  },
  {
    id: 'custom-421-concurrency',
    cause: 'throttled',
    providers: ['custom'],
    statuses: [-2],
    evidence: 'provider',
    code: 'EENVELOPE',
    command: 'MAIL FROM',
    response: '421 4.7.0 {host} Error: too many connections from [{ip}]; please try again later',
    responseCode: 421,
    text: 'Mail command failed: {response}',
  },
  // connection-timeout
  {
    id: 'etimedout-conn',
    cause: 'connection-timeout',
    providers: ['custom', 'microsoft', 'aws'],
    statuses: [-1],
    evidence: 'nodemailer',
    code: 'ETIMEDOUT',
    command: 'CONN',
    text: 'Connection timeout',
  },
  {
    id: 'etimedout-greeting',
    cause: 'connection-timeout',
    providers: ['custom'],
    statuses: [-1],
    evidence: 'nodemailer',
    code: 'ETIMEDOUT',
    command: 'CONN',
    text: 'Greeting never received',
  },
  // connection-failed
  {
    id: 'econnection-closed',
    cause: 'connection-failed',
    providers: ['custom', 'microsoft', 'google'],
    statuses: [-1],
    evidence: 'nodemailer',
    code: 'ECONNECTION',
    command: 'CONN',
    text: 'Connection closed unexpectedly',
  },
  {
    id: 'esocket-econnrefused',
    cause: 'connection-failed',
    providers: ['custom'],
    statuses: [-1],
    evidence: 'nodemailer',
    code: 'ESOCKET',
    command: 'CONN',
    text: 'connect ECONNREFUSED {ip}:465',
  },
  // tls-error
  {
    id: 'esocket-wrong-version',
    cause: 'tls-error',
    providers: ['custom'],
    statuses: [-1],
    evidence: 'nodemailer',
    code: 'ESOCKET',
    command: 'CONN',
    text: '4037D2F1B27F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:354:',
  },
  {
    id: 'esocket-cert-altnames',
    cause: 'tls-error',
    providers: ['custom'],
    statuses: [-1],
    evidence: 'nodemailer',
    code: 'ESOCKET',
    command: 'CONN',
    text: "Hostname/IP does not match certificate's altnames: Host: {host}. is not in the cert's altnames: DNS:*.securemail-hosting.net, DNS:securemail-hosting.net",
  },
  {
    id: 'etls-starttls',
    cause: 'tls-error',
    providers: ['custom', 'aws'],
    statuses: [-1],
    evidence: 'nodemailer',
    code: 'ETLS',
    command: 'STARTTLS',
    text: 'Error initiating TLS - self-signed certificate in certificate chain',
  },
  // dns-error
  {
    id: 'edns-enotfound',
    cause: 'dns-error',
    providers: ['custom'],
    statuses: [-1],
    evidence: 'nodemailer',
    code: 'EDNS',
    command: 'CONN',
    text: 'getaddrinfo ENOTFOUND {host}',
  },
  {
    id: 'edns-etimeout',
    cause: 'dns-error',
    providers: ['custom', 'aws'],
    statuses: [-1],
    evidence: 'nodemailer',
    code: 'EDNS',
    command: 'CONN',
    text: 'queryA ETIMEOUT {host}',
  },
  // protocol-error
  {
    id: 'eprotocol-http-greeting',
    cause: 'protocol-error',
    providers: ['custom'],
    statuses: [-1],
    evidence: 'nodemailer',
    code: 'EPROTOCOL',
    command: 'CONN',
    response: 'HTTP/1.1 400 Bad Request',
    text: 'Invalid greeting. response={response}: {response}',
  },
  {
    id: 'eprotocol-imap-greeting',
    cause: 'protocol-error',
    providers: ['custom'],
    statuses: [-1],
    evidence: 'nodemailer',
    code: 'EPROTOCOL',
    command: 'CONN',
    response: '* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE] Dovecot ready.',
    text: 'Invalid greeting. response={response}: {response}',
  },
  // message-rejected
  {
    id: 'gmail-552-security-issue',
    cause: 'message-rejected',
    providers: ['google'],
    statuses: [-3],
    evidence: 'provider',
    code: 'EMESSAGE',
    command: 'DATA',
    response:
      '552-5.7.0 This message was blocked because its content presents a potential\n552-5.7.0 security issue. To review our message content and attachment content\n552 5.7.0 guidelines, go to https://support.google.com/mail/?p=BlockedMessage {gsmtp}',
    responseCode: 552,
    text: 'Message failed: {response}',
  },
  {
    id: 'microsoft-550-content-spam',
    cause: 'message-rejected',
    providers: ['microsoft'],
    statuses: [-3],
    evidence: 'provider',
    code: 'EMESSAGE',
    command: 'DATA',
    response: '550 5.7.520 Message blocked because it contains content identified as spam. AS(4810)',
    responseCode: 550,
    text: 'Message failed: {response}',
  },
  {
    id: 'custom-552-size',
    cause: 'message-rejected',
    providers: ['custom', 'aws'],
    statuses: [-3],
    evidence: 'nodemailer',
    code: 'EMESSAGE',
    command: 'DATA',
    response: '552 5.3.4 Message size exceeds fixed limit',
    responseCode: 552,
    text: 'Message failed: {response}',
  },
  // recipient-problem
  {
    id: 'gmail-552-mailbox-full',
    cause: 'recipient-problem',
    providers: ['google'],
    statuses: [-2],
    evidence: 'provider',
    code: 'EENVELOPE',
    command: 'RCPT TO',
    response:
      "552-5.2.2 The recipient's inbox is out of storage space. Please direct the\n552-5.2.2 recipient to\n552 5.2.2  https://support.google.com/mail/?p=OverQuotaTemp {gsmtp}",
    responseCode: 552,
    text: "Can't send mail - all recipients were rejected: {response}",
  },
  {
    id: 'microsoft-recipient-not-found',
    cause: 'recipient-problem',
    providers: ['microsoft'],
    statuses: [-2],
    evidence: 'provider',
    code: 'EENVELOPE',
    command: 'RCPT TO',
    response: '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup',
    responseCode: 550,
    text: "Can't send mail - all recipients were rejected: {response}",
  },
  {
    id: 'custom-552-mailbox-full',
    cause: 'recipient-problem',
    providers: ['custom'],
    statuses: [-2],
    evidence: 'nodemailer',
    code: 'EENVELOPE',
    command: 'RCPT TO',
    response: '552 5.2.2 <m.chen@prospect-mail.com>: Mailbox full',
    responseCode: 552,
    text: "Can't send mail - all recipients were rejected: {response}",
  },
  {
    id: 'custom-550-user-unknown',
    cause: 'recipient-problem',
    providers: ['custom', 'aws'],
    statuses: [-2],
    evidence: 'nodemailer',
    code: 'EENVELOPE',
    command: 'RCPT TO',
    response:
      '550 5.1.1 <j.doe@prospect-mail.com>: Recipient address rejected: User unknown in virtual mailbox table',
    responseCode: 550,
    text: "Can't send mail - all recipients were rejected: {response}",
  },
];

export function catalogEntriesFor(cause: CauseId, provider: ProviderGroup): CatalogEntry[] {
  return STATUS_MESSAGE_CATALOG.filter((e) => e.cause === cause && e.providers.includes(provider));
}

export function causesFor(provider: ProviderGroup): CauseId[] {
  return CAUSE_IDS.filter((cause) => catalogEntriesFor(cause, provider).length > 0);
}

export function catalogEntryById(id: string): CatalogEntry | undefined {
  return STATUS_MESSAGE_CATALOG.find((e) => e.id === id);
}

interface FillContext {
  email: string;
  domain: string;
  host: string;
  rng: Rng;
}

/** Builds the stored object for one account, filling the placeholders with its own details. */
export function buildStatusMessage(entry: CatalogEntry, ctx: FillContext, bare: boolean): StatusMessageJson {
  const ip = `${ctx.rng.int(34, 209)}.${ctx.rng.int(1, 254)}.${ctx.rng.int(1, 254)}.${ctx.rng.int(1, 254)}`;
  const gsmtp = `${ctx.rng.hex(13)}-${ctx.rng.hex(12)}sm${ctx.rng.int(1_000_000, 999_999_999)}a.${ctx.rng.int(1, 99)} - gsmtp`;
  const fill = (template: string) =>
    template
      .replaceAll('{email}', ctx.email)
      .replaceAll('{domain}', ctx.domain)
      .replaceAll('{host}', ctx.host)
      .replaceAll('{ip}', ip)
      .replaceAll('{gsmtp}', gsmtp);
  const response = entry.response === undefined ? undefined : fill(entry.response);
  const text = fill(entry.text).replaceAll('{response}', response ?? '');
  const keepResponse = response !== undefined && !bare;
  // Key order as in the real payloads: code, command, response, e_message, responseCode.
  const out: StatusMessageJson = {};
  if (entry.code !== undefined) out.code = entry.code;
  if (entry.command !== undefined) out.command = entry.command;
  if (keepResponse) out.response = response;
  out.e_message = `error: ${text.toLowerCase()}`;
  if (keepResponse && entry.responseCode !== undefined) out.responseCode = entry.responseCode;
  return out;
}
