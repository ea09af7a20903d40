import { describe, expect, it } from 'vitest';
import { causeCatalog } from '@/lib/diagnostics/cause-catalog';
import type { TriageGroupId } from '@/lib/diagnostics/triage-groups';
import { accountFiltersBodySchema } from '@/lib/schemas/api-accounts';
import type { Account } from '@/lib/schemas/instantly-account';
import type { TriageGroup } from '@/lib/schemas/api-diagnostics';
import { matchingAccountKeys } from './account-query';
import { upsertAccounts } from './accounts-index';
import type { Db } from './db';
import { testDb } from './test-db';
import { triageBoard, triageGroupAccounts, type TriageScope } from './diagnostics-query';
import { account } from './fleet-test-helpers';

const oauth = {
  code: 'EAUTH',
  command: 'AUTH XOAUTH2',
  e_message: "error: can't create new access token for user",
};
const daily = {
  code: 'EENVELOPE',
  command: 'DATA',
  response:
    '550-5.4.5 Daily user sending limit exceeded. For more information on Gmail\n550 5.4.5 sending limits - gsmtp',
  responseCode: 550,
};
const dns = { code: 'EDNS', command: 'CONN', e_message: 'error: getaddrinfo enotfound mail.broken.example' };
const mailboxFull = {
  code: 'EENVELOPE',
  command: 'RCPT TO',
  response: '552 5.2.2 <x@prospect.example>: Mailbox full',
  responseCode: 552,
};

const labels = new Map([
  ['ws_a', 'Agency A'],
  ['ws_b', 'Client B'],
]);
const scopeOf = (workspaceIds: string[], scope: 'active' | 'all' = 'all'): TriageScope => ({
  scope,
  workspaceIds,
  workspaceLabels: labels,
});

/**
 * A fleet with every situation the board must tell apart: one cause on several providers, a whole
 * domain down, a domain only partly down, stale messages (alone and next to a warmup ban), every
 * warmup trouble, an error without a message, and a second workspace.
 */
async function seeded(): Promise<Db> {
  const db = await testDb();
  const a = (overrides: Partial<Account> & { email: string }) => account(overrides);
  await upsertAccounts(db, 'ws_a', [
    // oauth-token-revoked: the whole of downdomain.io (3 inboxes), plus one Microsoft inbox elsewhere.
    a({
      email: 'a1@downdomain.io',
      status: -1,
      provider_code: 2,
      status_message: oauth,
      autofix_failed: true,
      daily_limit: 40,
    }),
    a({
      email: 'a2@downdomain.io',
      status: -1,
      provider_code: 2,
      status_message: oauth,
      autofix_failed: null,
      daily_limit: 20,
    }),
    a({
      email: 'a3@downdomain.io',
      status: -1,
      provider_code: 2,
      status_message: oauth,
      autofix_failed: true,
      daily_limit: 30,
    }),
    a({
      email: 'm1@mixed.co',
      status: -1,
      provider_code: 3,
      status_message: oauth,
      autofix_failed: false,
      daily_limit: null,
    }),
    // mixed.co also has a healthy inbox and a daily-limit one: not a domain problem.
    a({ email: 'm2@mixed.co', status: 1, provider_code: 3 }),
    a({ email: 'm3@mixed.co', status: -3, provider_code: 2, status_message: daily, daily_limit: 80 }),
    // daily-sending-limit on two inboxes of a domain that has a third, healthy one.
    a({ email: 'd1@partial.net', status: -3, provider_code: 2, status_message: daily, daily_limit: 100 }),
    a({ email: 'd2@partial.net', status: -3, provider_code: 2, status_message: daily, daily_limit: 60 }),
    a({ email: 'd3@partial.net', status: 1, provider_code: 2 }),
    // Two DNS failures on a 2-inbox domain: a domain problem of its own.
    a({ email: 'x1@broken.example', status: -1, provider_code: 1, status_message: dns }),
    a({ email: 'x2@broken.example', status: -1, provider_code: 1, status_message: dns }),
    // Stale: Active again with an old message: not on the board...
    a({ email: 's1@stale.org', status: 1, warmup_status: 1, provider_code: 2, status_message: daily }),
    // ...unless its warmup is in trouble: then it counts under the warmup group, flagged stale.
    a({ email: 's2@stale.org', status: 1, warmup_status: -1, provider_code: 2, status_message: daily }),
    // Warmup troubles without a message.
    a({ email: 'w1@warm.io', status: 1, warmup_status: -1, provider_code: 3 }),
    a({ email: 'w2@warm.io', status: 1, warmup_status: -2, provider_code: 1 }),
    a({ email: 'w3@warm.io', status: 2, warmup_status: -3, provider_code: 2 }),
    // An error state without a message.
    a({ email: 'n1@nomsg.io', status: -2, warmup_status: 1, provider_code: 4 }),
    // Paused with a current message: still on the board (the message is not stale).
    a({ email: 'p1@paused.io', status: 2, warmup_status: 0, provider_code: 2, status_message: daily }),
    // A recipient problem: low urgency.
    a({ email: 'r1@rcpt.io', status: -2, provider_code: 2, status_message: mailboxFull }),
    a({ email: 'r2@rcpt2.io', status: -2, provider_code: 2, status_message: mailboxFull }),
    // Two failing gmail.com inboxes are a coincidence, not a domain problem.
    a({ email: 'g1@gmail.com', status: -1, provider_code: 2, status_message: oauth }),
    a({ email: 'g2@gmail.com', status: -1, provider_code: 2, status_message: oauth }),
    // Healthy.
    a({ email: 'ok@fine.io', status: 1, warmup_status: 1, provider_code: 2 }),
  ]);
  await upsertAccounts(db, 'ws_b', [
    a({
      email: 'b1@otherclient.com',
      status: -1,
      provider_code: 2,
      status_message: oauth,
      autofix_failed: true,
    }),
    // Same domain as ws_a's whole-domain outage, but healthy: with both workspaces in scope the
    // domain is no longer failing as a whole.
    a({ email: 'a4@downdomain.io', status: 1, provider_code: 2 }),
  ]);
  return db;
}

const group = (groups: TriageGroup[], id: string) => {
  const found = groups.find((g) => g.id === id);
  if (!found) throw new Error(`no group ${id} in ${groups.map((g) => g.id).join(', ')}`);
  return found;
};
const emails = (g: TriageGroup) => g.accounts.map((a) => `${a.workspaceId}:${a.email}`);

describe('triage board', () => {
  it('puts every account in trouble in exactly one group, and nothing healthy or stale-only', async () => {
    const board = await triageBoard(await seeded(), scopeOf(['ws_a']));
    const ids = board.groups.map((g) => g.id).sort();
    expect(ids).toEqual(
      [
        'daily-sending-limit',
        'dns-error',
        'oauth-token-revoked',
        'recipient-problem',
        'status-error-no-message',
        'warmup-banned',
        'warmup-spam-folder-unknown',
        'warmup-suspended',
      ].sort(),
    );
    const all = board.groups.flatMap(emails);
    expect(new Set(all).size).toBe(all.length);
    expect(board.total).toBe(all.length);
    expect(board.total).toBe(19);
    expect(board.fleetTotal).toBe(23);
    expect(all).not.toContain('ws_a:s1@stale.org');
    expect(all).not.toContain('ws_a:ok@fine.io');
    expect(all).not.toContain('ws_a:m2@mixed.co');
    expect(group(board.groups, 'oauth-token-revoked').count).toBe(6);
    expect(emails(group(board.groups, 'daily-sending-limit')).sort()).toEqual([
      'ws_a:d1@partial.net',
      'ws_a:d2@partial.net',
      'ws_a:m3@mixed.co',
      'ws_a:p1@paused.io',
    ]);
  });

  it('orders groups by the catalog urgency, then by size', async () => {
    const board = await triageBoard(await seeded(), scopeOf(['ws_a']));
    expect(board.groups.map((g) => g.id)).toEqual([
      'oauth-token-revoked', // 10
      'warmup-banned', // 55
      'warmup-suspended', // 65
      'daily-sending-limit', // 70
      'dns-error', // 90
      'status-error-no-message', // 135
      'warmup-spam-folder-unknown', // 145
      'recipient-problem', // 180
    ]);
    const urgencies = board.groups.map((g) => g.urgency);
    expect([...urgencies].sort((x, y) => x - y)).toEqual(urgencies);
  });

  it('puts a small urgent group before a large less urgent one', async () => {
    const db = await testDb();
    await upsertAccounts(db, 'ws_a', [
      ...Array.from({ length: 5 }, (_, i) =>
        account({ email: `r${i}@r${i}.io`, status: -2, status_message: mailboxFull }),
      ),
      account({ email: 'o@o.io', status: -1, status_message: oauth }),
    ]);
    const board = await triageBoard(db, scopeOf(['ws_a']));
    expect(board.groups.map((g) => [g.id, g.count])).toEqual([
      ['oauth-token-revoked', 1],
      ['recipient-problem', 5],
    ]);
    expect(causeCatalog['oauth-token-revoked'].urgency).toBeLessThan(
      causeCatalog['recipient-problem'].urgency,
    );
  });

  it('counts providers, domains, workspaces, autofix failures and daily limits per group', async () => {
    const board = await triageBoard(await seeded(), scopeOf(['ws_a', 'ws_b']));
    const oauthGroup = group(board.groups, 'oauth-token-revoked');
    expect(oauthGroup.count).toBe(7);
    expect(oauthGroup.autofixFailed).toBe(3);
    expect(oauthGroup.providers).toEqual([
      { value: '2', label: 'Google', count: 6 },
      { value: '3', label: 'Microsoft', count: 1 },
    ]);
    expect(oauthGroup.domains[0]).toEqual({ value: 'downdomain.io', label: 'downdomain.io', count: 3 });
    expect(oauthGroup.domainCount).toBe(4);
    expect(oauthGroup.workspaces).toEqual([
      { value: 'ws_a', label: 'Agency A', count: 6 },
      { value: 'ws_b', label: 'Client B', count: 1 },
    ]);
    // Limits 40, 20, 30 and the account defaults (30) on the rest; Microsoft's is null.
    expect(oauthGroup.dailyLimit).toEqual({ min: 20, max: 40, suggested: 15 });
    // Autofix gave up: listed first.
    expect(oauthGroup.accounts.slice(0, 3).every((a) => a.autofixFailed === true)).toBe(true);
    // Two provider families: the fix once per family, the generic explanation.
    expect(oauthGroup.fixes.map((f) => [f.provider, f.count])).toEqual([
      ['google', 6],
      ['microsoft', 1],
    ]);
    expect(oauthGroup.fixes[0]?.steps).toEqual([...causeCatalog['oauth-token-revoked'].fix.google]);
    expect(oauthGroup.title).toBe(causeCatalog['oauth-token-revoked'].title);
    expect(oauthGroup.actions).toEqual(['mark-fixed']);
    // One provider family: that provider's own wording.
    const daily = group(board.groups, 'daily-sending-limit');
    expect(daily.fixes.map((f) => f.provider)).toEqual(['google']);
    expect(daily.explanation).toBe(causeCatalog['daily-sending-limit'].byProvider.google?.explanation);
    expect(daily.actions).toEqual(['set-daily-limit', 'pause', 'mark-fixed']);
    expect(daily.dailyLimit).toEqual({ min: 30, max: 100, suggested: 30 });
  });

  it('gives warmup troubles without a message groups of their own, and an Active account with a stale message too', async () => {
    const board = await triageBoard(await seeded(), scopeOf(['ws_a']));
    const banned = group(board.groups, 'warmup-banned');
    expect(emails(banned)).toEqual(['ws_a:w1@warm.io', 'ws_a:s2@stale.org']);
    expect(banned.stale).toBe(1);
    expect(banned.kind).toBe('warmup');
    expect(banned.actions).toEqual(['pause', 'disable-warmup']);
    expect(emails(group(board.groups, 'warmup-spam-folder-unknown'))).toEqual(['ws_a:w2@warm.io']);
    expect(group(board.groups, 'warmup-spam-folder-unknown').actions).toContain('enable-warmup');
    expect(emails(group(board.groups, 'warmup-suspended'))).toEqual(['ws_a:w3@warm.io']);
    expect(emails(group(board.groups, 'status-error-no-message'))).toEqual(['ws_a:n1@nomsg.io']);
    // A cause group never counts a stale message.
    expect(board.groups.filter((g) => g.kind === 'cause').every((g) => g.stale === 0)).toBe(true);
  });

  it('gives each group a bulk target that selects exactly its accounts', async () => {
    const db = await seeded();
    for (const workspaceIds of [['ws_a'], ['ws_a', 'ws_b']]) {
      const board = await triageBoard(db, scopeOf(workspaceIds));
      for (const g of board.groups) {
        const { scope, ws: _ws, ...filters } = accountFiltersBodySchema.parse(g.target.filters);
        expect(scope).toBe('all');
        const excluded = new Set(g.target.excluded.map((k) => `${k.workspaceId}:${k.email}`));
        const selected = (await matchingAccountKeys(db, { workspaceIds, ...filters }))
          .map((k) => `${k.workspaceId}:${k.email}`)
          .filter((k) => !excluded.has(k))
          .sort();
        const members = (
          await triageGroupAccounts(db, scopeOf(workspaceIds), g.id as TriageGroupId, {
            offset: 0,
            limit: 1000,
          })
        ).accounts
          .map((a) => `${a.workspaceId}:${a.email}`)
          .sort();
        expect(selected, g.id).toEqual(members);
        expect(members.length, g.id).toBe(g.count);
      }
    }
    const board = await triageBoard(db, scopeOf(['ws_a']));
    // The stale accounts match the daily-limit filter but are not in the group: excluded.
    expect(group(board.groups, 'daily-sending-limit').target).toEqual({
      filters: { scope: 'all', cause: ['daily-sending-limit'] },
      excluded: [
        { workspaceId: 'ws_a', email: 's1@stale.org' },
        { workspaceId: 'ws_a', email: 's2@stale.org' },
      ],
    });
    expect(group(board.groups, 'warmup-banned').target).toEqual({
      filters: { scope: 'all', warmup: [-1] },
      excluded: [],
    });
    expect(group(board.groups, 'status-error-no-message').target.filters).toEqual({
      scope: 'all',
      status: [-1, -2, -3],
      cause: ['none'],
    });
  });

  it('calls out domains where every inbox fails the same way', async () => {
    const db = await seeded();
    const onlyA = await triageBoard(db, scopeOf(['ws_a']));
    expect(onlyA.domainProblems.map((p) => [p.domain, p.groupId, p.count])).toEqual([
      ['downdomain.io', 'oauth-token-revoked', 3],
      ['broken.example', 'dns-error', 2],
    ]);
    expect(onlyA.domainProblems[0]).toMatchObject({
      title: causeCatalog['oauth-token-revoked'].title,
      severity: 'critical',
      workspaces: [{ value: 'ws_a', label: 'Agency A', count: 3 }],
    });
    // ws_b holds a healthy inbox of downdomain.io: in a scope with both, the domain is not wholly down.
    const both = await triageBoard(db, scopeOf(['ws_a', 'ws_b']));
    expect(both.domainProblems.map((p) => p.domain)).toEqual(['broken.example']);
  });

  it('keeps to the workspaces in scope', async () => {
    const db = await seeded();
    const onlyB = await triageBoard(db, scopeOf(['ws_b'], 'active'));
    expect(onlyB.groups.map((g) => [g.id, g.count])).toEqual([['oauth-token-revoked', 1]]);
    expect(onlyB.groups[0]?.target.filters.scope).toBe('active');
    expect(onlyB.groups[0]?.target.excluded).toEqual([]);
    expect(onlyB.fleetTotal).toBe(2);
    expect(await triageBoard(db, scopeOf([]))).toEqual({
      total: 0,
      fleetTotal: 0,
      groups: [],
      domainProblems: [],
    });
    expect(
      (await triageGroupAccounts(db, scopeOf([]), 'oauth-token-revoked', { offset: 0, limit: 10 })).total,
    ).toBe(0);
  });

  it('pages a group in board order and sends at most 20 accounts with the board', async () => {
    const db = await testDb();
    await upsertAccounts(
      db,
      'ws_a',
      Array.from({ length: 45 }, (_, i) =>
        account({
          email: `u${String(i).padStart(2, '0')}@big${i}.io`,
          status: -1,
          status_message: oauth,
          autofix_failed: i % 10 === 9,
        }),
      ),
    );
    const board = await triageBoard(db, scopeOf(['ws_a']));
    const only = group(board.groups, 'oauth-token-revoked');
    expect(only.count).toBe(45);
    expect(only.accounts).toHaveLength(20);
    expect(only.accounts.slice(0, 4).map((a) => a.email)).toEqual([
      'u09@big9.io',
      'u19@big19.io',
      'u29@big29.io',
      'u39@big39.io',
    ]);
    const page = await triageGroupAccounts(db, scopeOf(['ws_a']), 'oauth-token-revoked', {
      offset: 20,
      limit: 20,
    });
    expect(page).toMatchObject({ groupId: 'oauth-token-revoked', total: 45, offset: 20 });
    expect(page.accounts).toHaveLength(20);
    const last = await triageGroupAccounts(db, scopeOf(['ws_a']), 'oauth-token-revoked', {
      offset: 40,
      limit: 20,
    });
    expect(last.accounts).toHaveLength(5);
    const everything = [...only.accounts, ...page.accounts, ...last.accounts].map((a) => a.email);
    expect(new Set(everything).size).toBe(45);
  });
});
