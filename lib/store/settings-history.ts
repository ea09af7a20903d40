import 'server-only';
import type { Account } from '@/lib/schemas/instantly-account';
import type { Db } from './db';
import { inTransaction } from './transaction';

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
export const SETTINGS_KEYS = [
  'daily_limit',
  'sending_gap',
  'warmup_limit',
  'warmup_increment',
  'warmup_reply_rate',
] as const satisfies ReadonlyArray<keyof SettingsSnapshot>;

const POINT_COLUMNS = ['observed_at', ...SETTINGS_KEYS, 'source'] as const;

/**
 * Records a point only when a value really changed since the last point (or there is none yet), so
 * the history is a list of changes, not a copy of every sync. Returns whether a point was written.
 * `db` may be the caller's transaction (the index upsert records its points inside its own): the
 * read of the last point and the write then see and commit together with the caller's change.
 */
export async function recordSettings(
  db: Db,
  workspaceId: string,
  email: string,
  snapshot: SettingsSnapshot,
  observedAt: string,
  source: HistorySource,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const last = await trx
      .selectFrom('settings_history')
      .select(SETTINGS_KEYS)
      .where('workspace_id', '=', workspaceId)
      .where('email', '=', email)
      .orderBy('observed_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (last && SETTINGS_KEYS.every((key) => last[key] === snapshot[key])) return false;
    const point = { ...pick(snapshot), source };
    await trx
      .insertInto('settings_history')
      .values({ workspace_id: workspaceId, email, observed_at: observedAt, ...point })
      // A second observation at the same instant is the newer truth.
      .onConflict((oc) => oc.columns(['workspace_id', 'email', 'observed_at']).doUpdateSet(point))
      .execute();
    return true;
  });
}

/** Only the snapshot's own fields (a caller may hand a wider object). */
function pick(snapshot: SettingsSnapshot): SettingsSnapshot {
  return {
    daily_limit: snapshot.daily_limit,
    sending_gap: snapshot.sending_gap,
    warmup_limit: snapshot.warmup_limit,
    warmup_increment: snapshot.warmup_increment,
    warmup_reply_rate: snapshot.warmup_reply_rate,
  };
}

/** Points since `since`, plus the last point before it (the value in force at the window's start). */
export async function settingsHistory(
  db: Db,
  workspaceId: string,
  email: string,
  since: string,
): Promise<SettingsPoint[]> {
  const ofAccount = db
    .selectFrom('settings_history')
    .select(POINT_COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .where('email', '=', email);
  const before = await ofAccount
    .where('observed_at', '<', since)
    .orderBy('observed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const points = await ofAccount.where('observed_at', '>=', since).orderBy('observed_at').execute();
  return before ? [before, ...points] : points;
}

export async function settingsHistoryCount(db: Db, workspaceId: string, email: string): Promise<number> {
  const { count } = await db
    .selectFrom('settings_history')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('workspace_id', '=', workspaceId)
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return count;
}
