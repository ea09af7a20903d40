import type { AlertWarmupDay } from './types';

// Day arithmetic on YYYY-MM-DD (UTC) strings, and reading an account's stored warmup days.

const DAY_MS = 86_400_000;

/** The rules ask the same few (day, delta) pairs once per account: 10,000 date parses a run, saved. */
const shifted = new Map<string, string>();
const SHIFTED_MAX = 1000;

export function addDays(day: string, delta: number): string {
  const key = `${day}|${delta}`;
  const known = shifted.get(key);
  if (known !== undefined) return known;
  const out = new Date(Date.parse(`${day}T00:00:00Z`) + delta * DAY_MS).toISOString().slice(0, 10);
  if (shifted.size >= SHIFTED_MAX) shifted.clear();
  shifted.set(key, out);
  return out;
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
