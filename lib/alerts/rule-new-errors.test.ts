import { describe, expect, it } from 'vitest';
import { newErrorFindings } from './rule-new-errors';
import { account, domainAccounts, input } from './test-helpers';

const signInExpired = { status: -1, errorCause: 'oauth-token-revoked' };

describe('new errors', () => {
  it('makes one domain alert when every inbox of a domain fails the same way', () => {
    const findings = newErrorFindings(
      input([...domainAccounts('acme.io', 12, signInExpired), ...domainAccounts('other.io', 5)]),
      'ws_1',
    );
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({
      rule: 'new-errors',
      cause: 'oauth-token-revoked',
      scope: { kind: 'domain', value: 'acme.io' },
      severity: 'critical',
      title: '12 inboxes on acme.io: sign-in expired',
      filter: { cause: 'oauth-token-revoked', domain: 'acme.io' },
    });
    expect(finding?.emails).toHaveLength(12);
    expect(finding?.fix.length).toBeGreaterThan(0);
  });

  it('an open domain alert keeps its domain while any inbox still fails: one healed is no recovery', () => {
    const accounts = [account('a1@acme.io'), ...domainAccounts('acme.io', 12, signInExpired).slice(1)];
    const held = newErrorFindings(
      { ...input(accounts), heldDomains: new Set(['new-errors|oauth-token-revoked|acme.io']) },
      'ws_1',
    );
    expect(held.map((f) => [f.scope, f.emails.length, f.title])).toEqual([
      [{ kind: 'domain', value: 'acme.io' }, 11, '11 inboxes on acme.io: sign-in expired'],
    ]);
    // Another rule's open domain alert holds nothing for this one: the partial domain is a workspace group.
    const other = newErrorFindings(
      { ...input(accounts), heldDomains: new Set(['warmup-stopped|oauth-token-revoked|acme.io']) },
      'ws_1',
    );
    expect(other.map((f) => f.scope.kind)).toEqual(['workspace']);
  });

  it('groups by cause over the workspace when the domain is only partly broken', () => {
    const accounts = [
      ...domainAccounts('acme.io', 3, signInExpired),
      account('ok@acme.io'),
      account('b@beta.io', signInExpired),
      account('c@gamma.io', { status: -3, errorCause: 'daily-sending-limit' }),
    ];
    const findings = newErrorFindings(input(accounts), 'ws_1');
    expect(findings.map((f) => [f.cause, f.scope.kind, f.emails.length, f.severity])).toEqual([
      ['daily-sending-limit', 'workspace', 1, 'warning'],
      ['oauth-token-revoked', 'workspace', 4, 'critical'],
    ]);
  });

  it('names an error without a message by its triage group, and skips stale or healthy accounts', () => {
    const accounts = [
      account('x@one.io', { status: -2 }),
      account('y@two.io', { status: 1, errorCause: 'auth-failed', errorStale: true }),
    ];
    const findings = newErrorFindings(input(accounts), 'ws_1');
    expect(findings.map((f) => [f.cause, f.emails])).toEqual([['status-error-no-message', ['x@one.io']]]);
    expect(findings[0]?.filter).toEqual({ cause: 'none', status: '-1,-2,-3' });
  });

  it('does not treat a free-mail domain as one organisation', () => {
    const findings = newErrorFindings(input(domainAccounts('gmail.com', 3, signInExpired)), 'ws_1');
    expect(findings.map((f) => f.scope.kind)).toEqual(['workspace']);
  });
});
