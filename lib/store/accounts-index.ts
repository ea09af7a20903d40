import 'server-only';
import type { AccountRow } from '@/lib/schemas/api-accounts';
import type { Account } from '@/lib/schemas/instantly-account';
import { type AccountRecord, toRecord, toRow } from './account-record';
import type { AuditInput } from './audit-log';
import { recordAuditSync, recordSettingsSync } from './legacy-sync-writes';
import type { Db } from './db';
import { indexChanged } from './query-cache';
import { type HistorySource, snapshotOf } from './settings-history';
import { cachedStatements } from './statements';
import { rawSqlite } from './connect';

const COLUMNS: Array<keyof AccountRecord> = [
  'workspace_id',
  'email',
  'first_name',
  'last_name',
  'domain',
  'provider_code',
  'status',
  'warmup_status',
  'warmup_score',
  'daily_limit',
  'sending_gap',
  'warmup_limit',
  'last_used_at',
  'created_at',
  'has_error',
  'error_cause',
  'error_severity',
  'error_summary',
  'error_stale',
  'autofix_failed',
  'is_managed',
  'status_message_json',
  'tags_json',
  'tag_labels',
  'search_text',
  'indexed_at',
];

const statements = cachedStatements({
  upsert: `INSERT INTO accounts (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})
           ON CONFLICT (workspace_id, email) DO UPDATE SET
           ${COLUMNS.filter((c) => c !== 'workspace_id' && c !== 'email')
             .map((c) => `${c} = excluded.${c}`)
             .join(', ')}`,
  deleteTags: 'DELETE FROM account_tags WHERE workspace_id = ? AND email = ?',
  insertTag: 'INSERT OR IGNORE INTO account_tags (workspace_id, email, tag_id, label) VALUES (?, ?, ?, ?)',
  get: 'SELECT * FROM accounts WHERE workspace_id = ? AND email = ?',
  upsertRaw: `INSERT INTO account_raw (workspace_id, email, raw_json) VALUES (?, ?, ?)
              ON CONFLICT (workspace_id, email) DO UPDATE SET raw_json = excluded.raw_json`,
  getRaw: 'SELECT raw_json FROM account_raw WHERE workspace_id = ? AND email = ?',
  remove: 'DELETE FROM accounts WHERE workspace_id = ? AND email = ?',
  removeRaw: 'DELETE FROM account_raw WHERE workspace_id = ? AND email = ?',
  removeTags: 'DELETE FROM account_tags WHERE workspace_id = ? AND email = ?',
  count: 'SELECT count(*) FROM accounts WHERE workspace_id = ?',
});

/**
 * Writes accounts as Instantly answered them, in one transaction, and records a settings-history point
 * for every account whose limits changed. `keepTags`: the answer carried no tags (a single-account GET),
 * so the tags already indexed stay.
 */
export async function upsertAccounts(
  db: Db,
  workspaceId: string,
  accounts: readonly Account[],
  options: { now?: string; source?: HistorySource } = {},
): Promise<void> {
  upsertAccountsSync(db, workspaceId, accounts, options);
}

/**
 * upsertAccounts (when `accounts` is non-empty) and an audit entry, in one transaction: an answer,
 * its history point and the audit entry that explains it are committed together or not at all.
 */
export async function upsertAccountsWithAudit(
  db: Db,
  workspaceId: string,
  accounts: readonly Account[],
  options: { now?: string; source?: HistorySource },
  audit: AuditInput,
): Promise<number> {
  return rawSqlite(db).transaction(() => {
    if (accounts.length > 0) upsertAccountsSync(db, workspaceId, accounts, options);
    return recordAuditSync(db, audit);
  })();
}

function upsertAccountsSync(
  db: Db,
  workspaceId: string,
  accounts: readonly Account[],
  options: { now?: string; source?: HistorySource },
): void {
  const now = options.now ?? new Date().toISOString();
  const s = statements(db);
  rawSqlite(db).transaction(() => {
    for (const account of accounts) {
      let record = toRecord(account, workspaceId, now);
      const tagsKnown = account.tags !== undefined && account.tags !== null;
      if (!tagsKnown) {
        const existing = s.get.get(workspaceId, account.email) as AccountRecord | undefined;
        if (existing) record = { ...record, tags_json: existing.tags_json, tag_labels: existing.tag_labels };
      }
      s.upsert.run(record);
      s.upsertRaw.run(workspaceId, account.email, JSON.stringify(account));
      if (tagsKnown) {
        s.deleteTags.run(workspaceId, account.email);
        for (const tag of account.tags ?? [])
          s.insertTag.run(workspaceId, account.email, tag.id, tag.label ?? tag.id);
      }
      recordSettingsSync(db, workspaceId, account.email, snapshotOf(account), now, options.source ?? 'sync');
    }
  })();
  indexChanged(db);
}

export async function getIndexedAccount(
  db: Db,
  workspaceId: string,
  email: string,
): Promise<AccountRow | null> {
  const record = statements(db).get.get(workspaceId, email) as AccountRecord | undefined;
  return record ? toRow(record) : null;
}

/** The upstream account as last indexed (for optimistic updates and history). */
export async function getIndexedRaw(db: Db, workspaceId: string, email: string): Promise<Account | null> {
  const raw = statements(db).getRaw.pluck().get(workspaceId, email) as string | undefined;
  return raw ? (JSON.parse(raw) as Account) : null;
}

/** The account as last indexed and when that was: what the page shows when Instantly cannot be read. */
export async function getIndexedSnapshot(
  db: Db,
  workspaceId: string,
  email: string,
): Promise<{ account: Account; indexedAt: string } | null> {
  const s = statements(db);
  const record = s.get.get(workspaceId, email) as AccountRecord | undefined;
  const raw = s.getRaw.pluck().get(workspaceId, email) as string | undefined;
  return record && raw ? { account: JSON.parse(raw) as Account, indexedAt: record.indexed_at } : null;
}

export async function removeAccount(db: Db, workspaceId: string, email: string): Promise<void> {
  const s = statements(db);
  rawSqlite(db).transaction(() => {
    s.remove.run(workspaceId, email);
    s.removeRaw.run(workspaceId, email);
    s.removeTags.run(workspaceId, email);
  })();
  indexChanged(db);
}

export async function countIndexed(db: Db, workspaceId: string): Promise<number> {
  return statements(db).count.pluck().get(workspaceId) as number;
}

/** Removes every account of the workspace not in `seen` (after a complete walk). Returns how many. */
export async function removeAccountsNotSeen(
  db: Db,
  workspaceId: string,
  seen: ReadonlySet<string>,
): Promise<number> {
  const removed = rawSqlite(db).transaction(() => {
    rawSqlite(db).exec('CREATE TEMP TABLE IF NOT EXISTS seen_emails (email TEXT PRIMARY KEY) WITHOUT ROWID');
    rawSqlite(db).exec('DELETE FROM seen_emails');
    const insert = rawSqlite(db).prepare('INSERT OR IGNORE INTO seen_emails (email) VALUES (?)');
    for (const email of seen) insert.run(email);
    rawSqlite(db)
      .prepare(
        'DELETE FROM account_tags WHERE workspace_id = ? AND email NOT IN (SELECT email FROM seen_emails)',
      )
      .run(workspaceId);
    rawSqlite(db)
      .prepare(
        'DELETE FROM account_raw WHERE workspace_id = ? AND email NOT IN (SELECT email FROM seen_emails)',
      )
      .run(workspaceId);
    const removed = rawSqlite(db)
      .prepare('DELETE FROM accounts WHERE workspace_id = ? AND email NOT IN (SELECT email FROM seen_emails)')
      .run(workspaceId).changes;
    rawSqlite(db).exec('DELETE FROM seen_emails');
    return removed;
  })();
  indexChanged(db);
  return removed;
}
