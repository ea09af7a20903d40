import 'server-only';
import { dayToDate } from './dates';
import type { SettingsPoint } from './types';

// An account's "story": a few numbers from which every day of its history is computed on demand
// (nothing per day is stored, which keeps a 10,000-account fleet small). The archetypes give the
// dashboard the shapes it must explain: a steady inbox, a young one ramping up, one hurt by a daily
// limit increase and saved by lowering it again, one declining into a warmup ban, a new one, a paused one.

export const ARCHETYPES = [
  'steady-healthy',
  'ramping-up',
  'hurt-by-limit-increase',
  'declining',
  'new',
  'paused',
] as const;
export type Archetype = (typeof ARCHETYPES)[number];

export interface SettingsChange {
  day: number;
  daily_limit: number | null;
  sending_gap: number | null;
  warmup_limit: number | null;
}

/** A change made through the API: from `day` on, warmup and/or campaign sending is on or off. */
export interface ActivityEvent {
  day: number;
  warmup?: boolean;
  sending?: boolean;
}

export interface AccountStory {
  archetype: Archetype;
  createdDay: number;
  /** First day of warmup sends; null when warmup never ran. */
  warmupStartDay: number | null;
  /** First day warmup stopped (ban, pause, error, user disabled it); null while it runs. */
  warmupStopDay: number | null;
  campaignStartDay: number | null;
  campaignStopDay: number | null;
  /** Inbox rate the account settles at. */
  baseRate: number;
  rampDays: number;
  rampFromRate: number;
  /** hurt-by-limit-increase: the raise, the trough it causes, the day the limit came down again. */
  raiseDay: number | null;
  lowerDay: number | null;
  troughRate: number;
  /** declining: where the slide starts and the rate it ends at (on warmupStopDay). */
  declineFromDay: number | null;
  endRate: number;
  weekdayOnly: boolean;
  /** Daily growth of warmup volume (warmup.increment); null = "disabled" (full limit at once). */
  increment: number | null;
  /** Volumes used when the account has no warmup.limit / daily_limit key (managed accounts). */
  defaultWarmupLimit: number;
  defaultDailyLimit: number;
  bounceRate: number;
  replyRate: number;
  tracksOpens: boolean;
  settings: SettingsChange[];
  events: ActivityEvent[];
}

export function settingsOn(story: AccountStory, day: number): SettingsChange | undefined {
  let current: SettingsChange | undefined = story.settings[0];
  for (const point of story.settings) {
    if (point.day > day) break;
    current = point;
  }
  return current;
}

function applyEvents(story: AccountStory, day: number, base: boolean, key: 'warmup' | 'sending'): boolean {
  let on = base;
  for (const event of story.events) {
    if (event.day > day) break;
    const value = event[key];
    if (value !== undefined) on = value;
  }
  return on;
}

export function warmupRunsOn(story: AccountStory, day: number): boolean {
  const base =
    story.warmupStartDay !== null &&
    day >= story.warmupStartDay &&
    (story.warmupStopDay === null || day < story.warmupStopDay);
  return applyEvents(story, day, base, 'warmup');
}

export function campaignsRunOn(story: AccountStory, day: number): boolean {
  const base =
    story.campaignStartDay !== null &&
    day >= story.campaignStartDay &&
    (story.campaignStopDay === null || day < story.campaignStopDay);
  return applyEvents(story, day, base, 'sending');
}

/** Share of warmup mail landing in the inbox on that day, before daily noise. */
export function inboxRateOn(story: AccountStory, day: number): number {
  const base = story.baseRate;
  switch (story.archetype) {
    case 'ramping-up': {
      const start = story.warmupStartDay ?? day;
      const progress = Math.min(1, Math.max(0, (day - start) / story.rampDays));
      return story.rampFromRate + (base - story.rampFromRate) * Math.pow(progress, 0.8);
    }
    case 'hurt-by-limit-increase': {
      if (story.raiseDay === null || story.lowerDay === null || day < story.raiseDay) return base;
      if (day < story.lowerDay) {
        const progress = (day - story.raiseDay) / Math.max(1, story.lowerDay - story.raiseDay);
        return base - (base - story.troughRate) * progress;
      }
      const settled = base - 0.02;
      return settled - (settled - story.troughRate) * Math.exp(-(day - story.lowerDay) / 5);
    }
    case 'declining': {
      if (story.declineFromDay === null || day < story.declineFromDay) return base;
      const end = story.warmupStopDay ?? story.declineFromDay + 30;
      const progress = Math.min(1, (day - story.declineFromDay) / Math.max(1, end - story.declineFromDay));
      return base - (base - story.endRate) * progress;
    }
    default:
      return base;
  }
}

/**
 * The dated settings over the 90 days ending `today`: the state at the start of the window (or at
 * creation), then each change. Same-day changes collapse into the last one.
 */
export function settingsTimeline(story: AccountStory, today: number): SettingsPoint[] {
  const windowStart = today - 89;
  const points: SettingsPoint[] = [];
  const push = (day: number, change: SettingsChange) => {
    const point: SettingsPoint = {
      date: dayToDate(day),
      daily_limit: change.daily_limit,
      sending_gap: change.sending_gap,
      warmup_limit: change.warmup_limit,
    };
    const last = points[points.length - 1];
    if (last && last.date === point.date) points[points.length - 1] = point;
    else points.push(point);
  };
  const first = settingsOn(story, windowStart);
  if (first) push(Math.max(windowStart, story.createdDay), first);
  for (const change of story.settings) {
    if (change.day > windowStart && change.day <= today) push(change.day, change);
  }
  return points;
}
