import { describe, expect, it } from 'vitest';
import { scoreDrop, warmupHealthFindings } from './rule-warmup-health';
import { TODAY, account, domainAccounts, input } from './test-helpers';

const scored = (entries: Array<[string, number | null]>) =>
  entries.map(([day, healthScore]) => ({ day, sent: 10, healthScore }));

describe('warmup health', () => {
  it('flags a score below the threshold, and rolls a whole domain into one alert', () => {
    const findings = warmupHealthFindings(
      input([
        ...domainAccounts('low.io', 3, { warmupScore: 70 }),
        account('ok@fine.io'),
        account('x@solo.io', { warmupScore: 79 }),
      ]),
      'ws_1',
    );
    expect(findings.map((f) => [f.cause, f.scope.kind, f.scope.value, f.emails.length, f.severity])).toEqual([
      ['score-below-threshold', 'domain', 'low.io', 3, 'warning'],
      ['score-below-threshold', 'workspace', 'ws_1', 1, 'warning'],
    ]);
    expect(findings[0]?.title).toBe('3 inboxes on low.io: warmup score below 80');
  });

  it('follows the workspace threshold and ignores accounts whose warmup is off', () => {
    const accounts = [
      account('a@one.io', { warmupScore: 85 }),
      account('b@two.io', { warmupScore: 50, warmupStatus: 0 }),
    ];
    expect(
      warmupHealthFindings(input(accounts, { settings: { warmupScoreThreshold: 90 } }), 'ws_1').map(
        (f) => f.emails,
      ),
    ).toEqual([['a@one.io']]);
  });

  it('flags a fall of N points over D days from the stored scores', () => {
    const history = scored([
      ['2026-11-27', 99],
      ['2026-11-29', 96],
      ['2026-11-30', 90],
      ['2026-12-01', 86],
    ]);
    // 3 days back from 2026-12-02 is 2026-11-29 (96); now 85: a drop of 11.
    expect(scoreDrop(85, history, TODAY, 3)).toBe(11);
    const findings = warmupHealthFindings(
      input([account('falling@one.io', { warmupScore: 85 }), account('steady@two.io', { warmupScore: 88 })], {
        warmupDays: { 'falling@one.io': history, 'steady@two.io': scored([['2026-11-29', 90]]) },
      }),
      'ws_1',
    );
    expect(findings.map((f) => [f.cause, f.emails])).toEqual([['score-dropped', ['falling@one.io']]]);
  });

  it('knows no drop without a score from before the window', () => {
    expect(scoreDrop(70, scored([['2026-11-30', 95]]), TODAY, 3)).toBeNull();
  });
});
