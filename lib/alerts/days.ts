import type { AlertWarmupDay } from './types';

// Day arithmetic on YYYY-MM-DD (UTC) strings, and reading an account's stored warmup days.

const DAY_MS = 86_400_000;

export function addDays(day: string, delta: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + delta * DAY_MS).toISOString().slice(0, 10);
}

/** The latest known health score on or before `day` (null when none is stored). */
export function scoreOnOrBefore(
  days: readonly Pick<AlertWarmupDay, 'day' | 'healthScore'>[],
  day: string,
): number | null {
  for (let i = days.length - 1; i >= 0; i--) {
    const d = days[i];
    if (d && d.day <= day && d.healthScore !== null) return d.healthScore;
  }
  return null;
}
