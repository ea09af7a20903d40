import 'server-only';
import type { Db } from './db';
import { cachedStatements } from './statements';
import { rawSqlite } from './connect';
import { inTransaction } from './transaction';

/** Old → new per field; `old` is absent when it was not known (e.g. the account was never indexed). */
export type AuditChanges = Record<string, { old?: unknown; new: unknown }>;

/** How an entry ended: `partial` when some of its accounts failed; `unknown` when Instantly never said. */
export type AuditOutcome = 'success' | 'partial' | 'failed' | 'unknown';
export type AccountOutcome = 'success' | 'failed' | 'unknown';

export interface AuditAccountInput {
  email: string;
  /** Defaults from the entry: `failed` when an error is given, `success` inside a partial entry. */
  outcome?: AccountOutcome;
  error?: string | null;
  /** This account's own old → new values, when they differ from the entry's. */
  changes?: AuditChanges;
}

export interface AuditInput {
  workspaceId: string;
  /** What was done: a bulk action kind (`enable-warmup`, `set-daily-limit`, …) or another verb. */
  action: string;
  emails: ReadonlyArray<string | AuditAccountInput>;
  changes?: AuditChanges;
  bulkActionId?: string | null;
  upstreamJobId?: string | null;
  outcome: AuditOutcome;
  /** A sentence for the whole entry (e.g. why the outcome is unknown). */
  detail?: string | null;
  at?: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  workspaceId: string;
  action: string;
  emailCount: number;
  changes: AuditChanges;
  bulkActionId: string | null;
  upstreamJobId: string | null;
  outcome: AuditOutcome;
  detail: string | null;
}

export interface AuditAccount {
  email: string;
  outcome: AccountOutcome;
  error: string | null;
  changes: AuditChanges;
}

/** An entry as one account saw it: its own outcome and the changes that applied to it. */
export interface AccountAuditEntry extends AuditEntry {
  email: string;
  accountOutcome: AccountOutcome;
  accountError: string | null;
  accountChanges: AuditChanges;
}

interface EntryRow {
  id: number;
  at: string;
  workspace_id: string;
  action: string;
  email_count: number;
  changes_json: string;
  bulk_action_id: string | null;
  upstream_job_id: string | null;
  outcome: AuditOutcome;
  detail: string | null;
}

interface AccountRow extends EntryRow {
  email: string;
  account_outcome: AccountOutcome;
  account_error: string | null;
  account_changes_json: string | null;
}

const statements = cachedStatements({
  insert: `INSERT INTO audit_log (at, workspace_id, action, email_count, changes_json, bulk_action_id, upstream_job_id, outcome, detail)
           VALUES (@at, @workspace_id, @action, @email_count, @changes_json, @bulk_action_id, @upstream_job_id, @outcome, @detail)`,
  insertAccount: `INSERT OR IGNORE INTO audit_log_accounts (audit_id, workspace_id, email, at, outcome, error, changes_json)
                  VALUES (?, ?, ?, ?, ?, ?, ?)`,
  forAccount: `SELECT l.*, a.email, a.outcome AS account_outcome, a.error AS account_error, a.changes_json AS account_changes_json
                 FROM audit_log_accounts a JOIN audit_log l ON l.id = a.audit_id
                WHERE a.workspace_id = ? AND a.email = ? AND a.at >= ?
                ORDER BY a.at, a.audit_id`,
  forWorkspace: `SELECT * FROM audit_log WHERE workspace_id = ? AND at >= ? AND at < ? ORDER BY at DESC, id DESC LIMIT ?`,
  forBulkAction: 'SELECT * FROM audit_log WHERE bulk_action_id = ? ORDER BY at, id',
  accountsOf:
    'SELECT email, outcome, error, changes_json FROM audit_log_accounts WHERE audit_id = ? ORDER BY email',
});

function accountOutcome(entry: AuditOutcome, account: AuditAccountInput): AccountOutcome {
  if (account.outcome) return account.outcome;
  if (account.error) return 'failed';
  return entry === 'partial' ? 'success' : entry;
}

/**
 * Writes one audit entry with its accounts. Runs inside the caller's transaction when there is one
 * (better-sqlite3 nests transactions as savepoints), so a finished batch and its audit entry are
 * committed together or not at all.
 */
export async function recordAudit(db: Db, input: AuditInput): Promise<number> {
  // TRANSITIONAL (h-index, issue 8): on Kysely so the index upsert can call it inside its transaction
  // on both databases; the audit-log owner's rewrite replaces this body.
  const at = input.at ?? new Date().toISOString();
  return inTransaction(db, async (trx) => {
    const { id } = await trx
      .insertInto('audit_log')
      .values({
        at,
        workspace_id: input.workspaceId,
        action: input.action,
        email_count: input.emails.length,
        changes_json: JSON.stringify(input.changes ?? {}),
        bulk_action_id: input.bulkActionId ?? null,
        upstream_job_id: input.upstreamJobId ?? null,
        outcome: input.outcome,
        detail: input.detail ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const accounts = input.emails.map((entry) => {
      const account: AuditAccountInput = typeof entry === 'string' ? { email: entry } : entry;
      return {
        audit_id: id,
        workspace_id: input.workspaceId,
        email: account.email,
        at,
        outcome: accountOutcome(input.outcome, account),
        error: account.error ?? null,
        changes_json: account.changes ? JSON.stringify(account.changes) : null,
      };
    });
    for (let i = 0; i < accounts.length; i += 500) {
      await trx
        .insertInto('audit_log_accounts')
        .values(accounts.slice(i, i + 500))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    return id;
  });
}

/** recordAudit for a caller already inside a better-sqlite3 transaction (bulk-actions). */
export function recordAuditSync(db: Db, input: AuditInput): number {
  const s = statements(db);
  const at = input.at ?? new Date().toISOString();
  return rawSqlite(db).transaction(() => {
    const id = Number(
      s.insert.run({
        at,
        workspace_id: input.workspaceId,
        action: input.action,
        email_count: input.emails.length,
        changes_json: JSON.stringify(input.changes ?? {}),
        bulk_action_id: input.bulkActionId ?? null,
        upstream_job_id: input.upstreamJobId ?? null,
        outcome: input.outcome,
        detail: input.detail ?? null,
      }).lastInsertRowid,
    );
    for (const entry of input.emails) {
      const account: AuditAccountInput = typeof entry === 'string' ? { email: entry } : entry;
      s.insertAccount.run(
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

function toEntry(row: EntryRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    workspaceId: row.workspace_id,
    action: row.action,
    emailCount: row.email_count,
    changes: JSON.parse(row.changes_json) as AuditChanges,
    bulkActionId: row.bulk_action_id,
    upstreamJobId: row.upstream_job_id,
    outcome: row.outcome,
    detail: row.detail,
  };
}

/**
 * What the dashboard did to one account since a moment, oldest first (the account page draws these
 * as markers on its charts). The account's own changes override the entry's.
 */
export async function auditForAccount(
  db: Db,
  workspaceId: string,
  email: string,
  since = '',
): Promise<AccountAuditEntry[]> {
  const rows = statements(db).forAccount.all(workspaceId, email, since) as AccountRow[];
  return rows.map((row) => {
    const entry = toEntry(row);
    const own = row.account_changes_json ? (JSON.parse(row.account_changes_json) as AuditChanges) : {};
    return {
      ...entry,
      email: row.email,
      accountOutcome: row.account_outcome,
      accountError: row.account_error,
      accountChanges: { ...entry.changes, ...own },
    };
  });
}

/** A workspace's entries in a time window, newest first. */
export async function auditForWorkspace(
  db: Db,
  workspaceId: string,
  window: { since?: string; until?: string; limit?: number } = {},
): Promise<AuditEntry[]> {
  const rows = statements(db).forWorkspace.all(
    workspaceId,
    window.since ?? '',
    // '~' sorts after every ISO timestamp.
    window.until ?? '~',
    window.limit ?? 500,
  ) as EntryRow[];
  return rows.map(toEntry);
}

export async function auditForBulkAction(db: Db, bulkActionId: string): Promise<AuditEntry[]> {
  return (statements(db).forBulkAction.all(bulkActionId) as EntryRow[]).map(toEntry);
}

export async function auditAccounts(db: Db, auditId: number): Promise<AuditAccount[]> {
  const rows = statements(db).accountsOf.all(auditId) as Array<{
    email: string;
    outcome: AccountOutcome;
    error: string | null;
    changes_json: string | null;
  }>;
  return rows.map((r) => ({
    email: r.email,
    outcome: r.outcome,
    error: r.error,
    changes: r.changes_json ? (JSON.parse(r.changes_json) as AuditChanges) : {},
  }));
}
