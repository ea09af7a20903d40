import { describe, expect, it } from 'vitest';
import { aimedPollAt, firstPollDelay, nextPollDelay, paceOf } from './poll-timing';

const timing = { pollInitialMs: 1000, pollFactor: 1.5, pollMaxMs: 5000 };

describe('poll timing', () => {
  it('reads a pace (ms per email) only from a job part-way done', () => {
    expect(paceOf(2000, 40, 100)).toBe(50);
    expect(paceOf(2000, 0, 100)).toBeNull();
    expect(paceOf(2000, 100, 100)).toBeNull();
    expect(paceOf(0, 40, 100)).toBeNull();
  });

  it('aims the next poll at the expected end, within the shortest and longest waits', () => {
    // 40% after 2 s: 5 s in all, 3 s left.
    expect(nextPollDelay({ elapsedMs: 2000, progress: 40, size: 100, lastIntervalMs: 1000 }, timing)).toBe(3000);
    // 10% after 2 s: 18 s left, capped at the longest wait.
    expect(nextPollDelay({ elapsedMs: 2000, progress: 10, size: 100, lastIntervalMs: 1000 }, timing)).toBe(5000);
    // All but done: a short wait, never a burst of polls.
    expect(nextPollDelay({ elapsedMs: 4000, progress: 99, size: 100, lastIntervalMs: 1000 }, timing)).toBe(250);
  });

  it('backs off from the last wait while a job shows no progress', () => {
    expect(nextPollDelay({ elapsedMs: 1000, progress: 0, size: 100, lastIntervalMs: 1000 }, timing)).toBe(1500);
    expect(nextPollDelay({ elapsedMs: 9000, progress: 0, size: 100, lastIntervalMs: 4000 }, timing)).toBe(5000);
    expect(nextPollDelay({ elapsedMs: 0, progress: 0, size: 100, lastIntervalMs: 0 }, timing)).toBe(1000);
  });

  it('polls a new job first at its expected end once the workspace has shown a pace', () => {
    expect(firstPollDelay(undefined, 100, timing)).toBe(1000);
    expect(firstPollDelay(45, 100, timing)).toBe(4500);
    expect(firstPollDelay(5, 100, timing)).toBe(1000);
    expect(firstPollDelay(500, 100, timing)).toBe(5000);
  });

  it('moves a due poll of a job without progress to its expected end, or polls now', () => {
    const job = { startedAtMs: 10_000, progress: 0, size: 100 };
    // Started at 10 s, 45 ms per email: expected at 14.5 s.
    expect(aimedPollAt(job, 45, 11_000, timing)).toBe(14_500);
    // Never more than the longest wait away.
    expect(aimedPollAt(job, 200, 11_000, timing)).toBe(16_000);
    // Nearly due, no pace, or progress of its own: poll now.
    expect(aimedPollAt(job, 45, 14_400, timing)).toBeNull();
    expect(aimedPollAt(job, undefined, 11_000, timing)).toBeNull();
    expect(aimedPollAt({ ...job, progress: 20 }, 45, 11_000, timing)).toBeNull();
  });
});
