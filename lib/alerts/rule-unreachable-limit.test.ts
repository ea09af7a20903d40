import { describe, expect, it } from 'vitest';
import { limitUnreachable, reachableSends, unreachableLimitFindings } from './rule-unreachable-limit';
import { account, input } from './test-helpers';

describe('unreachable daily limit', () => {
  it('does the arithmetic: gap 10 min × 8 h = 48 sends, so 75 is unreachable and 48 is not', () => {
    expect(reachableSends(10, 8)).toBe(48);
    expect(limitUnreachable(75, 10, 8)).toBe(true);
    expect(limitUnreachable(48, 10, 8)).toBe(false);
    expect(limitUnreachable(49, 10, 8)).toBe(true);
    // 7 min × 8 h = 68.57…: 68 whole sends.
    expect(reachableSends(7, 8)).toBe(68);
    // 10 min × 12 h = 72 still falls short of 75; 13 h (78) holds it.
    expect(limitUnreachable(75, 10, 12)).toBe(true);
    expect(limitUnreachable(75, 10, 13)).toBe(false);
  });

  it('has no cap without a gap', () => {
    expect(reachableSends(0, 8)).toBeNull();
    expect(limitUnreachable(500, null, 8)).toBe(false);
  });

  it('flags Active accounts with the workspace’s sending day', () => {
    const accounts = [
      account('too-high@one.io', { dailyLimit: 75, sendingGap: 10 }),
      account('fine@two.io', { dailyLimit: 40, sendingGap: 10 }),
      account('paused@three.io', { dailyLimit: 75, sendingGap: 10, status: 2 }),
    ];
    const findings = unreachableLimitFindings(input(accounts), 'ws_1');
    expect(findings.map((f) => [f.emails, f.severity])).toEqual([[['too-high@one.io'], 'warning']]);
    expect(findings[0]?.summary).toContain('48');
    expect(unreachableLimitFindings(input(accounts, { settings: { sendingDayHours: 13 } }), 'ws_1')).toEqual(
      [],
    );
  });
});
