import 'server-only';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import { type AuditChanges, auditChangesSchema } from '@/lib/schemas/audit-fields';
import { type Actor, actorColumns, actorOfRow } from './actor';
import type { Db } from './db';
import type { Tables } from './schema';
import { inTransaction } from './transaction';

export type { AuditChanges };

const auditOutcomeSchema = z.enum(['success', 'partial', 'failed', 'unknown']);
const accountOutcomeSchema = z.enum(['success', 'failed', 'unknown']);

/** How an entry ended: `partial` when some of its accounts failed; `unknown` when Instantly never said. */
export type AuditOutcome = z.infer<typeof auditOutcomeSchema>;
export type AccountOutcome = z.infer<typeof accountOutcomeSchema>;

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
  /** Who did it; an entry a bulk action writes carries the action's creator. */
  actor: Actor;
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
  actor: Actor;
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

type EntryRow = Selectable<Tables['audit_log']>;

/** The most rows one INSERT carries (both dialects cap the parameters of a statement). */
const ROWS_PER_INSERT = 500;

/** An account's outcome inside an entry: its own, else failed when it has an error, else the entry's. */
export function accountOutcome(entry: AuditOutcome, account: AuditAccountInput): AccountOutcome {
  if (account.outcome) return account.outcome;
  if (account.error) return 'failed';
  return entry === 'partial' ? 'success' : entry;
}

/**
 * Writes one audit entry with its accounts and returns its id. Joins the caller's transaction when
 * `db` is one (a finished batch and its audit entry are committed together or not at all), else opens
 * its own, so an entry is never stored without its accounts.
 */
export async function recordAudit(db: Db, input: AuditInput): Promise<number> {
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
        ...actorColumns(input.actor),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows = input.emails.map((entry) => {
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
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      await trx
        .insertInto('audit_log_accounts')
        .values(rows.slice(i, i + ROWS_PER_INSERT))
        // The same address twice in one entry is one account.
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    return id;
  });
}

const changesOf = (json: string | null): AuditChanges => (json ? auditChangesSchema.parse(JSON.parse(json)) : {});

function toEntry(row: EntryRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    workspaceId: row.workspace_id,
    action: row.action,
    emailCount: row.email_count,
    changes: changesOf(row.changes_json),
    bulkActionId: row.bulk_action_id,
    upstreamJobId: row.upstream_job_id,
    outcome: auditOutcomeSchema.parse(row.outcome),
    detail: row.detail,
    actor: actorOfRow(row),
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
  const rows = await db
    .selectFrom('audit_log_accounts as a')
    .innerJoin('audit_log as l', 'l.id', 'a.audit_id')
    .selectAll('l')
    .select([
      'a.email',
      'a.outcome as account_outcome',
      'a.error as account_error',
      'a.changes_json as account_changes_json',
    ])
    .where('a.workspace_id', '=', workspaceId)
    .where('a.email', '=', email)
    .where('a.at', '>=', since)
    .orderBy('a.at')
    .orderBy('a.audit_id')
    .execute();
  return rows.map((row) => {
    const entry = toEntry(row);
    return {
      ...entry,
      email: row.email,
      accountOutcome: accountOutcomeSchema.parse(row.account_outcome),
      accountError: row.account_error,
      accountChanges: { ...entry.changes, ...changesOf(row.account_changes_json) },
    };
  });
}

/** A workspace's entries in a time window, newest first. */
export async function auditForWorkspace(
  db: Db,
  workspaceId: string,
  window: { since?: string; until?: string; limit?: number } = {},
): Promise<AuditEntry[]> {
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('at', '>=', window.since ?? '');
  if (window.until !== undefined) query = query.where('at', '<', window.until);
  const rows = await query
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(window.limit ?? 500)
    .execute();
  return rows.map(toEntry);
}

export async function auditForBulkAction(db: Db, bulkActionId: string): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('bulk_action_id', '=', bulkActionId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map(toEntry);
}

export async function auditAccounts(db: Db, auditId: number): Promise<AuditAccount[]> {
  const rows = await db
    .selectFrom('audit_log_accounts')
    .select(['email', 'outcome', 'error', 'changes_json'])
    .where('audit_id', '=', auditId)
    .orderBy('email')
    .execute();
  return rows.map((r) => ({
    email: r.email,
    outcome: accountOutcomeSchema.parse(r.outcome),
    error: r.error,
    changes: changesOf(r.changes_json),
  }));
}
