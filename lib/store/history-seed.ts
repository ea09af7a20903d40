import 'server-only';
import type { Account } from '@/lib/schemas/instantly-account';
import type { Db } from './db';
import { SETTINGS_KEYS, type SettingsPoint } from './settings-history';
import { cachedStatements } from './statements';
import { rawSqlite } from './connect';

/** One dated point of seeded history (a day, the values in force from then on). */
export interface SeedPoint {
  date: string;
  daily_limit: number | null;
  sending_gap: number | null;
  warmup_limit: number | null;
}

const statements = cachedStatements({
  unseeded: `SELECT a.email, r.raw_json FROM accounts a
              JOIN account_raw r ON r.workspace_id = a.workspace_id AND r.email = a.email
              WHERE a.workspace_id = ?
                AND NOT EXISTS (SELECT 1 FROM settings_history h
                                 WHERE h.workspace_id = a.workspace_id AND h.email = a.email AND h.source = 'seed')`,
  indexed: `SELECT raw_json FROM account_raw WHERE workspace_id = ?`,
  hasSeed: `SELECT 1 FROM settings_history WHERE workspace_id = ? AND email = ? AND source = 'seed' LIMIT 1`,
  removeSeed: `DELETE FROM settings_history WHERE workspace_id = ? AND email = ? AND source = 'seed'`,
  insert: `INSERT OR IGNORE INTO settings_history
             (workspace_id, email, observed_at, daily_limit, sending_gap, warmup_limit, warmup_increment, warmup_reply_rate, source)
           VALUES (@workspace_id, @email, @observed_at, @daily_limit, @sending_gap, @warmup_limit, @warmup_increment, @warmup_reply_rate, 'seed')`,
  all: `SELECT observed_at, daily_limit, sending_gap, warmup_limit, warmup_increment, warmup_reply_rate, source
          FROM settings_history WHERE workspace_id = ? AND email = ? ORDER BY observed_at`,
  remove: 'DELETE FROM settings_history WHERE workspace_id = ? AND email = ? AND observed_at = ?',
});

/** Indexed accounts of a workspace that have no seeded history yet, as Instantly last answered. */
export async function unseededAccounts(db: Db, workspaceId: string): Promise<Account[]> {
  return unseededAccountsSync(db, workspaceId);
}

function unseededAccountsSync(db: Db, workspaceId: string): Account[] {
  const rows = statements(db).unseeded.all(workspaceId) as Array<{ email: string; raw_json: string }>;
  return rows.map((r) => JSON.parse(r.raw_json) as Account);
}

/** Every indexed account of a workspace, as Instantly last answered. */
export async function indexedAccounts(db: Db, workspaceId: string): Promise<Account[]> {
  return indexedAccountsSync(db, workspaceId);
}

function indexedAccountsSync(db: Db, workspaceId: string): Account[] {
  return (statements(db).indexed.pluck().all(workspaceId) as string[]).map(
    (raw) => JSON.parse(raw) as Account,
  );
}

export async function hasSeededHistory(db: Db, workspaceId: string, email: string): Promise<boolean> {
  return statements(db).hasSeed.get(workspaceId, email) !== undefined;
}

/**
 * Writes seeded points (source `seed`, at midnight UTC of their day) for one account, then restores the
 * history's one rule — every point is a change — by dropping non-seed points that merely repeat the
 * point before them (the first sync recorded "now" with the values the seed's last day already has).
 * The timeline only knows limits and gap; the warmup increment and reply rate are the account's own.
 * An account with seeded points is left alone, unless `replace` asks for its seeded points to be
 * rewritten (points recorded by syncs, reads and the dashboard always stay). Returns whether it wrote.
 */
export async function seedSettingsHistory(
  db: Db,
  workspaceId: string,
  account: Pick<Account, 'email' | 'warmup'>,
  points: readonly SeedPoint[],
  options: { replace?: boolean } = {},
): Promise<boolean> {
  return seedSettingsHistorySync(db, workspaceId, account, points, options);
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
  return rawSqlite(db).transaction(() => {
    let count = 0;
    const accounts = options.replace
      ? indexedAccountsSync(db, workspaceId)
      : unseededAccountsSync(db, workspaceId);
    for (const account of accounts) {
      const points = timeline(account.email);
      if (points && seedSettingsHistorySync(db, workspaceId, account, points, { replace: options.replace }))
        count++;
    }
    return count;
  })();
}

function seedSettingsHistorySync(
  db: Db,
  workspaceId: string,
  account: Pick<Account, 'email' | 'warmup'>,
  points: readonly SeedPoint[],
  options: { replace?: boolean },
): boolean {
  if (points.length === 0) return false;
  const s = statements(db);
  return rawSqlite(db).transaction(() => {
    if (options.replace) s.removeSeed.run(workspaceId, account.email);
    else if (s.hasSeed.get(workspaceId, account.email) !== undefined) return false;
    for (const point of points) {
      s.insert.run({
        workspace_id: workspaceId,
        email: account.email,
        observed_at: `${point.date}T00:00:00.000Z`,
        daily_limit: point.daily_limit,
        sending_gap: point.sending_gap,
        warmup_limit: point.warmup_limit,
        warmup_increment: account.warmup?.increment ?? null,
        warmup_reply_rate: account.warmup?.reply_rate ?? null,
      });
    }
    const stored = s.all.all(workspaceId, account.email) as SettingsPoint[];
    let previous: SettingsPoint | undefined;
    for (const point of stored) {
      const repeats = previous !== undefined && SETTINGS_KEYS.every((key) => previous?.[key] === point[key]);
      if (repeats && point.source !== 'seed') s.remove.run(workspaceId, account.email, point.observed_at);
      else previous = point;
    }
    return true;
  })();
}
