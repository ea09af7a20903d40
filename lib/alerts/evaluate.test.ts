import { describe, expect, it } from 'vitest';
import { evaluateAlertRules } from './evaluate';
import { account, input } from './test-helpers';

describe('evaluating the rules', () => {
  it('skips the vitals rule without a vitals check, and leaves out rules that are off', () => {
    const accounts = [account('a@one.io', { status: -1, errorCause: 'auth-failed', warmupScore: 50 })];
    const after = evaluateAlertRules(
      input(accounts, { settings: { rules: { ...input([]).settings.rules, 'warmup-health': false } } }),
      'ws_1',
    );
    expect(after.evaluated).toEqual(['new-errors', 'warmup-stopped', 'unreachable-limit', 'limit-ramp']);
    expect(after.disabled).toEqual(['warmup-health']);
    expect(after.findings.map((f) => f.rule)).toEqual(['new-errors']);
    const daily = evaluateAlertRules(input(accounts, { vitals: [] }), 'ws_1');
    expect(daily.evaluated).toContain('domain-vitals');
    expect(daily.findings.map((f) => f.rule).sort()).toEqual(['new-errors', 'warmup-health']);
  });
});
