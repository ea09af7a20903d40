import 'server-only';
import { campaignsRunOn, inboxRateOn, settingsOn, type AccountStory } from './account-story';
import { dayToDate, isWeekend } from './dates';
import { Rng } from './prng';

// Campaign sending per account and day (GET /accounts/analytics/daily), derived like the warmup
// counters: never more than the day's daily_limit, busy on weekdays, small bounce and reply counts
// that worsen while the account's placement is poor. Integers only, as the API returns.

export interface CampaignDayRow {
  date: string;
  email_account: string;
  sent: number;
  bounced: number;
  contacted: number;
  new_leads_contacted: number;
  opened: number;
  unique_opened: number;
  replies: number;
  unique_replies: number;
  replies_automatic: number;
  unique_replies_automatic: number;
  clicks: number;
  unique_clicks: number;
}

function binomial(rng: Rng, n: number, p: number): number {
  let hits = 0;
  for (let i = 0; i < n; i++) if (rng.next() < p) hits++;
  return hits;
}

/** The row for one day, or null on a day without sends (the API has no row then). */
export function campaignDay(
  seed: number,
  email: string,
  story: AccountStory,
  day: number,
): CampaignDayRow | null {
  if (!campaignsRunOn(story, day)) return null;
  const limit = settingsOn(story, day)?.daily_limit ?? story.defaultDailyLimit;
  if (limit <= 0) return null;
  const rng = Rng.from('campaign', seed, email, day);
  const factor = isWeekend(day) ? (rng.chance(0.25) ? rng.between(0.05, 0.3) : 0) : rng.between(0.7, 1);
  const sent = Math.min(limit, Math.floor(limit * factor));
  if (sent === 0) return null;
  const placement = inboxRateOn(story, day);
  // Poor placement goes with more bounces and fewer replies.
  const bounceRate = story.bounceRate + Math.max(0, 0.9 - placement) * 0.15;
  const bounced = binomial(rng, sent, bounceRate);
  const contacted = Math.max(1, Math.round(sent * rng.between(0.55, 0.85)));
  const newLeads = Math.round(contacted * rng.between(0.5, 0.9));
  const opened = story.tracksOpens ? Math.round(contacted * rng.between(0.2, 0.55) * placement) : 0;
  const uniqueOpened = Math.round(opened * rng.between(0.6, 0.85));
  const replies = binomial(rng, contacted, story.replyRate * placement);
  const uniqueReplies = Math.max(0, replies - binomial(rng, replies, 0.15));
  const automatic = binomial(rng, contacted, 0.012);
  const uniqueAutomatic = Math.max(0, automatic - binomial(rng, automatic, 0.2));
  const clicks = story.tracksOpens ? binomial(rng, opened, 0.06) : 0;
  const uniqueClicks = Math.max(0, clicks - binomial(rng, clicks, 0.25));
  return {
    date: dayToDate(day),
    email_account: email,
    sent,
    bounced,
    contacted,
    new_leads_contacted: newLeads,
    opened,
    unique_opened: uniqueOpened,
    replies,
    unique_replies: uniqueReplies,
    replies_automatic: automatic,
    unique_replies_automatic: uniqueAutomatic,
    clicks,
    unique_clicks: uniqueClicks,
  };
}
