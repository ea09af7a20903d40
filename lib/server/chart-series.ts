import 'server-only';
import { kindEntryOf } from '@/lib/bulk/catalog';
import {
  type AccountAnalytics,
  CHANGE_SOURCE_LABELS,
  type ChangeSource,
  type ChartMarker,
  type ChartPoint,
  type MarkerChange,
  SETTINGS_FIELDS,
  SETTINGS_LABELS,
  type SeriesNotice,
  type SettingsField,
} from '@/lib/schemas/api-account-detail';
import type { DailyAccountAnalyticsRow, WarmupDayStats } from '@/lib/schemas/instantly-analytics';
import { NOT_SET_WORDS } from '@/lib/schemas/setting-knowledge';
import type { AccountAuditEntry } from '@/lib/store/audit-log';
import type { SettingsPoint } from '@/lib/store/settings-history';
import { formatDayWithYear } from '@/lib/format';

// Analytics days + settings history + audit entries → one point per day for the chart. Pure: the route
// handler fetches, this decides what each day shows. The rules a reader of the chart relies on:
// - a day without warmup sends has no health value (a gap in the line, not a 0);
// - a day no answer covered (absent from `warmupDays`) has no counters either: unknown, not 0;
// - a setting's value on a day is the one in force after that day's last change, carried forward from
//   the last change before the window, and unknown (null) before history starts — never guessed;
// - every change in the window is a marker saying what changed and who or what changed it.

const DAY_MS = 86_400_000;

export function toDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return toDate(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS);
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The window of a range ending today (UTC, as Instantly's dates are). */
export function windowFor(rangeDays: number, now: number = Date.now()): { from: string; to: string } {
  const to = toDate(now);
  return { from: addDays(to, -(rangeDays - 1)), to };
}

/**
 * Daily account analytics accepts at most 31 days per call (REFERENCE §4.10): a 90-day range becomes
 * three calls, oldest first, covering every day exactly once.
 */
export function campaignWindows(
  from: string,
  to: string,
  maxDays = 31,
): Array<{ start_date: string; end_date: string }> {
  const windows: Array<{ start_date: string; end_date: string }> = [];
  for (let start = from; start <= to; start = addDays(start, maxDays)) {
    const end = addDays(start, maxDays - 1);
    windows.push({ start_date: start, end_date: end < to ? end : to });
  }
  return windows;
}

/** The tracked settings of a history point, under the names the page uses. */
const HISTORY_FIELDS: Array<[keyof SettingsPoint, SettingsField]> = [
  ['daily_limit', 'dailyLimit'],
  ['sending_gap', 'sendingGap'],
  ['warmup_limit', 'warmupLimit'],
  ['warmup_increment', 'warmupIncrement'],
  ['warmup_reply_rate', 'warmupReplyRate'],
];

/** Actions whose audit entries change a setting even when they carry no per-field changes. */
const ACTION_FIELDS: Record<string, SettingsField[]> = { 'set-daily-limit': ['dailyLimit'] };

type Value = number | string | boolean | null;

export function formatSetting(field: string, value: Value): string {
  // A change is seen between two reads of the account, where an empty value is not set.
  if (value === null) return NOT_SET_WORDS;
  if (field === 'sendingGap') return `${value} min`;
  if (field === 'warmupReplyRate') return `${value} %`;
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  return String(value);
}

function changeLabel(changes: readonly MarkerChange[]): string {
  return changes
    .map((c) => `${c.label} ${formatSetting(c.field, c.from)} → ${formatSetting(c.field, c.to)}`)
    .join(', ');
}

const asValue = (v: unknown): Value =>
  typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : null;

export interface SeriesAccount {
  /** Instantly's 7-day warmup score (stat_warmup_score). */
  score: number | null;
  warmupStartedAt: string | null;
  createdAt: string | null;
}

export interface SeriesInput {
  /** Inclusive window, YYYY-MM-DD (UTC). */
  from: string;
  to: string;
  /**
   * The known days (warmup-days.ts mergeWarmupDays): a listed day's missing counters are zeros, an
   * unlisted day is unknown. May hold days before `from` (used for the 7-day health).
   */
  warmupDays: Record<string, WarmupDayStats>;
  /** settingsHistory(): ascending, with the last point before the window first when there is one. */
  history: readonly SettingsPoint[];
  /** auditForAccount(): what the dashboard did to this account. */
  audit: readonly Pick<
    AccountAuditEntry,
    'id' | 'at' | 'action' | 'accountOutcome' | 'accountChanges' | 'bulkActionId' | 'outcome' | 'actor'
  >[];
  /** Instantly's warmup answer could not be read: `warmupDays` are the stored days only. */
  warmupStoredOnly?: boolean;
  /** Campaign rows of this account; null when they could not be read. */
  campaignRows: readonly DailyAccountAnalyticsRow[] | null;
  account: SeriesAccount;
}

export type SeriesOutput = Pick<AccountAnalytics, 'points' | 'markers' | 'history' | 'notices'>;

/** Days of warmup needed before a score means much (Instantly's own guidance is about two weeks). */
export const WARMUP_SETTLE_DAYS = 14;

export function buildChartSeries(input: SeriesInput): SeriesOutput {
  const { from, to } = input;
  const days = datesBetween(from, to);
  const history = [...input.history].sort((a, b) =>
    a.observed_at < b.observed_at ? -1 : a.observed_at > b.observed_at ? 1 : 0,
  );
  const markers = settingsMarkers(history, from, to);
  attachAudit(markers, input.audit, from, to);
  markers.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  const campaign = campaignByDay(input.campaignRows);
  const stats = (date: string) => input.warmupDays[date];
  const sent = (date: string) => stats(date)?.sent ?? 0;
  const inbox = (date: string) => stats(date)?.landed_inbox ?? 0;

  let cursor = 0;
  let inForce: SettingsPoint | null = null;
  const points: ChartPoint[] = days.map((date) => {
    // Carry forward: the last point observed on or before this day.
    while (cursor < history.length && (history[cursor] as SettingsPoint).observed_at.slice(0, 10) <= date) {
      inForce = history[cursor] as SettingsPoint;
      cursor++;
    }
    const current = inForce as SettingsPoint | null;
    const daySent = sent(date);
    const dayInbox = inbox(date);
    let weekSent = 0;
    let weekInbox = 0;
    for (let back = 0; back < 7; back++) {
      const d = addDays(date, -back);
      weekSent += sent(d);
      weekInbox += inbox(d);
    }
    // A day no answer covered is unknown: null counters draw a gap, not a zero.
    const known = stats(date) !== undefined;
    return {
      date,
      warmupSent: known ? daySent : null,
      inbox: known ? dayInbox : null,
      spam: known ? (stats(date)?.landed_spam ?? 0) : null,
      health: daySent > 0 ? Math.round((100 * dayInbox) / daySent) : null,
      health7d: weekSent > 0 ? Math.round((100 * weekInbox) / weekSent) : null,
      dailyLimit: current?.daily_limit ?? null,
      sendingGap: current?.sending_gap ?? null,
      warmupLimit: current?.warmup_limit ?? null,
      // History points come only from reads of the account itself (accounts-index.ts), so an empty
      // value in one is "not set"; before the first point nothing is known.
      settingsState: current ? 'read' : 'not-read',
      campaignSent: campaign ? (campaign.get(date)?.sent ?? 0) : null,
      bounced: campaign ? (campaign.get(date)?.bounced ?? 0) : null,
      markers: [],
    };
  });
  const indexOfDay = new Map(points.map((p, i) => [p.date, i]));
  markers.forEach((marker, i) => {
    const at = indexOfDay.get(marker.date);
    if (at !== undefined) points[at]?.markers.push(i);
  });

  const historyInfo = describeHistory(history, from);
  return { points, markers, history: historyInfo, notices: notices(input, points, historyInfo) };
}

function settingsMarkers(history: readonly SettingsPoint[], from: string, to: string): ChartMarker[] {
  const markers: ChartMarker[] = [];
  for (let i = 1; i < history.length; i++) {
    const previous = history[i - 1] as SettingsPoint;
    const point = history[i] as SettingsPoint;
    const date = point.observed_at.slice(0, 10);
    if (date < from || date > to) continue;
    const changes: MarkerChange[] = [];
    for (const [key, field] of HISTORY_FIELDS) {
      if (previous[key] !== point[key]) {
        changes.push({
          field,
          label: SETTINGS_LABELS[field],
          from: asValue(previous[key]),
          to: asValue(point[key]),
        });
      }
    }
    if (changes.length === 0) continue;
    const source = (
      CHANGE_SOURCE_LABELS[point.source as ChangeSource] ? point.source : 'sync'
    ) as ChangeSource;
    markers.push({
      date,
      at: point.observed_at,
      kind: 'settings',
      source,
      label: changeLabel(changes),
      by: CHANGE_SOURCE_LABELS[source],
      actor: null,
      changes,
      auditId: null,
      bulkActionId: null,
      outcome: null,
    });
  }
  return markers;
}

function auditFields(entry: SeriesInput['audit'][number]): SettingsField[] {
  const fields = new Set<SettingsField>(ACTION_FIELDS[entry.action] ?? []);
  for (const key of Object.keys(entry.accountChanges)) {
    if ((SETTINGS_FIELDS as readonly string[]).includes(key)) fields.add(key as SettingsField);
  }
  return [...fields];
}

/**
 * Dashboard edits are recorded twice: as an audit entry (who, which job) and as the history point the
 * answer produced. They become one marker: the history point's old → new, the audit's attribution.
 * Audit entries that changed no tracked value (pause, warmup on/off) become markers of their own.
 */
function attachAudit(markers: ChartMarker[], audit: SeriesInput['audit'], from: string, to: string): void {
  const claimed = new Set<number>();
  const ordered = [...audit].sort((a, b) => (a.at < b.at ? -1 : 1));
  for (const entry of ordered) {
    const date = entry.at.slice(0, 10);
    if (date < from || date > to) continue;
    // Nothing changed on a failed attempt; the audit log keeps it, the chart does not draw it.
    if (entry.accountOutcome === 'failed') continue;
    const who = `${CHANGE_SOURCE_LABELS.dashboard} by ${entry.actor.name}`;
    const by = entry.bulkActionId ? `${who} (bulk action)` : who;
    const attribution = {
      source: 'dashboard' as const,
      by,
      actor: entry.actor.name,
      auditId: entry.id,
      bulkActionId: entry.bulkActionId,
      outcome: entry.accountOutcome,
    };
    const fields = auditFields(entry);
    if (fields.length > 0) {
      const index = markers.findIndex(
        (m, i) =>
          !claimed.has(i) &&
          m.kind === 'settings' &&
          m.date === date &&
          m.changes.some((c) => fields.includes(c.field as SettingsField)),
      );
      if (index >= 0) {
        claimed.add(index);
        Object.assign(markers[index] as ChartMarker, attribution);
        continue;
      }
      const changes: MarkerChange[] = fields.map((field) => {
        const raw = entry.accountChanges[field];
        return { field, label: SETTINGS_LABELS[field], from: asValue(raw?.old), to: asValue(raw?.new) };
      });
      markers.push({
        date,
        at: entry.at,
        kind: 'settings',
        label: changeLabel(changes),
        changes,
        ...attribution,
      });
      claimed.add(markers.length - 1);
      continue;
    }
    markers.push({
      date,
      at: entry.at,
      kind: 'action',
      label: kindEntryOf(entry.action)?.done ?? entry.action,
      changes: [],
      ...attribution,
    });
    claimed.add(markers.length - 1);
  }
}

function campaignByDay(
  rows: SeriesInput['campaignRows'],
): Map<string, { sent: number; bounced: number }> | null {
  if (rows === null) return null;
  const out = new Map<string, { sent: number; bounced: number }>();
  for (const row of rows) {
    // The spec example shows a full timestamp where the wire has a date: the day is its first 10 characters.
    const date = row.date.slice(0, 10);
    const day = out.get(date) ?? { sent: 0, bounced: 0 };
    day.sent += row.sent;
    day.bounced += row.bounced;
    out.set(date, day);
  }
  return out;
}

function describeHistory(history: readonly SettingsPoint[], from: string): SeriesOutput['history'] {
  const first = history[0];
  if (!first) {
    return {
      state: 'none',
      startsAt: null,
      note: 'No settings recorded yet: the daily limit and sending gap lines start at the next sync.',
    };
  }
  if (history.some((p) => p.source === 'seed')) {
    return {
      state: 'seeded',
      startsAt: first.observed_at.slice(0, 10),
      note: 'Demo workspace: the settings history is seeded to match the simulator’s story.',
    };
  }
  const startsAt = first.observed_at.slice(0, 10);
  if (startsAt < from) {
    return {
      state: 'complete',
      startsAt,
      note: `Settings history covers this range (recorded since ${formatDayWithYear(startsAt)}).`,
    };
  }
  return {
    state: 'partial',
    startsAt,
    note: `History starts ${formatDayWithYear(startsAt)} (when this workspace was connected): Instantly keeps no history of daily limit or sending gap, so the lines begin there.`,
  };
}

function notices(
  input: SeriesInput,
  points: readonly ChartPoint[],
  history: SeriesOutput['history'],
): SeriesNotice[] {
  const out: SeriesNotice[] = [];
  const daysWithSends = Object.values(input.warmupDays).filter((d) => (d.sent ?? 0) > 0).length;
  const sendDaysInRange = points.filter((p) => (p.warmupSent ?? 0) > 0).length;
  const firstSendDay = Object.keys(input.warmupDays)
    .filter((d) => (input.warmupDays[d]?.sent ?? 0) > 0)
    .sort()[0];
  const started = input.account.warmupStartedAt?.slice(0, 10) ?? firstSendDay ?? null;
  const created = input.account.createdAt?.slice(0, 10) ?? null;
  const recently = (date: string | null): date is string =>
    date !== null && date > addDays(input.to, -WARMUP_SETTLE_DAYS);
  const young = recently(started) || (started === null && recently(created));
  if (recently(started)) {
    out.push({
      code: 'new-account',
      message: `New account: warmup started ${formatDayWithYear(started)}. Scores stay low or at 0 while warmup builds up — judge health after about 2 weeks.`,
    });
  } else if (started === null && recently(created)) {
    out.push({
      code: 'new-account',
      message: `New account: added ${formatDayWithYear(created)} and warmup has not started yet. The score stays at 0 until warmup has run for about 2 weeks.`,
    });
  }
  if (input.account.score === 0) {
    out.push({
      code: 'score-zero',
      message:
        'Instantly reports a warmup score of 0. New accounts start at 0, and the score drops to 0 after about a week without warmup sends.',
    });
  }
  if (sendDaysInRange === 0) {
    out.push({
      code: 'no-warmup-data',
      message: 'No warmup emails were sent in this range, so there is no health line to draw.',
    });
  } else if (daysWithSends < WARMUP_SETTLE_DAYS && !young) {
    out.push({
      code: 'little-warmup-data',
      message: `Little history: only ${daysWithSends} day${daysWithSends === 1 ? '' : 's'} with warmup sends — warmup needs ~2 weeks before the score settles.`,
    });
  }
  if (history.state === 'partial' || history.state === 'none')
    out.push({ code: 'history-starts', message: history.note });
  if (history.state === 'seeded') out.push({ code: 'history-seeded', message: history.note });
  const notSet = notSetNotice(points);
  if (notSet) out.push(notSet);
  if (input.warmupStoredOnly) {
    const last = Object.keys(input.warmupDays).sort().at(-1);
    out.push({
      code: 'warmup-stored-only',
      message: `Warmup analytics could not be read from Instantly just now: the chart shows the days stored by the daily fetch${last ? ` (the last is ${formatDayWithYear(last)})` : ''}.`,
    });
  }
  if (input.campaignRows === null) {
    out.push({
      code: 'campaign-unavailable',
      message:
        'Campaign sends could not be read from Instantly just now; the warmup and settings lines are complete.',
    });
  }
  return out;
}

/** The drawn settings whose empty value needs saying: the chart draws no line for them there. */
const DRAWN_SETTINGS = ['dailyLimit', 'sendingGap'] as const;

/**
 * A setting that is not set on the account on some read day draws no line there: the notice says it
 * is Instantly's default, not a missing or zero value.
 */
function notSetNotice(points: readonly ChartPoint[]): SeriesNotice | null {
  const read = points.filter((p) => p.settingsState === 'read');
  const fields = DRAWN_SETTINGS.filter((field) => read.some((p) => p[field] === null));
  if (fields.length === 0) return null;
  const days = read.filter((p) => fields.some((field) => p[field] === null)).length;
  const names = fields.map((field, i) =>
    i === 0 ? SETTINGS_LABELS[field] : SETTINGS_LABELS[field].toLowerCase(),
  );
  const all = days === points.length;
  const when = all ? 'in this range, so' : `on ${days} day${days === 1 ? '' : 's'} of this range, where`;
  return {
    code: 'settings-not-set',
    message: `${names.join(' and ')}: ${NOT_SET_WORDS} ${when} the chart draws no line for ${fields.length === 1 ? 'it' : 'them'}.`,
  };
}
