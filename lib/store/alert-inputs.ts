import 'server-only';
import type { AlertAccount, AlertLimitPoint, AlertWarmupDay } from '@/lib/alerts/types';
import type { Db } from './connect';

// What the alert rules read about one workspace: its indexed accounts, the warmup days of the last
// window, and the daily-limit history of the accounts whose limit changed inside the window. A fixed
// handful of statements, however large the fleet.

/** Emails per IN list (far below either database's parameter cap). */
const EMAILS_PER_QUERY = 500;

export async function alertAccounts(db: Db, workspaceId: string): Promise<AlertAccount[]> {
  const rows = await db
    .selectFrom('accounts')
    .select([
      'email',
      'domain',
      'provider_code',
      'status',
      'warmup_status',
      'warmup_score',
      'daily_limit',
      'sending_gap',
      'error_cause',
      'error_stale',
    ])
    .where('workspace_id', '=', workspaceId)
    .execute();
  return rows.map((r) => ({
    email: r.email,
    domain: r.domain,
    providerCode: r.provider_code,
    status: r.status,
    warmupStatus: r.warmup_status,
    warmupScore: r.warmup_score,
    dailyLimit: r.daily_limit,
    sendingGap: r.sending_gap,
    errorCause: r.error_cause,
    errorStale: r.error_stale === 1,
  }));
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Stored warmup days on or after `sinceDay` (YYYY-MM-DD), by lower-cased email, oldest first. */
export async function recentWarmupDays(
  db: Db,
  workspaceId: string,
  sinceDay: string,
): Promise<Map<string, AlertWarmupDay[]>> {
  const rows = await db
    .selectFrom('warmup_daily')
    .select(['email', 'day', 'sent', 'health_score'])
    .where('workspace_id', '=', workspaceId)
    .where('day', '>=', sinceDay)
    // In day order, straight off the (workspace, day) index: each account's list fills oldest first
    // with no sort of the window's rows (50,000 at 10,000 accounts).
    .orderBy('day')
    .execute();
  const out = new Map<string, AlertWarmupDay[]>();
  for (const r of rows)
    push(out, r.email.toLowerCase(), { day: r.day, sent: r.sent, healthScore: r.health_score });
  return out;
}

/**
 * The full daily-limit history of every account with a daily-limit observation at or after `since`
 * (ISO-8601) and an earlier one: an account with no point in the window had no raise in it.
 */
export async function recentLimitHistory(
  db: Db,
  workspaceId: string,
  since: string,
): Promise<Map<string, AlertLimitPoint[]>> {
  // A raise needs two observations, one inside the window: an account seen once (every account
  // after its first sync) has no history to read.
  const changed = await db
    .selectFrom('settings_history')
    .select('email')
    .where('workspace_id', '=', workspaceId)
    .where('daily_limit', 'is not', null)
    .groupBy('email')
    .having((eb) => eb.and([eb(eb.fn.max('observed_at'), '>=', since), eb(eb.fn.countAll(), '>=', 2)]))
    .execute();
  const emails = changed.map((r) => r.email);
  const out = new Map<string, AlertLimitPoint[]>();
  for (let i = 0; i < emails.length; i += EMAILS_PER_QUERY) {
    const rows = await db
      .selectFrom('settings_history')
      .select(['email', 'observed_at', 'daily_limit'])
      .where('workspace_id', '=', workspaceId)
      .where('email', 'in', emails.slice(i, i + EMAILS_PER_QUERY))
      .orderBy('email')
      .orderBy('observed_at')
      .execute();
    for (const r of rows)
      push(out, r.email.toLowerCase(), { observedAt: r.observed_at, dailyLimit: r.daily_limit });
  }
  return out;
}

/** One address per domain of the workspace's Active accounts: the vitals check asks per domain. */
export async function sendingDomainProbes(db: Db, workspaceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('accounts')
    .select((eb) => ['domain', eb.fn.min('email').as('email')])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 1)
    .groupBy('domain')
    .orderBy('domain')
    .execute();
  return rows.map((r) => r.email).filter((e): e is string => typeof e === 'string');
}
