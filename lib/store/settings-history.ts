import 'server-only';
import type { Account } from '@/lib/schemas/instantly-account';
import type { Db } from './db';
import { cachedStatements } from './statements';

/** The settings whose history the charts draw (Instantly keeps none, so we do). */
export interface SettingsSnapshot {
  daily_limit: number | null;
  sending_gap: number | null;
  warmup_limit: number | null;
  warmup_increment: string | null;
  warmup_reply_rate: number | null;
}

export interface SettingsPoint extends SettingsSnapshot {
  observed_at: string;
  source: string;
}

export type HistorySource = 'sync' | 'read' | 'dashboard' | 'seed';

export function snapshotOf(account: Account): SettingsSnapshot {
  return {
    daily_limit: account.daily_limit ?? null,
    sending_gap: account.sending_gap ?? null,
    warmup_limit: account.warmup?.limit ?? null,
    warmup_increment: account.warmup?.increment ?? null,
    warmup_reply_rate: account.warmup?.reply_rate ?? null,
  };
}

/** The values a history point holds; a point is written when any of them changes. */
export const SETTINGS_KEYS: ReadonlyArray<keyof SettingsSnapshot> = [
  'daily_limit',
  'sending_gap',
  'warmup_limit',
  'warmup_increment',
  'warmup_reply_rate',
];

const statements = cachedStatements({
  last: `SELECT daily_limit, sending_gap, warmup_limit, warmup_increment, warmup_reply_rate
           FROM settings_history WHERE workspace_id = ? AND email = ? ORDER BY observed_at DESC LIMIT 1`,
  insert: `INSERT OR REPLACE INTO settings_history
             (workspace_id, email, observed_at, daily_limit, sending_gap, warmup_limit, warmup_increment, warmup_reply_rate, source)
           VALUES (@workspace_id, @email, @observed_at, @daily_limit, @sending_gap, @warmup_limit, @warmup_increment, @warmup_reply_rate, @source)`,
  list: `SELECT observed_at, daily_limit, sending_gap, warmup_limit, warmup_increment, warmup_reply_rate, source
           FROM settings_history WHERE workspace_id = ? AND email = ? AND observed_at >= ? ORDER BY observed_at`,
  before: `SELECT observed_at, daily_limit, sending_gap, warmup_limit, warmup_increment, warmup_reply_rate, source
           FROM settings_history WHERE workspace_id = ? AND email = ? AND observed_at < ? ORDER BY observed_at DESC LIMIT 1`,
  count: `SELECT count(*) FROM settings_history WHERE workspace_id = ? AND email = ?`,
});

/**
 * Records a point only when a value really changed since the last point (or there is none yet), so
 * the history is a list of changes, not a copy of every sync. Returns whether a point was written.
 */
export async function recordSettings(
  db: Db,
  workspaceId: string,
  email: string,
  snapshot: SettingsSnapshot,
  observedAt: string,
  source: HistorySource,
): Promise<boolean> {
  // TRANSITIONAL (h-index, issue 8): on Kysely so the index upsert can call it inside its transaction
  // on both databases; the settings-history owner's rewrite replaces this body.
  const last = await db
    .selectFrom('settings_history')
    .select([...SETTINGS_KEYS])
    .where('workspace_id', '=', workspaceId)
    .where('email', '=', email)
    .orderBy('observed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (last && SETTINGS_KEYS.every((key) => last[key] === snapshot[key])) return false;
  const point = { workspace_id: workspaceId, email, observed_at: observedAt, source, ...snapshot };
  await db
    .insertInto('settings_history')
    .values(point)
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'email', 'observed_at']).doUpdateSet({ source, ...snapshot }),
    )
    .execute();
  return true;
}

/** recordSettings for a caller already inside a better-sqlite3 transaction (upsertAccounts). */
export function recordSettingsSync(
  db: Db,
  workspaceId: string,
  email: string,
  snapshot: SettingsSnapshot,
  observedAt: string,
  source: HistorySource,
): boolean {
  const s = statements(db);
  const last = s.last.get(workspaceId, email) as SettingsSnapshot | undefined;
  if (last && SETTINGS_KEYS.every((key) => last[key] === snapshot[key])) return false;
  s.insert.run({ workspace_id: workspaceId, email, observed_at: observedAt, source, ...snapshot });
  return true;
}

/** Points since `since`, plus the last point before it (the value in force at the window's start). */
export async function settingsHistory(
  db: Db,
  workspaceId: string,
  email: string,
  since: string,
): Promise<SettingsPoint[]> {
  const s = statements(db);
  const before = s.before.get(workspaceId, email, since) as SettingsPoint | undefined;
  const points = s.list.all(workspaceId, email, since) as SettingsPoint[];
  return before ? [before, ...points] : points;
}

export async function settingsHistoryCount(db: Db, workspaceId: string, email: string): Promise<number> {
  return statements(db).count.pluck().get(workspaceId, email) as number;
}
