import 'server-only';
import type { Insertable, Selectable } from 'kysely';
import type { Db } from './connect';
import type { WarmupDailyRunsTable, WarmupDailyTable } from './schema';
import { inTransaction } from './transaction';

// Stored days of warmup analytics (migration 12): rows only. What goes in is decided by the daily
// fetch (lib/worker/daily-warmup.ts); how stored and live days combine, by the chart
// (lib/server/warmup-days.ts).

export type StoredWarmupDay = Pick<
  Selectable<WarmupDailyTable>,
  'day' | 'sent' | 'landed_inbox' | 'landed_spam' | 'received' | 'health_score'
>;
export type WarmupDayRow = StoredWarmupDay & { email: string };
export type WarmupRun = Selectable<WarmupDailyRunsTable>;

/** 10 columns a row: 5,000 parameters a statement, under both databases' caps. */
const ROWS_PER_INSERT = 500;

/**
 * Writes days; a day already stored is replaced by the later fetch (today's partial counts become the
 * day's final ones tomorrow). A health score is kept when the later fetch carries none: Instantly
 * only gives one for the day it is asked on. Emails are stored lower-cased. One transaction.
 */
export async function upsertWarmupDays(
  db: Db,
  workspaceId: string,
  rows: readonly WarmupDayRow[],
  fetchedAt: string,
): Promise<number> {
  if (rows.length === 0) return 0;
  // One statement may not touch a row twice (PostgreSQL refuses): the same day under two spellings
  // of an email is one row, the later one kept.
  const unique = new Map<string, WarmupDayRow>();
  for (const row of rows) unique.set(`${row.email.toLowerCase()} ${row.day}`, row);
  const values: Insertable<WarmupDailyTable>[] = [...unique.values()].map((row) => ({
    workspace_id: workspaceId,
    email: row.email.toLowerCase(),
    day: row.day,
    sent: row.sent,
    landed_inbox: row.landed_inbox,
    landed_spam: row.landed_spam,
    received: row.received,
    health_score: row.health_score,
    fetched_at: fetchedAt,
  }));
  await inTransaction(db, async (trx) => {
    for (let i = 0; i < values.length; i += ROWS_PER_INSERT) {
      await trx
        .insertInto('warmup_daily')
        .values(values.slice(i, i + ROWS_PER_INSERT))
        .onConflict((oc) =>
          oc.columns(['workspace_id', 'email', 'day']).doUpdateSet((eb) => ({
            sent: eb.ref('excluded.sent'),
            landed_inbox: eb.ref('excluded.landed_inbox'),
            landed_spam: eb.ref('excluded.landed_spam'),
            received: eb.ref('excluded.received'),
            health_score: eb.fn.coalesce('excluded.health_score', 'warmup_daily.health_score'),
            fetched_at: eb.ref('excluded.fetched_at'),
          })),
        )
        .execute();
    }
  });
  return values.length;
}

/** One account's stored days from `from` to `to` (inclusive, YYYY-MM-DD), oldest first; any case of email. */
export async function storedWarmupDays(
  db: Db,
  workspaceId: string,
  email: string,
  from: string,
  to: string,
): Promise<StoredWarmupDay[]> {
  return db
    .selectFrom('warmup_daily')
    .select(['day', 'sent', 'landed_inbox', 'landed_spam', 'received', 'health_score'])
    .where('workspace_id', '=', workspaceId)
    .where('email', '=', email.toLowerCase())
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('day')
    .execute();
}

/** How many days are stored for a workspace (for tests and the status page). */
export async function countWarmupDays(db: Db, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('warmup_daily')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Forgets a workspace's stored days (the demo's, whose simulator re-anchors its story every start). */
export async function deleteWarmupDays(db: Db, workspaceId: string): Promise<void> {
  await db.deleteFrom('warmup_daily').where('workspace_id', '=', workspaceId).execute();
}

/**
 * Forgets a workspace's stored days, and its run records, older than `oldestKept` (YYYY-MM-DD, kept
 * itself). Returns how many days were deleted.
 */
export async function pruneWarmupDays(db: Db, workspaceId: string, oldestKept: string): Promise<number> {
  return inTransaction(db, async (trx) => {
    const days = await trx
      .deleteFrom('warmup_daily')
      .where('workspace_id', '=', workspaceId)
      .where('day', '<', oldestKept)
      .executeTakeFirst();
    await trx
      .deleteFrom('warmup_daily_runs')
      .where('workspace_id', '=', workspaceId)
      .where('day', '<', oldestKept)
      .execute();
    return Number(days.numDeletedRows);
  });
}

/** Records how the day's fetch of a workspace went; a rerun on the same day replaces the record. */
export async function recordWarmupRun(db: Db, run: WarmupRun): Promise<void> {
  await db
    .insertInto('warmup_daily_runs')
    .values(run)
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'day']).doUpdateSet((eb) => ({
        finished_at: eb.ref('excluded.finished_at'),
        accounts: eb.ref('excluded.accounts'),
        calls: eb.ref('excluded.calls'),
        failed_calls: eb.ref('excluded.failed_calls'),
        failed_emails: eb.ref('excluded.failed_emails'),
        error: eb.ref('excluded.error'),
      })),
    )
    .execute();
}

export async function warmupRunOn(db: Db, workspaceId: string, day: string): Promise<WarmupRun | null> {
  const row = await db
    .selectFrom('warmup_daily_runs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('day', '=', day)
    .executeTakeFirst();
  return row ?? null;
}
