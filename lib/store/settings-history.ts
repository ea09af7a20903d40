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

/** Accounts whose last points are read in one statement (an IN list far below the parameter caps). */
const ACCOUNTS_PER_QUERY = 500;
/** The most points one INSERT carries (9 parameters each). */
const ROWS_PER_INSERT = 500;

export interface SettingsObservation {
  email: string;
  snapshot: SettingsSnapshot;
}

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
  const written = await recordSettingsMany(db, workspaceId, [{ email, snapshot }], observedAt, source);
  return written.length > 0;
}

/**
 * recordSettings for a page of accounts observed at one moment (a sync page, an index upsert): the
 * last points of up to 500 accounts in one statement and the changed ones in one insert, instead of
 * two statements per account. An email given twice counts once, with its last snapshot. Returns the
 * emails that got a point. Joins the caller's transaction when `db` is one.
 */
export async function recordSettingsMany(
  db: Db,
  workspaceId: string,
  observations: readonly SettingsObservation[],
  observedAt: string,
  source: HistorySource,
): Promise<string[]> {
  const latest = new Map(observations.map((o) => [o.email, pick(o.snapshot)]));
  if (latest.size === 0) return [];
  const emails = [...latest.keys()];
  return inTransaction(db, async (trx) => {
    const last = new Map<string, SettingsSnapshot>();
    for (let i = 0; i < emails.length; i += ACCOUNTS_PER_QUERY) {
      const part = emails.slice(i, i + ACCOUNTS_PER_QUERY);
      // Each account's newest point: the row whose observed_at is its maximum (PostgreSQL has no
      // bare columns beside an aggregate, so the maximum is found first and joined back).
      const rows = await trx
        .selectFrom('settings_history as h')
        .innerJoin(
          (eb) =>
            eb
              .selectFrom('settings_history')
              .select((inner) => ['email', inner.fn.max('observed_at').as('newest')])
              .where('workspace_id', '=', workspaceId)
              .where('email', 'in', part)
              .groupBy('email')
              .as('n'),
          (join) => join.onRef('n.email', '=', 'h.email').onRef('n.newest', '=', 'h.observed_at'),
        )
        .select(['h.email', ...SETTINGS_KEYS.map((key) => `h.${key}` as const)])
        .where('h.workspace_id', '=', workspaceId)
        .execute();
      for (const { email, ...snapshot } of rows) last.set(email, snapshot);
    }
    const rows = [...latest]
      .filter(([email, now]) => {
        const before = last.get(email);
        return !before || !SETTINGS_KEYS.every((key) => before[key] === now[key]);
      })
      .map(([email, now]) => ({ workspace_id: workspaceId, email, observed_at: observedAt, ...now, source }));
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      await trx
        .insertInto('settings_history')
        .values(rows.slice(i, i + ROWS_PER_INSERT))
        // A second observation at the same instant is the newer truth.
        .onConflict((oc) =>
          oc.columns(['workspace_id', 'email', 'observed_at']).doUpdateSet((eb) => ({
            daily_limit: eb.ref('excluded.daily_limit'),
            sending_gap: eb.ref('excluded.sending_gap'),
            warmup_limit: eb.ref('excluded.warmup_limit'),
            warmup_increment: eb.ref('excluded.warmup_increment'),
            warmup_reply_rate: eb.ref('excluded.warmup_reply_rate'),
            source: eb.ref('excluded.source'),
          })),
        )
        .execute();
    }
    return rows.map((row) => row.email);
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
