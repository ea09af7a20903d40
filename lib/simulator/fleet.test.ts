import 'server-only';
import { describe, expect, it } from 'vitest';
import { accountSchema, statusMessageSchema } from '@/lib/schemas/instantly-account';
import { Rng } from './prng';
import {
  buildStatusMessage,
  CAUSE_IDS,
  STATUS_MESSAGE_CATALOG,
  type CauseId,
} from './status-message-catalog';
import { generateWorkspace } from './fleet-generator';
import { call, demoSpec, listAll, T0, testClock, testSimulator } from './test-helpers';

// The seeded fleet: deterministic, realistic in its proportions, and carrying every error cause.

type Item = Record<string, unknown> & {
  email: string;
  status: number;
  warmup_status: number;
  provider_code: number;
};

const share = (items: Item[], predicate: (a: Item) => boolean) =>
  items.filter(predicate).length / items.length;

describe('determinism', () => {
  it('the same seed and size give an identical fleet; another seed gives a different one', async () => {
    const a = (await listAll(testSimulator().sim)).items;
    const b = (await listAll(testSimulator().sim)).items;
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const other = (await listAll(testSimulator({ workspaces: [demoSpec({ seed: 43 })] }).sim)).items;
    expect(other).toHaveLength(500);
    const emails = new Set(a.map((x) => x.email));
    const overlap = other.filter((x) => emails.has(x.email)).length;
    expect(overlap).toBeLessThan(50);
  });

  it('the fleet does not depend on the time of day it is built (only on the UTC day)', () => {
    const morning = generateWorkspace(demoSpec(), Date.UTC(2026, 7, 21, 0, 5));
    const evening = generateWorkspace(demoSpec(), Date.UTC(2026, 7, 21, 23, 55));
    expect(JSON.stringify(evening.accounts.map((r) => r.json))).toBe(
      JSON.stringify(morning.accounts.map((r) => r.json)),
    );
  });
});

describe('the default demo fleet (seed 42, 500 accounts)', async () => {
  const { sim } = testSimulator();
  const items = (await listAll(sim)).items as Item[];
  const errored = items.filter((a) => a.status < 0);

  it('has plausible proportions', () => {
    expect(items).toHaveLength(500);
    expect(share(items, (a) => a.provider_code === 2)).toBeGreaterThan(0.38);
    expect(share(items, (a) => a.provider_code === 2)).toBeLessThan(0.52);
    expect(share(items, (a) => a.provider_code === 3)).toBeGreaterThan(0.22);
    expect(share(items, (a) => a.provider_code === 1)).toBeGreaterThan(0.13);
    expect(share(items, (a) => a.provider_code === 4)).toBeGreaterThan(0.02);
    expect(share(items, (a) => a.status < 0)).toBeGreaterThan(0.12);
    expect(share(items, (a) => a.status < 0)).toBeLessThan(0.2);
    expect(share(items, (a) => a.status === 1)).toBeGreaterThan(0.6);
    for (const status of [2, 3, -1, -2, -3]) expect(items.some((a) => a.status === status)).toBe(true);
    for (const ws of [0, 1, -1, -2, -3]) expect(items.some((a) => a.warmup_status === ws)).toBe(true);
  });

  it('carries every status_message cause at least twice on errored accounts', () => {
    // Identify each stored message by matching it against the catalog templates, placeholders as wildcards.
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const patterns = STATUS_MESSAGE_CATALOG.map((entry) => {
      const template = `error: ${entry.text.replaceAll('{response}', entry.response ?? '')}`.toLowerCase();
      const source = escape(template).replace(/\\\{(email|domain|host|ip|gsmtp)\\\}/g, '.*');
      return { entry, regex: new RegExp(`^${source}$`, 's') };
    });
    const causeOf = (message: Record<string, unknown>): CauseId | undefined =>
      patterns.find(
        ({ entry, regex }) =>
          entry.code === message.code &&
          entry.command === message.command &&
          regex.test(String(message.e_message)),
      )?.entry.cause;
    const counts = new Map<CauseId, number>();
    for (const account of errored) {
      const cause = causeOf(account.status_message as Record<string, unknown>);
      expect(cause, JSON.stringify(account.status_message)).toBeDefined();
      counts.set(cause as CauseId, (counts.get(cause as CauseId) ?? 0) + 1);
    }
    for (const cause of CAUSE_IDS) expect(counts.get(cause) ?? 0, cause).toBeGreaterThanOrEqual(2);
  });

  it('has a whole domain failing the same way (a domain-level problem)', () => {
    const byDomain = new Map<string, Item[]>();
    for (const a of items) {
      const domain = a.email.split('@')[1] as string;
      byDomain.set(domain, [...(byDomain.get(domain) ?? []), a]);
    }
    const whollyBroken = [...byDomain.values()].filter(
      (inboxes) =>
        inboxes.length >= 5 &&
        inboxes.every((a) => a.status < 0) &&
        new Set(
          inboxes.map((a) =>
            JSON.stringify([
              (a.status_message as { code?: string }).code,
              (a.status_message as { command?: string }).command,
            ]),
          ),
        ).size === 1,
    );
    expect(whollyBroken.length).toBeGreaterThanOrEqual(1);
  });

  it('errored accounts carry autofix_failed true, null and false; a few Active ones keep a stale message', () => {
    const values = new Set(errored.map((a) => a.autofix_failed));
    expect(values).toEqual(new Set([true, null, false]));
    expect(errored.every((a) => a.status_message !== undefined)).toBe(true);
    expect(
      items.filter((a) => a.status === 1 && a.status_message !== undefined).length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('some stored messages lack response/responseCode, as the real EAUTH sample', () => {
    expect(
      errored.some((a) => (a.status_message as Record<string, unknown>).responseCode === undefined),
    ).toBe(true);
    expect(
      errored.some((a) => (a.status_message as Record<string, unknown>).responseCode !== undefined),
    ).toBe(true);
    for (const a of errored) {
      const message = a.status_message as Record<string, unknown>;
      expect(statusMessageSchema.safeParse(message).success).toBe(true);
      expect(String(message.e_message)).toMatch(/^error: /);
      expect(String(message.e_message)).toBe(String(message.e_message).toLowerCase());
    }
  });

  it('has managed (DFY) accounts without warmup, daily_limit, sending_gap, added_by; some accounts with warmup {}', () => {
    const managed = items.filter((a) => a.is_managed_account === true);
    expect(managed.length).toBeGreaterThan(0);
    for (const a of managed) {
      for (const key of ['warmup', 'daily_limit', 'sending_gap', 'added_by'])
        expect(a).not.toHaveProperty(key);
    }
    expect(items.some((a) => JSON.stringify(a.warmup) === '{}')).toBe(true);
    expect(items.some((a) => a.setup_pending === true)).toBe(true);
  });

  it('serves list rows as sparse as the recorded ones: warmup absent, {} or {advanced} only', async () => {
    const shapes = new Set(
      items.map((a) => (a.warmup === undefined ? 'absent' : Object.keys(a.warmup as object).join(','))),
    );
    expect([...shapes].sort()).toEqual(['', 'absent', 'advanced']);
    // The full settings come from the account's own read.
    const detailed = await Promise.all(
      items
        .slice(0, 60)
        .map(async (a) => (await call(sim, 'GET', `/accounts/${encodeURIComponent(a.email)}`)).body as Item),
    );
    expect(
      detailed.some((a) => typeof (a.warmup as { limit?: number } | undefined)?.limit === 'number'),
    ).toBe(true);
  });

  it('has new accounts that read like the recorded one: no warmup, daily_limit or sending_gap', async () => {
    const fresh = items.filter(
      (a) => a.timestamp_warmup_start === undefined && a.is_managed_account === false,
    );
    expect(fresh.length).toBeGreaterThanOrEqual(2);
    for (const row of fresh) {
      const a = (await call(sim, 'GET', `/accounts/${encodeURIComponent(row.email)}`)).body as Item;
      for (const key of ['warmup', 'daily_limit', 'sending_gap']) expect(a, a.email).not.toHaveProperty(key);
    }
  });

  it('has brand-new accounts with score 0, varied limits and gaps, tracking domains on most', () => {
    const fresh = items.filter((a) => a.stat_warmup_score === 0 && a.timestamp_warmup_start === undefined);
    expect(fresh.length).toBeGreaterThanOrEqual(2);
    const limits = new Set(items.map((a) => a.daily_limit).filter((v) => v !== undefined));
    expect(limits.size).toBeGreaterThanOrEqual(6);
    for (const limit of limits) expect(limit as number).toBeGreaterThanOrEqual(5);
    const gaps = new Set(items.map((a) => a.sending_gap).filter((v) => v !== undefined));
    expect(gaps.size).toBeGreaterThanOrEqual(4);
    for (const gap of gaps) expect(gap as number).toBeLessThanOrEqual(30);
    expect(share(items, (a) => typeof a.tracking_domain_name === 'string')).toBeGreaterThan(0.6);
    expect(items.filter((a) => a.status === 1 && a.timestamp_last_used !== undefined).length).toBeGreaterThan(
      200,
    );
  });

  it('spreads creation over roughly 18 months with several inboxes per domain', () => {
    const created = items.map((a) => Date.parse(a.timestamp_created as string));
    const span = (Math.max(...created) - Math.min(...created)) / 86_400_000;
    expect(span).toBeGreaterThan(300);
    expect(span).toBeLessThan(560);
    expect(Math.max(...created)).toBeLessThan(T0);
    const domains = new Set(items.map((a) => a.email.split('@')[1]));
    expect(items.length / domains.size).toBeGreaterThan(8);
    expect(items.length / domains.size).toBeLessThan(30);
  });

  it('every account parses with accountSchema and uses the percentage scale for warmup rates', () => {
    for (const a of items) expect(accountSchema.safeParse(a).success).toBe(true);
    const rates = items.flatMap((a) => {
      const advanced = (a.warmup as { advanced?: { open_rate?: number } } | undefined)?.advanced;
      return advanced?.open_rate === undefined ? [] : [advanced.open_rate];
    });
    expect(rates.length).toBeGreaterThan(0);
    expect(rates.every((r) => r >= 50 && r <= 100)).toBe(true);
  });

  it('has a handful of custom tags and 0–2 tags per account', async () => {
    const tags = (await call(sim, 'GET', '/custom-tags', { query: { limit: 100 } })).body as {
      items: unknown[];
    };
    expect(tags.items.length).toBeGreaterThanOrEqual(4);
    expect(tags.items.length).toBeLessThanOrEqual(7);
    const tagged = (await listAll(sim, { include_tags: true })).items;
    const counts = tagged.map((a) => (a.tags as unknown[]).length);
    expect(Math.max(...counts)).toBeLessThanOrEqual(2);
    expect(counts.filter((c) => c > 0).length).toBeGreaterThan(50);
    expect(counts.filter((c) => c === 0).length).toBeGreaterThan(100);
  });
});

describe('the catalog', () => {
  it('has entries for every cause, and Gmail, Microsoft and custom wording for the common ones', () => {
    for (const cause of CAUSE_IDS)
      expect(
        STATUS_MESSAGE_CATALOG.some((e) => e.cause === cause),
        cause,
      ).toBe(true);
    for (const cause of [
      'auth-failed',
      'blocked-for-spam',
      'throttled',
      'message-rejected',
      'recipient-problem',
    ] as const) {
      for (const provider of ['google', 'microsoft', 'custom'] as const) {
        expect(
          STATUS_MESSAGE_CATALOG.some((e) => e.cause === cause && e.providers.includes(provider)),
          `${cause}/${provider}`,
        ).toBe(true);
      }
    }
    expect(new Set(STATUS_MESSAGE_CATALOG.map((e) => e.id)).size).toBe(STATUS_MESSAGE_CATALOG.length);
  });
});

describe('other fleet sizes', () => {
  // How fast is measured by `npm run bench` (first sync of 10,000), not asserted here.
  it('builds 10,000 accounts with unique emails', () => {
    const clock = testClock();
    const data = generateWorkspace(demoSpec({ accounts: 10_000 }), clock.now());
    expect(new Set(data.accounts.map((r) => r.json.email)).size).toBe(10_000);
  });
});

describe('the catalog covers every row of REFERENCE §9.3', () => {
  // One matcher per table row: code and/or a distinctive piece of the reply, on the stored object.
  const rows: Array<[string, (m: { code?: string; command?: string; e_message?: string }) => boolean]> = [
    [
      'EAUTH XOAUTH2 access token',
      (m) =>
        m.code === 'EAUTH' &&
        m.command === 'AUTH XOAUTH2' &&
        /can't create new access token/.test(m.e_message ?? ''),
    ],
    [
      '550 5.4.5 daily user sending limit',
      (m) => m.code === 'EENVELOPE' && /550-5\.4\.5 daily user sending limit/.test(m.e_message ?? ''),
    ],
    [
      'Gmail 535-5.7.8',
      (m) => m.code === 'EAUTH' && /535-5\.7\.8 username and password not accepted/.test(m.e_message ?? ''),
    ],
    ['Gmail 534-5.7.9', (m) => /534-5\.7\.9 application-specific password required/.test(m.e_message ?? '')],
    [
      'Microsoft 5.7.139 SmtpClientAuthentication',
      (m) => /5\.7\.139 .*smtpclientauthentication is disabled/.test(m.e_message ?? ''),
    ],
    ['Microsoft 535 5.7.3', (m) => /535 5\.7\.3 authentication unsuccessful/.test(m.e_message ?? '')],
    ['custom 535 invalid login', (m) => m.code === 'EAUTH' && /invalid login: 535 /.test(m.e_message ?? '')],
    ['IMAP AUTHENTICATIONFAILED', (m) => /authenticationfailed/.test(m.e_message ?? '')],
    ['ETIMEDOUT CONN', (m) => m.code === 'ETIMEDOUT' && m.command === 'CONN'],
    ['ECONNECTION', (m) => m.code === 'ECONNECTION'],
    ['ESOCKET refused', (m) => m.code === 'ESOCKET' && /econnrefused/.test(m.e_message ?? '')],
    ['ESOCKET wrong version', (m) => m.code === 'ESOCKET' && /wrong version number/.test(m.e_message ?? '')],
    ['ESOCKET certificate', (m) => m.code === 'ESOCKET' && /cert/.test(m.e_message ?? '')],
    ['EDNS ENOTFOUND', (m) => m.code === 'EDNS' && /getaddrinfo enotfound/.test(m.e_message ?? '')],
    ['ETLS', (m) => m.code === 'ETLS'],
    [
      'MAIL FROM sender rejected',
      (m) => m.command === 'MAIL FROM' && /sender address rejected|send as/.test(m.e_message ?? ''),
    ],
    [
      'unsolicited / unusual activity',
      (m) => /unusual rate of unsolicited mail|unusual sending activity/.test(m.e_message ?? ''),
    ],
    [
      '421 4.7.0 try again later',
      (m) => /421.4\.7\.0 try again later, closing connection/.test(m.e_message ?? ''),
    ],
    [
      '454 4.7.0 too many login attempts',
      (m) => /454.4\.7\.0 too many login attempts/.test(m.e_message ?? ''),
    ],
    [
      '432 4.3.2 thread limit',
      (m) => /432 4\.3\.2 storedrv\.clientsubmit; sender thread limit exceeded/.test(m.e_message ?? ''),
    ],
    ['554 OutboundSpamException', (m) => /outboundspamexception/.test(m.e_message ?? '')],
    [
      '554 SubmissionQuotaExceededException',
      (m) => /submissionquotaexceededexception/.test(m.e_message ?? ''),
    ],
    ['EMESSAGE DATA', (m) => m.code === 'EMESSAGE' && m.command === 'DATA'],
    ['EPROTOCOL', (m) => m.code === 'EPROTOCOL'],
    ['EOAUTH2', (m) => m.code === 'EOAUTH2'],
    ['552 5.2.2 mailbox full', (m) => /552 5\.2\.2 .*mailbox full/.test(m.e_message ?? '')],
  ];
  const built = STATUS_MESSAGE_CATALOG.map((entry) =>
    buildStatusMessage(
      entry,
      {
        email: 'sam@brightgrid-mail.com',
        domain: 'brightgrid-mail.com',
        host: 'mail.brightgrid-mail.com',
        rng: new Rng(1),
      },
      false,
    ),
  );
  it.each(rows)('%s', (_, matches) => {
    expect(built.some(matches)).toBe(true);
  });

  it('reproduces the real samples exactly', () => {
    const entry = STATUS_MESSAGE_CATALOG.find((e) => e.id === 'xoauth2-access-token');
    expect(
      buildStatusMessage(
        entry!,
        { email: 'a@b.co', domain: 'b.co', host: 'smtp.gmail.com', rng: new Rng(1) },
        false,
      ),
    ).toEqual({
      code: 'EAUTH',
      command: 'AUTH XOAUTH2',
      e_message: "error: can't create new access token for user",
    });
    const spec = STATUS_MESSAGE_CATALOG.find((e) => e.id === 'gmail-550-5.4.5-daily-limit-short');
    expect(
      buildStatusMessage(
        spec!,
        { email: 'a@b.co', domain: 'b.co', host: 'smtp.gmail.com', rng: new Rng(1) },
        false,
      ),
    ).toEqual({
      code: 'EENVELOPE',
      command: 'DATA',
      response: '550-5.4.5 Daily user sending limit exceeded. For more information on Gmai',
      e_message: 'error: data command failed: 550-5.4.5 daily user sending limit exceeded',
      responseCode: 550,
    });
  });
});
