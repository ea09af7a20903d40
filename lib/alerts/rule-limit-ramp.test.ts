import { describe, expect, it } from 'vitest';
import { limitAt, limitRampFindings, raisePercent } from './rule-limit-ramp';
import { account, input } from './test-helpers';

const limits = (entries: Array<[string, number]>) =>
  entries.map(([observedAt, dailyLimit]) => ({ observedAt: `${observedAt}T08:00:00.000Z`, dailyLimit }));
const scores = (entries: Array<[string, number]>) =>
  entries.map(([day, healthScore]) => ({ day, sent: 10, healthScore }));

describe('daily limit raised faster than the ramp', () => {
  it('reads the limit in force at the window start', () => {
    const history = limits([
      ['2026-11-20', 20],
      ['2026-11-28', 30],
      ['2026-12-01', 60],
    ]);
    expect(limitAt(history, '2026-11-29T23:59:59.999Z')).toBe(30);
    expect(limitAt(history, '2026-11-01T00:00:00.000Z')).toBeNull();
    expect(raisePercent(30, 60)).toBe(100);
    expect(raisePercent(0, 60)).toBeNull();
  });

  it('flags a raise above the ramp while the score falls, not while it holds', () => {
    const history = limits([
      ['2026-11-20', 30],
      ['2026-12-01', 50],
    ]);
    const falling = scores([['2026-11-29', 97]]);
    const holding = scores([['2026-11-29', 90]]);
    const findings = limitRampFindings(
      input(
        [
          account('raised@one.io', { dailyLimit: 50, warmupScore: 91 }),
          account('steady@two.io', { dailyLimit: 50, warmupScore: 92 }),
          account('small@three.io', { dailyLimit: 33, warmupScore: 91 }),
        ],
        {
          limitHistory: { 'raised@one.io': history, 'steady@two.io': history, 'small@three.io': history },
          warmupDays: { 'raised@one.io': falling, 'steady@two.io': holding, 'small@three.io': falling },
        },
      ),
      'ws_1',
    );
    expect(findings.map((f) => [f.rule, f.emails, f.severity])).toEqual([
      ['limit-ramp', ['raised@one.io'], 'warning'],
    ]);
  });
});
