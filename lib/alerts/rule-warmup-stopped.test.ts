import { describe, expect, it } from 'vitest';
import { warmupSilent, warmupStoppedFindings } from './rule-warmup-stopped';
import { TODAY, account, input } from './test-helpers';

const day = (d: string, sent: number) => ({ day: d, sent, healthScore: null });

describe('warmup stopped', () => {
  it('alerts on banned, suspended and spam-folder-unknown, each its own cause, all critical', () => {
    const findings = warmupStoppedFindings(
      input([
        account('a@one.io', { warmupStatus: -1 }),
        account('b@two.io', { warmupStatus: -3 }),
        account('c@three.io', { warmupStatus: -2 }),
        account('d@four.io', { warmupStatus: 0 }),
      ]),
      'ws_1',
    );
    expect(findings.map((f) => [f.cause, f.severity, f.filter.warmup])).toEqual([
      ['warmup-banned', 'critical', '-1'],
      ['warmup-spam-folder-unknown', 'critical', '-2'],
      ['warmup-suspended', 'critical', '-3'],
    ]);
  });

  it('alerts when warmup is on but the two last full days sent nothing', () => {
    const silent = [day('2026-11-29', 4), day('2026-11-30', 0), day('2026-12-01', 0), day(TODAY, 0)];
    const sending = [day('2026-11-30', 0), day('2026-12-01', 3)];
    const findings = warmupStoppedFindings(
      input([account('quiet@one.io'), account('busy@two.io'), account('paused@three.io', { status: 2 })], {
        warmupDays: { 'quiet@one.io': silent, 'busy@two.io': sending, 'paused@three.io': silent },
      }),
      'ws_1',
    );
    expect(findings.map((f) => [f.cause, f.emails])).toEqual([['warmup-not-sending', ['quiet@one.io']]]);
  });

  it('does not read a day that is not stored as a day without sends', () => {
    expect(warmupSilent([day('2026-12-01', 0)], TODAY)).toBe(false);
    expect(warmupSilent([day('2026-11-30', 0), day('2026-12-01', 0)], TODAY)).toBe(true);
  });
});
