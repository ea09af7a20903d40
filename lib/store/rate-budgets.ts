import 'server-only';
import type { BudgetLimits } from '@/lib/instantly/rate-budget';
import type { Db } from './connect';

// A workspace's request budget, shared by every process on the database: one `rate_budgets` row
// with two token buckets (per second, per minute), refilled by the time elapsed, and a 429 pause.
//
// Each bucket holds ONE token. A bucket that held `perSecond` tokens would allow a full burst and
// then a refill inside the same second (up to twice the limit in a sliding second), and nothing
// short of a log of grant times can allow bursts and still bound every sliding window. One token
// spaces requests 1000/perSecond ms apart (60000/perMinute for the minute bucket): every sliding
// second and minute stays within the limit, at the full sustained rate, for any number of processes.
//
// A take is a compare-and-set: read the row, compute, then an UPDATE that only applies if the row is
// still what was read. Two processes cannot both spend one token (the loser reads again), on
// PostgreSQL and SQLite alike, and no lock is held across a round trip.

const CAPACITY = 1;
/** Races lost in a row before the caller is told to try again shortly (two processes never get near). */
const MAX_RACES = 8;

const refill = (tokens: number, elapsedMs: number, perWindow: number, windowMs: number) =>
  Math.min(CAPACITY, tokens + (elapsedMs * perWindow) / windowMs);

/** The wait until a bucket with `tokens` holds one again. */
const untilOne = (tokens: number, perWindow: number, windowMs: number) =>
  tokens >= 1 ? 0 : Math.ceil(((1 - tokens) * windowMs) / perWindow);

/** Takes one request from the bucket at `now`, or says how long until one may go (and whether a 429 pause is why). */
export async function takeRateToken(
  db: Db,
  bucket: string,
  now: number,
  limits: BudgetLimits,
): Promise<{ waitMs: number; paused: boolean }> {
  for (let race = 0; race < MAX_RACES; race += 1) {
    const row = await db
      .selectFrom('rate_budgets')
      .selectAll()
      .where('bucket', '=', bucket)
      .executeTakeFirst();
    if (!row) {
      // A new bucket starts full; this first request takes its token.
      const created = await db
        .insertInto('rate_budgets')
        .values({ bucket, second_tokens: CAPACITY - 1, minute_tokens: CAPACITY - 1, refilled_at: now })
        .onConflict((oc) => oc.column('bucket').doNothing())
        .returning('bucket')
        .executeTakeFirst();
      if (created) return { waitMs: 0, paused: false };
      continue;
    }
    if (row.paused_until > now) return { waitMs: row.paused_until - now, paused: true };
    // Another process's clock may be a little ahead: time never runs backwards for the bucket.
    const elapsed = Math.max(0, now - row.refilled_at);
    const second = refill(row.second_tokens, elapsed, limits.perSecond, 1000);
    const minute = refill(row.minute_tokens, elapsed, limits.perMinute, 60_000);
    const waitMs = Math.max(
      untilOne(second, limits.perSecond, 1000),
      untilOne(minute, limits.perMinute, 60_000),
    );
    if (waitMs > 0) return { waitMs, paused: false };
    const taken = await db
      .updateTable('rate_budgets')
      .set({
        second_tokens: second - 1,
        minute_tokens: minute - 1,
        refilled_at: Math.max(now, row.refilled_at),
      })
      .where('bucket', '=', bucket)
      .where('refilled_at', '=', row.refilled_at)
      .where('second_tokens', '=', row.second_tokens)
      .where('minute_tokens', '=', row.minute_tokens)
      .where('paused_until', '=', row.paused_until)
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) > 0) return { waitMs: 0, paused: false };
  }
  return { waitMs: 1, paused: false };
}

/** Holds every process back until `untilMs`; an earlier pause never shortens a later one. */
export async function pauseRateBudget(
  db: Db,
  bucket: string,
  untilMs: number,
  now = Date.now(),
): Promise<void> {
  await db
    .insertInto('rate_budgets')
    .values({
      bucket,
      second_tokens: CAPACITY,
      minute_tokens: CAPACITY,
      refilled_at: now,
      paused_until: untilMs,
    })
    .onConflict((oc) =>
      oc
        .column('bucket')
        .doUpdateSet({ paused_until: untilMs })
        .where('rate_budgets.paused_until', '<', untilMs),
    )
    .execute();
}
