import 'server-only';
import type { Account } from '@/lib/schemas/instantly-account';
import type { Db } from './db';
import { SETTINGS_KEYS } from './settings-history';
import { inTransaction } from './transaction';

/** One dated point of seeded history (a day, the values in force from then on). */
export interface SeedPoint {
  date: string;
  daily_limit: number | null;
  sending_gap: number | null;
  warmup_limit: number | null;
  /** When given, preferred to the account's own (an indexed list row has no warmup settings). */
  warmup_increment?: string | null;
  warmup_reply_rate?: number | null;
}

const parseAccounts = (rows: ReadonlyArray<{ raw_json: string }>): Account[] =>
  rows.map((r) => JSON.parse(r.raw_json) as Account);

/** The most points one INSERT carries (both dialects cap the parameters of a statement). */
const ROWS_PER_INSERT = 500;

/** Indexed accounts of a workspace that have no seeded history yet, as Instantly last answered. */
export async function unseededAccounts(db: Db, workspaceId: string): Promise<Account[]> {
  const rows = await db
    .selectFrom('accounts as a')
    .innerJoin('account_raw as r', (join) =>
      join.onRef('r.workspace_id', '=', 'a.workspace_id').onRef('r.email', '=', 'a.email'),
    )
    .select('r.raw_json')
    .where('a.workspace_id', '=', workspaceId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('settings_history as h')
            .select('h.email')
            .whereRef('h.workspace_id', '=', 'a.workspace_id')
            .whereRef('h.email', '=', 'a.email')
            .where('h.source', '=', 'seed'),
        ),
      ),
    )
    .orderBy('a.email')
    .execute();
  return parseAccounts(rows);
}

/** Every indexed account of a workspace, as Instantly last answered. */
export async function indexedAccounts(db: Db, workspaceId: string): Promise<Account[]> {
  const rows = await db
    .selectFrom('account_raw')
    .select('raw_json')
    .where('workspace_id', '=', workspaceId)
    .orderBy('email')
    .execute();
  return parseAccounts(rows);
}

export async function hasSeededHistory(db: Db, workspaceId: string, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('settings_history')
    .select('email')
    .where('workspace_id', '=', workspaceId)
    .where('email', '=', email)
    .where('source', '=', 'seed')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** One account's seed: the account (for its warmup increment and reply rate) and its dated points. */
interface Seed {
  account: Pick<Account, 'email' | 'warmup'>;
  points: readonly SeedPoint[];
}

const chunks = <T>(items: readonly T[], size = ROWS_PER_INSERT): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * Writes the seeds of many accounts in a handful of statements (not a few per account: the demo's
 * 500 accounts are seeded at every start, and on PostgreSQL each statement is a round trip).
 * Returns the emails written. See seedSettingsHistory for the rules.
 */
async function writeSeeds(
  trx: Db,
  workspaceId: string,
  seeds: readonly Seed[],
  replace: boolean,
): Promise<string[]> {
  let todo = seeds.filter((s) => s.points.length > 0);
  for (const part of chunks(todo.map((s) => s.account.email))) {
    if (replace) {
      await trx
        .deleteFrom('settings_history')
        .where('workspace_id', '=', workspaceId)
        .where('email', 'in', part)
        .where('source', '=', 'seed')
        .execute();
    } else {
      const seeded = await trx
        .selectFrom('settings_history')
        .select('email')
        .distinct()
        .where('workspace_id', '=', workspaceId)
        .where('email', 'in', part)
        .where('source', '=', 'seed')
        .execute();
      const skip = new Set(seeded.map((r) => r.email));
      todo = todo.filter((s) => !skip.has(s.account.email));
    }
  }
  if (todo.length === 0) return [];

  const rows = todo.flatMap(({ account, points }) =>
    points.map((point) => ({
      workspace_id: workspaceId,
      email: account.email,
      observed_at: `${point.date}T00:00:00.000Z`,
      daily_limit: point.daily_limit,
      sending_gap: point.sending_gap,
      warmup_limit: point.warmup_limit,
      warmup_increment:
        point.warmup_increment !== undefined ? point.warmup_increment : (account.warmup?.increment ?? null),
      warmup_reply_rate:
        point.warmup_reply_rate !== undefined
          ? point.warmup_reply_rate
          : (account.warmup?.reply_rate ?? null),
      source: 'seed',
    })),
  );
  for (const part of chunks(rows)) {
    await trx
      .insertInto('settings_history')
      .values(part)
      // A point already recorded at that instant (by a sync, read or save) is the real one.
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  // Every point is a change: drop the non-seed points that merely repeat the point before them.
  const emails = todo.map((s) => s.account.email);
  const repeats: Array<{ email: string; observed_at: string }> = [];
  for (const part of chunks(emails)) {
    const stored = await trx
      .selectFrom('settings_history')
      .select(['email', 'observed_at', ...SETTINGS_KEYS, 'source'])
      .where('workspace_id', '=', workspaceId)
      .where('email', 'in', part)
      .orderBy('email')
      .orderBy('observed_at')
      .execute();
    let previous: (typeof stored)[number] | undefined;
    for (const point of stored) {
      const repeated =
        previous?.email === point.email && SETTINGS_KEYS.every((key) => previous?.[key] === point[key]);
      if (repeated && point.source !== 'seed')
        repeats.push({ email: point.email, observed_at: point.observed_at });
      else previous = point;
    }
  }
  for (const part of chunks(repeats, ROWS_PER_INSERT / 2)) {
    await trx
      .deleteFrom('settings_history')
      .where('workspace_id', '=', workspaceId)
      .where((eb) =>
        eb(
          eb.refTuple('email', 'observed_at'),
          'in',
          part.map((r) => eb.tuple(r.email, r.observed_at)),
        ),
      )
      .execute();
  }
  return emails;
}

/**
 * Writes seeded points (source `seed`, at midnight UTC of their day) for one account, then restores the
 * history's one rule — every point is a change — by dropping non-seed points that merely repeat the
 * point before them (the first sync recorded "now" with the values the seed's last day already has).
 * The timeline only knows limits and gap; the warmup increment and reply rate are the account's own.
 * An account with seeded points is left alone, unless `replace` asks for its seeded points to be
 * rewritten (points recorded by syncs, reads and the dashboard always stay). Returns whether it wrote.
 * Joins the caller's transaction when `db` is one.
 */
export async function seedSettingsHistory(
  db: Db,
  workspaceId: string,
  account: Pick<Account, 'email' | 'warmup'>,
  points: readonly SeedPoint[],
  options: { replace?: boolean } = {},
): Promise<boolean> {
  if (points.length === 0) return false;
  const written = await inTransaction(db, (trx) =>
    writeSeeds(trx, workspaceId, [{ account, points }], options.replace ?? false),
  );
  return written.length > 0;
}

/**
 * Seeds every indexed account of a workspace that `timeline` has points for, in one transaction:
 * all of them when `replace` (their seeded points rewritten), otherwise only those with no seed yet.
 * Returns how many accounts were written.
 */
export async function seedWorkspaceHistory(
  db: Db,
  workspaceId: string,
  timeline: (email: string) => readonly SeedPoint[] | undefined,
  options: { replace: boolean },
): Promise<number> {
  return inTransaction(db, async (trx) => {
    const accounts = options.replace
      ? await indexedAccounts(trx, workspaceId)
      : await unseededAccounts(trx, workspaceId);
    const seeds = accounts.flatMap((account) => {
      const points = timeline(account.email);
      return points ? [{ account, points }] : [];
    });
    return (await writeSeeds(trx, workspaceId, seeds, options.replace)).length;
  });
}
