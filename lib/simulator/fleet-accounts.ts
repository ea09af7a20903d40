import 'server-only';
import type { AccountStory, Archetype, SettingsChange } from './account-story';
import { DAY_MS, dayOf, HOUR_MS, iso, MINUTE_MS } from './dates';
import type { DomainPlan } from './fleet-domains';
import { FIRST_NAMES, LAST_NAMES, SIGNATURES } from './name-lists';
import type { Rng } from './prng';
import type { ProviderGroup } from './status-message-catalog';
import type { AccountJson, WarmupAdvancedJson, WarmupJson } from './types';
import { searchTextOf, type AccountRecord } from './workspace-state';

// One seeded inbox: name and address, settings and their 90-day history, its story (archetype and
// the days that shape its analytics), and the account object with the keys a real one of its kind
// has (managed accounts lack warmup, daily_limit, sending_gap and added_by; so do new ones).

const PROVIDER_CODES: Record<ProviderGroup, number> = { custom: 1, google: 2, microsoft: 3, aws: 4 };

export interface Draft {
  record: AccountRecord;
  plan: DomainPlan;
  rng: Rng;
}

const pickInt = (rng: Rng, values: readonly number[]) => rng.pick(values);

/** The keys a new account lacks until a person sets them (the recorded new account has none). */
const SET_BY_A_PERSON = [
  'warmup',
  'daily_limit',
  'sending_gap',
  'added_by',
  'modified_by',
  'enable_slow_ramp',
  'inbox_placement_test_limit',
  'signature',
  'reply_to',
] as const satisfies ReadonlyArray<keyof AccountJson>;

export interface BuildContext {
  plan: DomainPlan;
  index: number;
  rng: Rng;
  users: string[];
  company: string;
  anchorDay: number;
  anchorStart: number;
  id: string;
  usedEmails: Set<string>;
}

function uniqueEmail(rng: Rng, first: string, last: string, domain: string, used: Set<string>): string {
  const f = first.toLowerCase().replace(/[^a-z]/g, '');
  const l = last.toLowerCase().replace(/[^a-z]/g, '');
  const candidates = rng.shuffle([
    `${f}`,
    `${f}.${l}`,
    `${f}${l.charAt(0)}`,
    `${f.charAt(0)}.${l}`,
    `${f}${l}`,
    `${f}_${l}`,
    `${f}.${l.charAt(0)}`,
  ]);
  // Prefer the common shapes: first name alone and first.last are what most teams use.
  candidates.sort(
    (a, b) => (a === f || a === `${f}.${l}` ? -1 : 0) - (b === f || b === `${f}.${l}` ? -1 : 0),
  );
  for (const local of candidates) {
    const email = `${local}@${domain}`;
    if (!used.has(email)) {
      used.add(email);
      return email;
    }
  }
  for (let n = 2; ; n++) {
    const email = `${f}.${l}${n}@${domain}`;
    if (!used.has(email)) {
      used.add(email);
      return email;
    }
  }
}

function chooseArchetype(plan: DomainPlan, rng: Rng): Archetype {
  if (plan.kind === 'new') return 'new';
  if (plan.kind === 'ramping') return 'ramping-up';
  if (plan.kind === 'dfy' || plan.cluster !== null) return 'steady-healthy';
  const archetype = rng.weighted<Archetype>([
    ['steady-healthy', 62],
    ['hurt-by-limit-increase', 11],
    ['declining', 9],
    ['paused', 8],
  ]);
  // A limit-increase story needs history before the raise; a young inbox just stays steady.
  if (archetype === 'hurt-by-limit-increase' && plan.ageDays < 80) return 'steady-healthy';
  if (archetype === 'declining' && plan.ageDays < 55) return 'steady-healthy';
  return archetype;
}

function buildWarmup(rng: Rng, managed: boolean): WarmupJson | undefined {
  if (managed) return undefined;
  const advanced = (): WarmupAdvancedJson =>
    rng.chance(0.15)
      ? { warm_ctd: rng.chance(0.5), read_emulation: true, weekday_only: rng.chance(0.6) }
      : {
          warm_ctd: rng.chance(0.5),
          open_rate: pickInt(rng, [100, 100, 95, 90, 80]),
          important_rate: pickInt(rng, [100, 100, 80, 60]),
          read_emulation: rng.chance(0.85),
          spam_save_rate: pickInt(rng, [100, 100, 90, 80]),
          weekday_only: rng.chance(0.6),
        };
  const limit = pickInt(rng, [10, 15, 20, 20, 25, 30, 30, 40, 50]);
  const increment = rng.weighted<string>([
    ['disabled', 45],
    ['1', 15],
    ['2', 15],
    ['3', 10],
    ['4', 10],
    ['0', 5],
  ]);
  const replyRate = pickInt(rng, [30, 40, 50, 60]);
  const shape = rng.weighted<'full' | 'advanced' | 'empty' | 'plain'>([
    ['full', 60],
    ['advanced', 20],
    ['empty', 8],
    ['plain', 12],
  ]);
  if (shape === 'empty') return {};
  if (shape === 'advanced') return { advanced: advanced() };
  const warmup: WarmupJson = { limit };
  if (shape === 'full') warmup.advanced = advanced();
  if (shape === 'full' && rng.chance(0.25)) warmup.warmup_custom_ftag = `${rng.hex(4)}${rng.int(10, 99)}`;
  warmup.increment = increment;
  warmup.reply_rate = replyRate;
  return warmup;
}

function buildSettings(
  archetype: Archetype,
  rng: Rng,
  createdDay: number,
  anchorDay: number,
  managed: boolean,
  warmupLimit: number | null,
): SettingsChange[] {
  if (managed) return [{ day: createdDay, daily_limit: null, sending_gap: null, warmup_limit: null }];
  const clampLimit = (n: number) => Math.max(5, Math.min(100, Math.round(n / 5) * 5));
  let current: SettingsChange = {
    day: createdDay,
    daily_limit: pickInt(rng, [10, 15, 20, 25, 30, 30, 35, 40, 40, 50, 60, 75, 80]),
    sending_gap: pickInt(rng, [0, 5, 9, 10, 10, 15, 20, 30]),
    warmup_limit: warmupLimit,
  };
  const points: SettingsChange[] = [current];
  const change = (day: number, patch: Partial<Omit<SettingsChange, 'day'>>) => {
    if (day <= current.day || day >= anchorDay) return;
    current = { ...current, ...patch, day };
    points.push(current);
  };
  switch (archetype) {
    case 'ramping-up': {
      current.daily_limit = pickInt(rng, [10, 15]);
      if (current.warmup_limit !== null) current.warmup_limit = pickInt(rng, [10, 15, 20]);
      change(createdDay + rng.int(9, 12), {
        warmup_limit: warmupLimit === null ? null : Math.max(25, warmupLimit),
      });
      change(createdDay + rng.int(14, 17), { daily_limit: pickInt(rng, [20, 25]) });
      change(createdDay + rng.int(28, 32), { daily_limit: pickInt(rng, [30, 35, 40]) });
      break;
    }
    case 'steady-healthy':
    case 'paused': {
      const changes = rng.weighted<number>([
        [0, 50],
        [1, 35],
        [2, 15],
      ]);
      const days = Array.from({ length: changes }, () => anchorDay - rng.int(2, 85)).sort((a, b) => a - b);
      for (const day of days) {
        if (rng.chance(0.6))
          change(day, { daily_limit: clampLimit((current.daily_limit ?? 30) + rng.pick([-10, -5, 5, 10])) });
        else change(day, { sending_gap: pickInt(rng, [5, 9, 10, 15, 20]) });
      }
      break;
    }
    default:
      break;
  }
  return points;
}

export function buildAccount(ctx: BuildContext): Draft {
  const { plan, index, rng, users, anchorDay, anchorStart } = ctx;
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const email = uniqueEmail(rng, first, last, plan.name, ctx.usedEmails);
  const createdMs = plan.baseMs + index * rng.int(20_000, 110_000) + rng.int(0, 999);
  const createdDay = dayOf(createdMs);
  const managed = plan.kind === 'dfy';
  const setupPending = plan.setupPendingLast && index === plan.size - 1;
  let archetype = chooseArchetype(plan, rng);
  if (setupPending) archetype = 'new';

  const warmup = buildWarmup(rng, managed);
  const warmupLimit = warmup?.limit ?? null;
  const settings = buildSettings(archetype, rng, createdDay, anchorDay, managed, warmupLimit);
  const story: AccountStory = {
    archetype,
    createdDay,
    warmupStartDay: null,
    warmupStopDay: null,
    campaignStartDay: null,
    campaignStopDay: null,
    baseRate: rng.chance(0.15) ? rng.between(0.86, 0.93) : rng.between(0.93, 0.995),
    rampDays: rng.int(20, 30),
    rampFromRate: rng.between(0.62, 0.8),
    raiseDay: null,
    lowerDay: null,
    troughRate: rng.between(0.55, 0.72),
    declineFromDay: null,
    endRate: rng.between(0.3, 0.55),
    weekdayOnly: warmup?.advanced?.weekday_only ?? false,
    increment:
      warmup?.increment === undefined || warmup.increment === 'disabled' ? null : Number(warmup.increment),
    defaultWarmupLimit: rng.int(15, 40),
    defaultDailyLimit: rng.int(20, 40),
    bounceRate: rng.between(0.005, 0.03),
    replyRate: rng.between(0.01, 0.05),
    tracksOpens: plan.trackingDomain !== null && rng.chance(0.6),
    settings,
    events: [],
  };

  let status = 1;
  let warmupStatus = 1;
  let warmupStartMs: number | null = null;
  if (archetype !== 'new') {
    warmupStartMs =
      plan.kind === 'ramping'
        ? plan.enableJobMs + 300 + (index + 1) * 40
        : Math.min(createdMs + rng.int(10 * MINUTE_MS, 36 * HOUR_MS), anchorStart - HOUR_MS);
    story.warmupStartDay = dayOf(warmupStartMs);
    // Pre-warmed and managed boxes send from the start; others after two to three weeks of warmup.
    const campaignStart = managed ? story.warmupStartDay : story.warmupStartDay + rng.int(14, 21);
    story.campaignStartDay = campaignStart < anchorDay ? campaignStart : null;
  } else {
    warmupStatus = 0;
    story.baseRate = rng.between(0.93, 0.99);
  }
  if (archetype === 'hurt-by-limit-increase') {
    const raiseDay = anchorDay - rng.int(40, 65);
    const lowerDay = raiseDay + rng.int(10, 18);
    story.raiseDay = raiseDay;
    story.lowerDay = lowerDay;
    story.baseRate = rng.between(0.93, 0.99);
    const before = settings[settings.length - 1] as SettingsChange;
    const baseLimit = Math.min(40, before.daily_limit ?? 30);
    settings.length = 0;
    settings.push({ ...before, day: createdDay, daily_limit: baseLimit });
    const raised = Math.min(100, baseLimit * 2 + rng.pick([10, 20, 30]));
    settings.push({
      ...before,
      day: raiseDay,
      daily_limit: raised,
      warmup_limit:
        before.warmup_limit !== null && rng.chance(0.5)
          ? Math.min(100, before.warmup_limit + 20)
          : before.warmup_limit,
    });
    settings.push({
      ...(settings[1] as SettingsChange),
      day: lowerDay,
      daily_limit: baseLimit + rng.pick([0, 5]),
    });
  }
  if (archetype === 'declining') {
    story.declineFromDay = anchorDay - rng.int(25, 45);
    story.warmupStopDay = anchorDay - rng.int(1, 8);
    warmupStatus = rng.weighted<number>([
      [-1, 45],
      [-2, 40],
      [-3, 15],
    ]);
    const before = settings[settings.length - 1] as SettingsChange;
    if (rng.chance(0.5) && before.daily_limit !== null) {
      settings.push({
        ...before,
        day: story.declineFromDay - rng.int(2, 6),
        daily_limit: Math.min(100, before.daily_limit + 30),
      });
    }
  }
  if (archetype === 'paused') {
    const pauseDay = anchorDay - rng.int(3, 60);
    story.campaignStopDay = pauseDay;
    story.warmupStopDay = pauseDay;
    status = 2;
    if (rng.chance(0.3)) warmupStatus = 0;
  }
  if (archetype === 'steady-healthy' && !managed && plan.cluster === null && rng.chance(0.08)) {
    // The user turned warmup off for part of a domain on the same day (one bulk disable job).
    story.warmupStopDay = Math.max(plan.warmupOffDay, (story.warmupStartDay ?? createdDay) + 1);
    warmupStatus = 0;
  }
  if (archetype === 'steady-healthy' && status === 1 && rng.chance(0.035)) status = 3;
  settings.sort((a, b) => a.day - b.day);
  const current = settings[settings.length - 1] as SettingsChange;
  if (warmup && warmup.limit !== undefined && current.warmup_limit !== null)
    warmup.limit = current.warmup_limit;

  const lastChangeDay = Math.max(
    ...settings.map((s) => s.day),
    story.warmupStopDay ?? 0,
    story.campaignStopDay ?? 0,
  );
  const updatedMs = Math.min(
    anchorStart - MINUTE_MS,
    Math.max(
      createdMs + rng.int(1_000, 10 * MINUTE_MS),
      warmupStartMs ?? 0,
      lastChangeDay * DAY_MS + rng.int(7 * HOUR_MS, 19 * HOUR_MS),
    ),
  );

  const json: AccountJson = {
    email,
    timestamp_created: iso(createdMs),
    timestamp_updated: iso(updatedMs),
    first_name: first,
    last_name: rng.chance(0.04) ? '' : last,
    organization: ctx.id,
    warmup_status: warmupStatus,
    provider_code: PROVIDER_CODES[plan.provider],
    setup_pending: setupPending,
    is_managed_account: managed,
    status,
    stat_warmup_score: 0,
  };
  if (warmup) json.warmup = warmup;
  if (!managed) json.added_by = rng.pick(users);
  if (!managed) json.daily_limit = current.daily_limit;
  if (!managed) json.modified_by = rng.pick(users);
  if (plan.trackingDomain) {
    json.tracking_domain_name = plan.trackingDomain;
    json.tracking_domain_status = 'CTD_ACTIVE';
  }
  if (!managed) json.enable_slow_ramp = rng.chance(0.2);
  if (!managed && rng.chance(0.4)) json.inbox_placement_test_limit = rng.pick([10, 10, 25]);
  if (warmupStartMs !== null) json.timestamp_warmup_start = iso(warmupStartMs);
  if (story.campaignStartDay !== null) {
    const lastDay = Math.min(anchorDay - 1, (story.campaignStopDay ?? anchorDay) - 1);
    if (lastDay >= story.campaignStartDay)
      json.timestamp_last_used = iso(lastDay * DAY_MS + rng.int(8 * HOUR_MS, 23 * HOUR_MS));
  }
  if (managed) json.warmup_pool_id = 'premium-v1';
  if (!managed) json.sending_gap = current.sending_gap ?? 10;
  if (!managed && rng.chance(0.35)) {
    json.signature = rng
      .pick(SIGNATURES)
      .replace('{first}', first)
      .replace('{last}', last)
      .replace('{company}', ctx.company);
  }
  if (!managed && rng.chance(0.05)) json.reply_to = `replies@${plan.name}`;
  if (archetype === 'new' && !managed) {
    // A freshly connected inbox reads as the recorded one does (account-get.response.real-nango):
    // no warmup, daily_limit or sending_gap until someone sets them. The draws above still happen, so
    // the rest of the seeded fleet is unchanged.
    for (const key of SET_BY_A_PERSON) delete json[key];
    story.settings = [{ day: createdDay, daily_limit: null, sending_gap: null, warmup_limit: null }];
  }

  const record: AccountRecord = {
    json,
    createdMs,
    domain: plan.name,
    provider: plan.provider,
    cause: null,
    preWarmed: plan.preWarmed,
    tagIds: [],
    story,
    searchText: searchTextOf(json),
  };
  return { record, plan, rng };
}
