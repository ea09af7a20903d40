import 'server-only';
import type Database from 'better-sqlite3';
import { type AuditInput, accountOutcome } from './audit-log';
import { type Db, rawSqlite } from './connect';
import { SETTINGS_KEYS, type HistorySource, type SettingsSnapshot } from './settings-history';

// TRANSITIONAL (issue 8): synchronous forms of recordAudit and recordSettings for the two store
// modules that still write inside better-sqlite3 transactions (accounts-index.ts, bulk-actions.ts),
// which cannot await. Delete this file when both call `recordAudit(trx, …)` / `recordSettings(trx,
// …)` inside `inTransaction`. SQLite only, like every rawSqlite user.

const prepared = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function statement(db: Db, text: string): Database.Statement {
  const handle = rawSqlite(db);
  let cache = prepared.get(handle);
  if (!cache) prepared.set(handle, (cache = new Map()));
  let found = cache.get(text);
  if (!found) cache.set(text, (found = handle.prepare(text)));
  return found;
}

/** recordAudit for a caller inside a better-sqlite3 transaction (nested as a savepoint). */
export function recordAuditSync(db: Db, input: AuditInput): number {
  const at = input.at ?? new Date().toISOString();
  return rawSqlite(db).transaction(() => {
    const id = Number(
      statement(
        db,
        `INSERT INTO audit_log (at, workspace_id, action, email_count, changes_json, bulk_action_id, upstream_job_id, outcome, detail)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        at,
        input.workspaceId,
        input.action,
        input.emails.length,
        JSON.stringify(input.changes ?? {}),
        input.bulkActionId ?? null,
        input.upstreamJobId ?? null,
        input.outcome,
        input.detail ?? null,
      ).lastInsertRowid,
    );
    const insertAccount = statement(
      db,
      `INSERT OR IGNORE INTO audit_log_accounts (audit_id, workspace_id, email, at, outcome, error, changes_json)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const entry of input.emails) {
      const account = typeof entry === 'string' ? { email: entry } : entry;
      insertAccount.run(
        id,
        input.workspaceId,
        account.email,
        at,
        accountOutcome(input.outcome, account),
        account.error ?? null,
        account.changes ? JSON.stringify(account.changes) : null,
      );
    }
    return id;
  })();
}

/** recordSettings for a caller inside a better-sqlite3 transaction (upsertAccounts). */
export function recordSettingsSync(
  db: Db,
  workspaceId: string,
  email: string,
  snapshot: SettingsSnapshot,
  observedAt: string,
  source: HistorySource,
): boolean {
  const last = statement(
    db,
    `SELECT ${SETTINGS_KEYS.join(', ')} FROM settings_history
      WHERE workspace_id = ? AND email = ? ORDER BY observed_at DESC LIMIT 1`,
  ).get(workspaceId, email) as SettingsSnapshot | undefined;
  if (last && SETTINGS_KEYS.every((key) => last[key] === snapshot[key])) return false;
  statement(
    db,
    `INSERT OR REPLACE INTO settings_history (workspace_id, email, observed_at, ${SETTINGS_KEYS.join(', ')}, source)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(workspaceId, email, observedAt, ...SETTINGS_KEYS.map((key) => snapshot[key]), source);
  return true;
}
