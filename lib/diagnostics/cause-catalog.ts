import type { ProviderFamily } from './account-status';

// One entry per failure cause. The triage board groups a fleet by cause and shows the explanation and
// the fix once per group, so everything a person needs to act lives here, not in the rules.

export const causeIds = [
  'oauth-token-revoked',
  'auth-failed',
  'app-password-required',
  'smtp-auth-disabled',
  'login-rate-limited',
  'daily-sending-limit',
  'sending-quota-exceeded',
  'blocked-for-spam',
  'sender-rejected',
  'throttled',
  'connection-timeout',
  'connection-failed',
  'tls-error',
  'dns-error',
  'protocol-error',
  'message-rejected',
  'recipient-problem',
  'unknown',
] as const;
export type CauseId = (typeof causeIds)[number];

/** critical: sending is broken and only a person can fix it; low: clears by itself or is not ours. */
export const severities = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof severities)[number];

/** Whose problem it is: the sending account's setup, the recipient's side, or the provider's. */
export type Fault = 'account' | 'recipient' | 'provider';

/** The SMTP/IMAP step that failed (nodemailer's `command`, or our best reading of the error). */
export const steps = ['connect', 'tls', 'login', 'mail-from', 'rcpt-to', 'data', 'imap', 'api'] as const;
export type Step = (typeof steps)[number];

/**
 * Buttons the dashboard can offer next to a diagnosis, most useful first: bulk-action kinds under the
 * catalog's own ids (lib/bulk/catalog.ts), plus 'reconnect', which happens at Instantly's sign-in.
 */
export const dashboardActions = [
  'reconnect',
  'mark-fixed',
  'pause',
  'set-daily-limit',
  'disable-warmup',
  'resume',
] as const;
export type DashboardAction = (typeof dashboardActions)[number];

interface ProviderWording {
  title?: string;
  explanation?: string;
}

export interface CauseInfo {
  title: string;
  severity: Severity;
  fault: Fault;
  /** Sort order on a triage board; lower = look at it first. */
  urgency: number;
  step: Step | null;
  explanation: string;
  /** Where a provider words or behaves differently, a closer title/explanation for its mailboxes. */
  byProvider: Partial<Record<ProviderFamily, ProviderWording>>;
  fix: Record<ProviderFamily, readonly string[]>;
  actions: readonly DashboardAction[];
}

const MARK_FIXED = 'Mark the account as fixed so Instantly retries it.';
const markFixedAfter = (wait: string): string =>
  `${wait}, then mark the account as fixed so Instantly retries it.`;

export const causeCatalog: Record<CauseId, CauseInfo> = {
  'oauth-token-revoked': {
    title: 'Sign-in expired',
    severity: 'critical',
    fault: 'account',
    urgency: 10,
    step: 'login',
    explanation:
      'Instantly can no longer get an access token for this mailbox: the OAuth grant it stored was revoked or has expired, so it can neither send nor read mail.',
    byProvider: {
      google: {
        title: 'Google sign-in expired',
        explanation:
          'Google no longer gives Instantly an access token for this mailbox: the OAuth grant was revoked or expired (password change, user suspended or removed, or a Workspace admin blocked the Instantly app). Nothing is sent or read until it is reconnected.',
      },
      microsoft: {
        title: 'Microsoft sign-in expired',
        explanation:
          'Microsoft no longer gives Instantly an access token for this mailbox: the refresh token was revoked or expired (password reset, sign-in blocked, admin consent withdrawn or a Conditional Access policy). Nothing is sent or read until it is reconnected.',
      },
    },
    fix: {
      google: [
        "Reconnect the mailbox through Instantly's Google OAuth flow, signed in as that user.",
        'For Google Workspace: have the admin allow the Instantly app (Security → API controls → App access control → Trusted) and check the user is not suspended.',
        MARK_FIXED,
      ],
      microsoft: [
        "Reconnect the mailbox through Instantly's Microsoft OAuth flow, signed in as that user.",
        'If sign-in is refused, have the Microsoft 365 admin grant consent to the Instantly app (Entra ID → Enterprise applications) and check sign-in is not blocked for the user.',
        MARK_FIXED,
      ],
      custom: [
        'Reconnect the mailbox in Instantly; if the host offers password login, connect it with IMAP/SMTP credentials instead.',
        MARK_FIXED,
      ],
      other: ["Reconnect the mailbox through Instantly's sign-in flow for its provider.", MARK_FIXED],
    },
    actions: ['reconnect', 'mark-fixed'],
  },

  'auth-failed': {
    title: 'Login rejected',
    severity: 'critical',
    fault: 'account',
    urgency: 20,
    step: 'login',
    explanation:
      'The mail server rejected the username or password, so Instantly cannot log in to send or read mail.',
    byProvider: {
      google: {
        title: 'Google rejected the login',
        explanation:
          'Google rejected the username and password. Google accepts only an app password or OAuth for SMTP/IMAP, not the normal account password.',
      },
      microsoft: {
        title: 'Microsoft rejected the login',
        explanation:
          'Microsoft 365 rejected the login: the password is wrong, or MFA / security policies block password sign-in over SMTP/IMAP.',
      },
    },
    fix: {
      google: [
        "Reconnect the mailbox through Instantly's Google OAuth flow (no password needed).",
        'If it must use IMAP/SMTP: turn on 2-Step Verification, create an app password and reconnect with it (username = the full address).',
        MARK_FIXED,
      ],
      microsoft: [
        "Reconnect the mailbox through Instantly's Microsoft OAuth flow.",
        'If it must use a password: check it by signing in at outlook.office.com; with MFA on, password login over SMTP will not work.',
        MARK_FIXED,
      ],
      custom: [
        "Check the username (usually the full email address) and the password by logging in to the host's webmail.",
        'Check that SMTP and IMAP login are enabled for the mailbox at the host.',
        'Reconnect the account with the corrected credentials.',
        MARK_FIXED,
      ],
      other: [
        'Check the username (usually the full email address) and the password with the provider.',
        'Reconnect the account with the corrected credentials.',
        MARK_FIXED,
      ],
    },
    actions: ['reconnect', 'mark-fixed'],
  },

  'app-password-required': {
    title: 'App password required',
    severity: 'critical',
    fault: 'account',
    urgency: 30,
    step: 'login',
    explanation:
      'The account has 2-step verification on, so its normal password is refused for SMTP/IMAP; it needs an app password or an OAuth connection.',
    byProvider: {
      google: { title: 'Google needs an app password' },
      microsoft: { title: 'Microsoft needs an app password' },
    },
    fix: {
      google: [
        "Reconnect the mailbox through Instantly's Google OAuth flow (recommended).",
        'Or create an app password (myaccount.google.com → Security → App passwords) and reconnect with it as the password.',
        MARK_FIXED,
      ],
      microsoft: [
        "Reconnect the mailbox through Instantly's Microsoft OAuth flow (recommended).",
        'Or, if the tenant allows app passwords, create one (mysignins.microsoft.com → Security info) and reconnect with it.',
        MARK_FIXED,
      ],
      custom: [
        "Create an app-specific password in the host's security settings.",
        'Reconnect the account with it as the password.',
        MARK_FIXED,
      ],
      other: [
        "Create an app-specific password in the provider's security settings.",
        'Reconnect the account with it.',
        MARK_FIXED,
      ],
    },
    actions: ['reconnect', 'mark-fixed'],
  },

  'smtp-auth-disabled': {
    title: 'SMTP/IMAP login turned off',
    severity: 'critical',
    fault: 'account',
    urgency: 40,
    step: 'login',
    explanation:
      'The provider does not allow password login over SMTP or IMAP for this mailbox or its whole organisation, so no credentials will work until it is turned on.',
    byProvider: {
      microsoft: {
        title: 'SMTP AUTH disabled in Microsoft 365',
        explanation:
          'Microsoft 365 has authenticated SMTP (SMTP AUTH) turned off for the tenant or the mailbox, or security defaults block it, so Instantly cannot send through it.',
      },
      google: {
        title: 'IMAP access turned off in Google',
        explanation:
          'Google refuses IMAP/SMTP access for this account: IMAP is turned off for the user or the Workspace domain.',
      },
    },
    fix: {
      microsoft: [
        'In the Microsoft 365 admin center open the user → Mail → Manage email apps and tick “Authenticated SMTP” (and IMAP).',
        'If the tenant disables SMTP AUTH, enable it for this mailbox (Set-CASMailbox <address> -SmtpClientAuthenticationDisabled $false) and check security defaults do not block it.',
        "Reconnect through Instantly's Microsoft OAuth flow.",
        MARK_FIXED,
      ],
      google: [
        'Turn IMAP on in Gmail (Settings → Forwarding and POP/IMAP); Workspace admins must also allow IMAP under Apps → Gmail → End User Access.',
        "Reconnect through Instantly's Google OAuth flow.",
        MARK_FIXED,
      ],
      custom: [
        'Enable SMTP authentication and IMAP for the mailbox in the host control panel, or ask the host to.',
        'Reconnect the account.',
        MARK_FIXED,
      ],
      other: [
        'Ask the provider to enable SMTP authentication and IMAP for the mailbox.',
        'Reconnect the account.',
        MARK_FIXED,
      ],
    },
    actions: ['reconnect', 'mark-fixed'],
  },

  'login-rate-limited': {
    title: 'Too many login attempts',
    severity: 'medium',
    fault: 'provider',
    urgency: 160,
    step: 'login',
    explanation:
      'The provider is temporarily refusing logins for this mailbox after too many attempts in a short time. It clears by itself.',
    byProvider: {},
    fix: {
      google: [
        'Wait 15–60 minutes without reconnecting: every new attempt extends the lock-out.',
        'Make sure no other app or device keeps retrying an old password on this mailbox.',
        'If it persists, sign in to the account in a browser and confirm any security prompt from Google.',
        MARK_FIXED,
      ],
      microsoft: [
        'Wait 15–60 minutes without reconnecting: every new attempt extends the lock-out.',
        'Make sure no other app or device keeps retrying an old password on this mailbox (smart lockout).',
        MARK_FIXED,
      ],
      custom: [
        'Wait 15–60 minutes without reconnecting: every new attempt extends the lock-out.',
        'Make sure no other app or device keeps retrying an old password; ask the host to unblock the IP if it persists.',
        MARK_FIXED,
      ],
      other: [
        'Wait 15–60 minutes without reconnecting: every new attempt extends the lock-out.',
        'Make sure no other app or device keeps retrying an old password on this mailbox.',
        MARK_FIXED,
      ],
    },
    actions: ['mark-fixed'],
  },

  'daily-sending-limit': {
    title: 'Daily sending limit exceeded',
    severity: 'high',
    fault: 'account',
    urgency: 70,
    step: 'data',
    explanation:
      'The provider stopped this mailbox for sending more than its daily quota; campaign, warmup and manual mail all count.',
    byProvider: {
      google: {
        explanation:
          'Google stopped this mailbox for exceeding its rolling 24-hour sending limit; campaign, warmup and manual mail all count. The block lifts after up to 24 hours, but repeated hits can get the mailbox suspended.',
      },
    },
    fix: {
      google: [
        "Lower the account's daily campaign limit and warmup limit so the total stays well below Google's limit (2,000/day for Workspace, 500 for free Gmail, less for new accounts).",
        'Stop other tools or people sending from this mailbox.',
        markFixedAfter('Wait about 24 hours'),
        'Keep it out of campaigns for a few days: repeated limit hits burn the mailbox.',
      ],
      microsoft: [
        'Lower the daily campaign and warmup limits (Microsoft 365 allows at most 10,000 recipients a day, far fewer for new tenants).',
        'Stop other tools or people sending from this mailbox.',
        markFixedAfter('Wait 24 hours'),
      ],
      custom: [
        'Ask the host for its daily limit and set the daily campaign + warmup limits well below it.',
        markFixedAfter('Wait for the quota window to reset'),
      ],
      other: [
        "Find the provider's daily limit and set the daily campaign + warmup limits well below it.",
        markFixedAfter('Wait for the quota window to reset'),
      ],
    },
    actions: ['set-daily-limit', 'pause', 'mark-fixed'],
  },

  'sending-quota-exceeded': {
    title: 'Sending quota exceeded',
    severity: 'high',
    fault: 'account',
    urgency: 80,
    step: 'data',
    explanation:
      'The provider refused more mail because the mailbox or domain used up a sending quota (messages or recipients per hour or per day).',
    byProvider: {
      microsoft: {
        title: 'Microsoft submission quota exceeded',
        explanation:
          'Microsoft refused the submission because the mailbox hit a sending quota; if it keeps happening the user can be put on the restricted-senders list, which blocks all sending.',
      },
    },
    fix: {
      google: [
        'Lower the daily campaign and warmup limits and widen the sending gap.',
        markFixedAfter('Wait for the quota to reset (up to 24 hours)'),
      ],
      microsoft: [
        'Lower the daily campaign and warmup limits and widen the sending gap.',
        'Wait up to 24 hours for the quota to reset.',
        'If the user is on the restricted list, a tenant admin releases it in Microsoft 365 Defender (Email & collaboration → Review → Restricted entities).',
        MARK_FIXED,
      ],
      custom: [
        "Find the host's hourly/daily limit (for example cPanel's “max emails per hour”) and keep the daily limit and sending gap within it.",
        markFixedAfter('Wait for the window to reset'),
      ],
      other: [
        "Find the provider's sending quota (for Amazon SES: the account's daily quota and send rate) and keep the daily limit within it.",
        markFixedAfter('Wait for the window to reset'),
      ],
    },
    actions: ['set-daily-limit', 'pause', 'mark-fixed'],
  },

  'blocked-for-spam': {
    title: 'Blocked for spam or abuse',
    severity: 'critical',
    fault: 'account',
    urgency: 50,
    step: 'data',
    explanation:
      'Mail from this sender is being blocked because it looks like spam or abuse (reputation, complaints, unusual volume or a blocklisted IP or domain). Sending more makes it worse.',
    byProvider: {
      google: {
        explanation:
          'Google detected unusual or unsolicited sending from this mailbox or its domain and is blocking its mail. Sending more makes it worse.',
      },
      microsoft: {
        title: 'Microsoft blocked outbound spam',
        explanation:
          'Microsoft flagged outbound spam from this mailbox and may have put the user on the restricted-senders list, which blocks all sending.',
      },
    },
    fix: {
      google: [
        'Pause campaigns from this account now.',
        'Cut the daily limit sharply; review copy, links and lead lists (bounces, spam traps); check SPF, DKIM and DMARC.',
        'Keep warmup running, then mark fixed and resume slowly over 1–2 weeks.',
        'If Google suspended the mailbox, the Workspace admin must restore it first.',
      ],
      microsoft: [
        'Pause campaigns from this account now.',
        'A tenant admin checks Microsoft 365 Defender → Restricted entities, releases the user and reviews the outbound-spam alert.',
        'Reduce volume, review content and lead lists, then mark fixed and resume slowly.',
      ],
      custom: [
        'Pause campaigns from this account now.',
        'Check whether the sending IP or domain is on a blocklist (e.g. Spamhaus) and ask the host to unblock or delist it.',
        'Reduce volume, clean the lead list and review content, then mark fixed and resume slowly.',
      ],
      other: [
        'Pause campaigns from this account now.',
        'Ask the provider why sending was blocked (for Amazon SES: the account dashboard shows the review or suspension).',
        'Reduce volume, clean the lead list and review content, then mark fixed and resume slowly.',
      ],
    },
    actions: ['pause', 'set-daily-limit', 'mark-fixed'],
  },

  'sender-rejected': {
    title: 'Sender address not allowed',
    severity: 'critical',
    fault: 'account',
    urgency: 60,
    step: 'mail-from',
    explanation:
      'The server accepted the login but refuses to send as this From address: the login and the sender do not match, or the address is not permitted or verified on this server.',
    byProvider: {},
    fix: {
      google: [
        'Log in with the sender address itself, or add it as a verified “Send mail as” alias in Gmail settings.',
        'Reconnect the account.',
        MARK_FIXED,
      ],
      microsoft: [
        'Log in with the sender address itself, or give the login mailbox Send As rights on it (Exchange admin center → mailbox → Delegation).',
        'Reconnect the account.',
        MARK_FIXED,
      ],
      custom: [
        "Use the sender's own address as the SMTP username, or ask the host to allow sending as this address and relaying for authenticated users.",
        'Reconnect the account.',
        MARK_FIXED,
      ],
      other: [
        'Verify the sender address or domain with the provider (for Amazon SES: verify the identity in the same region).',
        'Reconnect the account.',
        MARK_FIXED,
      ],
    },
    actions: ['reconnect', 'mark-fixed'],
  },

  throttled: {
    title: 'Temporarily throttled',
    severity: 'low',
    fault: 'provider',
    urgency: 170,
    step: null,
    explanation:
      'The provider is temporarily deferring mail (too many messages or connections at once, or a busy server). It clears by itself once the pace drops.',
    byProvider: {
      microsoft: {
        explanation:
          'Microsoft is limiting how many messages this mailbox may submit at once. It clears by itself once the pace drops.',
      },
    },
    fix: {
      google: [
        'Nothing urgent: the block lifts by itself.',
        'If it keeps happening, lower the daily limit and widen the sending gap.',
        'Mark the account as fixed if it stays in an error state.',
      ],
      microsoft: [
        'Nothing urgent: the block lifts by itself.',
        'If it keeps happening, lower the daily limit and widen the sending gap so fewer messages go out at once.',
        'Mark the account as fixed if it stays in an error state.',
      ],
      custom: [
        'Nothing urgent: the block lifts by itself.',
        'If it keeps happening, lower the daily limit, widen the sending gap and ask the host about its rate limits.',
        'Mark the account as fixed if it stays in an error state.',
      ],
      other: [
        'Nothing urgent: the block lifts by itself.',
        'If it keeps happening, lower the daily limit and widen the sending gap.',
        'Mark the account as fixed if it stays in an error state.',
      ],
    },
    actions: ['set-daily-limit', 'mark-fixed'],
  },

  'connection-timeout': {
    title: 'Connection timed out',
    severity: 'high',
    fault: 'provider',
    urgency: 120,
    step: 'connect',
    explanation:
      'The mail server did not answer in time: the host or port is wrong, a firewall blocks the connection, or the server is down.',
    byProvider: {},
    fix: {
      google: [
        'Usually a passing network problem: wait a little, then mark the account as fixed.',
        "If it repeats, reconnect the account through Instantly's Google OAuth flow.",
      ],
      microsoft: [
        'Usually a passing network problem: wait a little, then mark the account as fixed.',
        "If it repeats, reconnect the account through Instantly's Microsoft OAuth flow.",
      ],
      custom: [
        'Check the SMTP host and port (465 with SSL/TLS or 587 with STARTTLS) and the IMAP host and port (993 with SSL/TLS).',
        "Check the host's status page; some hosts only accept known IPs, so ask them to allow Instantly.",
        'Reconnect the account.',
        MARK_FIXED,
      ],
      other: [
        "Check the provider's status page and the host/port settings.",
        'Reconnect the account.',
        MARK_FIXED,
      ],
    },
    actions: ['reconnect', 'mark-fixed'],
  },

  'connection-failed': {
    title: 'Connection failed',
    severity: 'high',
    fault: 'provider',
    urgency: 110,
    step: 'connect',
    explanation:
      'The connection to the mail server was refused or dropped before the exchange finished: a closed port, a port/security mismatch, or the server cutting the session.',
    byProvider: {},
    fix: {
      google: [
        'Usually a passing problem at Google: wait a little, then mark the account as fixed.',
        "If it repeats, reconnect the account through Instantly's Google OAuth flow.",
      ],
      microsoft: [
        'Usually a passing problem at Microsoft: wait a little, then mark the account as fixed.',
        "If it repeats, reconnect the account through Instantly's Microsoft OAuth flow.",
      ],
      custom: [
        'Check the port and its security mode (SMTP 465 = SSL/TLS, 587 = STARTTLS; IMAP 993 = SSL/TLS).',
        'Check the host is up and accepts connections from outside (no IP allow-list).',
        'Reconnect the account.',
        MARK_FIXED,
      ],
      other: [
        "Check the provider's status page and the host/port settings.",
        'Reconnect the account.',
        MARK_FIXED,
      ],
    },
    actions: ['reconnect', 'mark-fixed'],
  },

  'tls-error': {
    title: 'TLS / certificate error',
    severity: 'high',
    fault: 'account',
    urgency: 100,
    step: 'tls',
    explanation:
      "The secure (TLS) connection failed: the port and security setting don't match, or the server's certificate is invalid, expired or issued for another host name.",
    byProvider: {},
    fix: {
      google: [
        "Reconnect the account through Instantly's Google OAuth flow (it uses the right settings).",
        MARK_FIXED,
      ],
      microsoft: [
        "Reconnect the account through Instantly's Microsoft OAuth flow (it uses the right settings).",
        MARK_FIXED,
      ],
      custom: [
        'Match port and security mode: 465 with SSL/TLS, 587 with STARTTLS (not SSL on 587).',
        "Use the host name the server's certificate is issued for (often the host's own server name, not mail.yourdomain).",
        'If the certificate is expired or self-signed, the host must renew or fix it.',
        'Reconnect the account.',
        MARK_FIXED,
      ],
      other: [
        'Check the port and security mode the provider documents.',
        'Reconnect the account.',
        MARK_FIXED,
      ],
    },
    actions: ['reconnect', 'mark-fixed'],
  },

  'dns-error': {
    title: 'Mail server not found',
    severity: 'high',
    fault: 'account',
    urgency: 90,
    step: 'connect',
    explanation:
      "The mail server's host name does not resolve in DNS: it is misspelled or the domain's DNS is broken.",
    byProvider: {},
    fix: {
      google: ["Reconnect the account through Instantly's Google OAuth flow.", MARK_FIXED],
      microsoft: ["Reconnect the account through Instantly's Microsoft OAuth flow.", MARK_FIXED],
      custom: [
        'Check the spelling of the SMTP and IMAP host names (the mail server, not the website).',
        'Look the host up (dig or nslookup) and fix the DNS records if it does not resolve.',
        'Reconnect the account.',
        MARK_FIXED,
      ],
      other: ['Check the SMTP and IMAP host names with the provider.', 'Reconnect the account.', MARK_FIXED],
    },
    actions: ['reconnect', 'mark-fixed'],
  },

  'protocol-error': {
    title: 'Unexpected server response',
    severity: 'high',
    fault: 'account',
    urgency: 130,
    step: 'connect',
    explanation:
      'The server answered with something that is not valid SMTP: usually the host or port points at another service (web, POP3, IMAP), or the server misbehaved.',
    byProvider: {},
    fix: {
      google: ["Reconnect the account through Instantly's Google OAuth flow.", MARK_FIXED],
      microsoft: ["Reconnect the account through Instantly's Microsoft OAuth flow.", MARK_FIXED],
      custom: [
        'Check host and port: SMTP on 465 or 587, IMAP on 993 (not a web or POP3 port).',
        'Reconnect the account; if it repeats with correct settings, contact the host.',
        MARK_FIXED,
      ],
      other: ['Check the host and port settings.', 'Reconnect the account.', MARK_FIXED],
    },
    actions: ['reconnect', 'mark-fixed'],
  },

  'message-rejected': {
    title: 'Message rejected',
    severity: 'medium',
    fault: 'account',
    urgency: 150,
    step: 'data',
    explanation:
      "The server refused the message itself (size, content, links or attachments, or failed SPF/DKIM/DMARC checks), not the account's login.",
    byProvider: {},
    fix: {
      google: [
        'Check the campaign copy, links and attachments (size, URL shorteners, spammy wording).',
        "Check SPF, DKIM and DMARC for the sending domain (Instantly's domain vitals test).",
        'Mark the account as fixed after changing the content.',
      ],
      microsoft: [
        'Check the campaign copy, links and attachments (size, URL shorteners, spammy wording).',
        "Check SPF, DKIM and DMARC for the sending domain (Instantly's domain vitals test).",
        'Mark the account as fixed after changing the content.',
      ],
      custom: [
        "Check the campaign copy, links and attachments against the host's limits (size, content filters).",
        'Check SPF, DKIM and DMARC for the sending domain.',
        'Mark the account as fixed after changing the content.',
      ],
      other: [
        'Check the campaign copy, links and attachments.',
        'Check SPF, DKIM and DMARC for the sending domain.',
        'Mark the account as fixed after changing the content.',
      ],
    },
    actions: ['pause', 'mark-fixed'],
  },

  'recipient-problem': {
    title: 'Recipient problem',
    severity: 'low',
    fault: 'recipient',
    urgency: 180,
    step: 'rcpt-to',
    explanation:
      "The receiving side refused this recipient (address doesn't exist, mailbox full or disabled). It is not a problem with the sending account.",
    byProvider: {},
    fix: {
      google: [
        'Nothing to fix on the account: the lead bounces.',
        'Verify or clean the lead list if many addresses bounce.',
        'If the account was put in an error state for this, mark it as fixed.',
      ],
      microsoft: [
        'Nothing to fix on the account: the lead bounces.',
        'Verify or clean the lead list if many addresses bounce.',
        'If the account was put in an error state for this, mark it as fixed.',
      ],
      custom: [
        'Nothing to fix on the account: the lead bounces.',
        'Verify or clean the lead list if many addresses bounce.',
        'If the account was put in an error state for this, mark it as fixed.',
      ],
      other: [
        'Nothing to fix on the account: the lead bounces.',
        'Verify or clean the lead list if many addresses bounce.',
        'If the account was put in an error state for this, mark it as fixed.',
      ],
    },
    actions: ['mark-fixed'],
  },

  unknown: {
    title: 'Unrecognized error',
    severity: 'medium',
    fault: 'account',
    urgency: 140,
    step: null,
    explanation: 'The error did not match a known pattern; the raw provider reply below has the details.',
    byProvider: {},
    fix: {
      google: [
        'Read the raw reply and look up its status code (e.g. 550 5.7.1) in Google’s SMTP error reference.',
        "Reconnect the account through Instantly's Google OAuth flow to test the login.",
        'Mark the account as fixed once resolved; if it returns, send the raw message to Instantly support.',
      ],
      microsoft: [
        'Read the raw reply and look up its status code (e.g. 550 5.7.1) in Microsoft’s NDR reference.',
        "Reconnect the account through Instantly's Microsoft OAuth flow to test the login.",
        'Mark the account as fixed once resolved; if it returns, send the raw message to Instantly support.',
      ],
      custom: [
        'Read the raw reply and look up its status code with the host.',
        'Reconnect the account to test the login.',
        'Mark the account as fixed once resolved; if it returns, send the raw message to Instantly support.',
      ],
      other: [
        'Read the raw reply and look up its status code with the provider.',
        'Reconnect the account to test the login.',
        'Mark the account as fixed once resolved; if it returns, send the raw message to Instantly support.',
      ],
    },
    actions: ['mark-fixed', 'reconnect'],
  },
};
