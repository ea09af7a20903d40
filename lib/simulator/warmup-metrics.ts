import 'server-only';
import { inboxRateOn, settingsOn, warmupRunsOn, type AccountStory } from './account-story';
import { dayToDate, isWeekend } from './dates';
import { Rng } from './prng';

// Warmup counters for one account and day, derived from (seed, email, day) and the story, so any day
// can be recomputed identically at any time. Shapes follow REFERENCE §4.9: counters that are zero are
// left out, as in the spec example, and health_score = round(100 × landed_inbox / sent).

export interface WarmupDay {
  sent: number;
  landed_inbox: number;
  landed_spam: number;
  received: number;
}

const EMPTY: WarmupDay = { sent: 0, landed_inbox: 0, landed_spam: 0, received: 0 };

export function warmupDay(seed: number, email: string, story: AccountStory, day: number): WarmupDay {
  if (!warmupRunsOn(story, day)) return EMPTY;
  if (story.weekdayOnly && isWeekend(day)) return EMPTY;
  const rng = Rng.from('warmup', seed, email, day);
  const limit = settingsOn(story, day)?.warmup_limit ?? story.defaultWarmupLimit;
  const start = story.warmupStartDay ?? day;
  // With an increment, volume starts small and grows by `increment` a day until it reaches the limit.
  const target =
    story.increment === null ? limit : Math.min(limit, 3 + story.increment * Math.max(0, day - start));
  const sent = Math.max(1, Math.round(target * rng.between(0.8, 1.05)));
  const rate = Math.min(1, Math.max(0, inboxRateOn(story, day) + rng.between(-0.025, 0.025)));
  let inbox = 0;
  for (let i = 0; i < sent; i++) if (rng.next() < rate) inbox++;
  const received = Math.round(sent * rng.between(0.75, 1.05));
  return { sent, landed_inbox: inbox, landed_spam: sent - inbox, received };
}

/** The wire form of a day: zero counters are omitted (the spec example leaves out landed_spam). */
export function warmupDayJson(stats: WarmupDay): Record<string, number> {
  const out: Record<string, number> = { sent: stats.sent, landed_inbox: stats.landed_inbox };
  if (stats.landed_spam > 0) out.landed_spam = stats.landed_spam;
  if (stats.received > 0) out.received = stats.received;
  return out;
}

export interface WarmupAggregate extends WarmupDay {
  health_score: number;
}

/**
 * The 7-day aggregate behind `health_score` and `stat_warmup_score`: the last 7 days, or — for an
 * account whose warmup stopped (paused, errored, banned) — the 7 days ending on its last day with
 * sends, so its score stays what it was when it stopped instead of falling to 0.
 */
export function warmupAggregate(
  seed: number,
  email: string,
  story: AccountStory,
  today: number,
): WarmupAggregate {
  let total = windowTotal(seed, email, story, today);
  if (total.sent === 0) {
    for (let day = today - 7; day > today - 90; day--) {
      if (warmupRunsOn(story, day) && warmupDay(seed, email, story, day).sent > 0) {
        total = windowTotal(seed, email, story, day);
        break;
      }
    }
  }
  const health_score = total.sent > 0 ? Math.round((100 * total.landed_inbox) / total.sent) : 0;
  return { ...total, health_score };
}

function windowTotal(seed: number, email: string, story: AccountStory, end: number): WarmupDay {
  const total = { ...EMPTY };
  for (let day = end - 6; day <= end; day++) {
    const stats = warmupDay(seed, email, story, day);
    total.sent += stats.sent;
    total.landed_inbox += stats.landed_inbox;
    total.landed_spam += stats.landed_spam;
    total.received += stats.received;
  }
  return total;
}

export function warmupAggregateJson(aggregate: WarmupAggregate): Record<string, number | string> {
  // Key order as in the spec example: counters, then the label, then the score.
  const out: Record<string, number | string> = { sent: aggregate.sent, landed_inbox: aggregate.landed_inbox };
  if (aggregate.landed_spam > 0) out.landed_spam = aggregate.landed_spam;
  if (aggregate.received > 0) out.received = aggregate.received;
  out.health_score_label = `${aggregate.health_score}%`;
  out.health_score = aggregate.health_score;
  return out;
}

/** `email_date_data[email]`: the days of the last 90 with sends, oldest first. */
export function warmupHistoryJson(
  seed: number,
  email: string,
  story: AccountStory,
  today: number,
): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (let day = today - 89; day <= today; day++) {
    const stats = warmupDay(seed, email, story, day);
    if (stats.sent > 0) out[dayToDate(day)] = warmupDayJson(stats);
  }
  return out;
}
