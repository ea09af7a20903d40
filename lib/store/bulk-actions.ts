import 'server-only';
import { randomBytes } from 'node:crypto';
import {
  type AccountKey,
  type ActionStatus,
  type BulkActionDetail,
  type BulkActionItem,
  type BulkActionKind,
  type BulkActionSummary,
  type ItemState,
  type LaterChange,
  BULK_ACTION_KINDS,
  bulkActionLabel,
} from '@/lib/schemas/api-bulk-actions';
import type { WarmupToggleRequest } from '@/lib/schemas/instantly-requests';
import type { AuditAccountInput, AuditChanges, AuditOutcome } from './audit-log';
import { recordAuditSync } from './legacy-sync-writes';
import type { Db } from './db';
import { cachedStatements } from './statements';
import { rawSqlite } from './connect';

// Bulk actions, their accounts and (warmup kinds) their Instantly jobs. Every state change is a
// transaction in a WAL database, so a restart finds each account exactly where it was: pending, running
// (its outcome then has to be found out), done, or failed with a reason.

export const MAX_BATCH_SIZE = 100;

export interface BulkActionParams {
  dailyLimit?: number;
}

export interface ActionWorkspace {
  workspaceId: string;
  label: string;
  count: number;
}

export interface BulkActionRecord {
  id: string;
  kind: BulkActionKind;
  params: BulkActionParams;
  status: ActionStatus;
  title: string;
  total: number;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  retryOf: string | null;
  lastError: string | null;
  workspaces: ActionWorkspace[];
}

/**
 * queued: not sent yet (or waiting to be re-sent after a 409); starting: the write is on its way, so
 * after a crash its outcome is unknown; running: Instantly has the job; done / failed: finished.
 */
export type BatchState = 'queued' | 'starting' | 'running' | 'done' | 'failed';
export const OPEN_BATCH_STATES: readonly BatchState[] = ['queued', 'starting', 'running'];

export interface BatchRecord {
  id: string;
  actionId: string;
  workspaceId: string;
  seq: number;
  allEmails: boolean;
  size: number;
  upstreamJobId: string | null;
  request: WarmupToggleRequest;
  /** The values before the job, per email (for the audit log's old → new). */
  before: Record<string, unknown>;
  state: BatchState;
  progress: number;
  upstreamStatus: string | null;
  attempts: number;
  pollFailures: number;
  pollIntervalMs: number;
  nextPollAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewBatch {
  workspaceId: string;
  request: WarmupToggleRequest;
  /** The items this job covers (for include_all_emails jobs: what the index expects it to select). */
  emails: readonly string[];
  allEmails: boolean;
}

export interface NewBulkAction {
  kind: BulkActionKind;
  params?: BulkActionParams;
  title?: string;
  workspaces: ReadonlyArray<{ workspaceId: string; label: string }>;
  keys: readonly AccountKey[];
  batches?: readonly NewBatch[];
  retryOf?: string | null;
  now?: string;
}

export interface ItemRecord {
  workspaceId: string;
  email: string;
  state: ItemState;
  error: string | null;
  batchId: string | null;
  updatedAt: string;
}

interface ActionRow {
  id: string;
  kind: BulkActionKind;
  params_json: string;
  status: ActionStatus;
  title: string;
  total: number;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  retry_of: string | null;
  last_error: string | null;
}

interface BatchRow {
  id: string;
  action_id: string;
  workspace_id: string;
  seq: number;
  all_emails: number;
  size: number;
  upstream_job_id: string | null;
  request_json: string;
  before_json: string | null;
  state: BatchState;
  progress: number;
  upstream_status: string | null;
  attempts: number;
  poll_failures: number;
  poll_interval_ms: number;
  next_poll_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
}

interface ItemRow {
  workspace_id: string;
  email: string;
  state: ItemState;
  error: string | null;
  batch_id: string | null;
  updated_at: string;
}

const statements = cachedStatements({
  insertAction: `INSERT INTO bulk_actions (id, kind, params_json, status, title, total, created_at, updated_at, retry_of)
                 VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?)`,
  insertWorkspace:
    'INSERT INTO bulk_action_workspaces (action_id, workspace_id, label, count) VALUES (?, ?, ?, ?)',
  insertItem: `INSERT INTO bulk_action_items (action_id, workspace_id, email, state, error, batch_id, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?)`,
  insertBatch: `INSERT INTO bulk_action_batches (id, action_id, workspace_id, seq, all_emails, size, request_json, state, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)`,
  getAction: 'SELECT * FROM bulk_actions WHERE id = ?',
  workspacesOf:
    'SELECT workspace_id, label, count FROM bulk_action_workspaces WHERE action_id = ? ORDER BY label, workspace_id',
  counts: 'SELECT state, count(*) AS n FROM bulk_action_items WHERE action_id = ? GROUP BY state',
  finishedPerBatch: `SELECT batch_id, count(*) AS n FROM bulk_action_items
                      WHERE action_id = ? AND state IN ('done', 'failed') AND batch_id IS NOT NULL GROUP BY batch_id`,
  batchesOf: 'SELECT * FROM bulk_action_batches WHERE action_id = ? ORDER BY seq',
  getBatch: 'SELECT * FROM bulk_action_batches WHERE id = ?',
  itemsOfBatch: 'SELECT * FROM bulk_action_items WHERE batch_id = ?',
  pendingItems: `SELECT * FROM bulk_action_items WHERE action_id = ? AND workspace_id = ? AND state = 'pending' ORDER BY email`,
  runningItems: `SELECT * FROM bulk_action_items WHERE action_id = ? AND state = 'running' AND batch_id IS NULL`,
  failedItems: `SELECT * FROM bulk_action_items WHERE action_id = ? AND state = 'failed' ORDER BY workspace_id, email`,
  setItem: `UPDATE bulk_action_items SET state = ?, error = ?, updated_at = ? WHERE action_id = ? AND workspace_id = ? AND email = ?`,
  setBatchItems: `UPDATE bulk_action_items SET state = ?, error = ?, updated_at = ? WHERE batch_id = ? AND state IN ('pending', 'running')`,
  touch: 'UPDATE bulk_actions SET updated_at = ? WHERE id = ?',
  setLastError: 'UPDATE bulk_actions SET last_error = ?, updated_at = ? WHERE id = ?',
  bumpTotals: 'UPDATE bulk_actions SET total = total + ? WHERE id = ?',
  bumpWorkspace:
    'UPDATE bulk_action_workspaces SET count = count + ? WHERE action_id = ? AND workspace_id = ?',
  openWork: `SELECT DISTINCT workspace_id FROM bulk_action_items WHERE action_id = ? AND state IN ('pending', 'running')
             UNION SELECT DISTINCT workspace_id FROM bulk_action_batches WHERE action_id = ? AND state IN ('queued', 'starting', 'running')`,
  openBatchCount: `SELECT count(*) FROM bulk_action_batches WHERE action_id = ? AND state IN ('queued', 'starting', 'running')`,
  finish: 'UPDATE bulk_actions SET status = ?, finished_at = ?, updated_at = ? WHERE id = ?',
  activeIds: `SELECT id FROM bulk_actions WHERE status = 'running' ORDER BY created_at`,
  markStarting: `UPDATE bulk_action_batches SET state = 'starting', attempts = attempts + 1, started_at = ?, before_json = ?, updated_at = ?
                 WHERE id = ? AND state = 'queued'`,
  markRunning: `UPDATE bulk_action_batches SET state = 'running', upstream_job_id = ?, upstream_status = ?, progress = ?,
                  poll_interval_ms = ?, next_poll_at = ?, error = NULL, updated_at = ? WHERE id = ?`,
  requeue: `UPDATE bulk_action_batches SET state = 'queued', next_poll_at = ?, error = ?, updated_at = ? WHERE id = ?`,
  progress: `UPDATE bulk_action_batches SET progress = ?, upstream_status = ?, poll_interval_ms = ?, next_poll_at = ?,
               poll_failures = ?, error = ?, updated_at = ? WHERE id = ?`,
  finishBatch: `UPDATE bulk_action_batches SET state = ?, progress = ?, upstream_status = ?, error = ?, finished_at = ?,
                  next_poll_at = NULL, updated_at = ? WHERE id = ?`,
  jobClaimed: 'SELECT 1 FROM bulk_action_batches WHERE upstream_job_id = ? LIMIT 1',
  warmupBefore: `SELECT i.email, r.raw_json FROM bulk_action_items i
                   LEFT JOIN account_raw r ON r.workspace_id = i.workspace_id AND r.email = i.email
                  WHERE i.batch_id = ?`,
  // A batch waits while a running job of any action holds one of its accounts. Instantly picks the
  // accounts of an include_all_emails job itself, so such a job holds the whole workspace.
  blockers: `SELECT DISTINCT b.action_id FROM bulk_action_batches b
              WHERE b.workspace_id = @workspace_id AND b.state IN ('starting', 'running') AND b.id <> @id
                AND (b.all_emails = 1 OR @all_emails = 1 OR EXISTS (
                  SELECT 1 FROM bulk_action_items mine JOIN bulk_action_items theirs
                    ON theirs.workspace_id = mine.workspace_id AND theirs.email = mine.email AND theirs.batch_id = b.id
                   WHERE mine.batch_id = @id))`,
  // Per account: this action's own write (the latest, if several), then every later write of the
  // same setting that did not fail, newest first; the newest is the one Instantly has now. Row values
  // order writes of the same millisecond by audit id. Both joins follow audit_log_accounts' key
  // (workspace, email, at) from the action's own items, so the cost grows with the action's accounts
  // and their own history, not with the whole audit log.
  changedAgain: `WITH mine AS (
                   SELECT i.workspace_id, i.email, max(acc.at) AS at, acc.audit_id
                     FROM bulk_action_items i
                     JOIN audit_log_accounts acc ON acc.workspace_id = i.workspace_id AND acc.email = i.email
                     JOIN audit_log l ON l.id = acc.audit_id AND l.bulk_action_id = @action_id
                    WHERE i.action_id = @action_id AND acc.outcome IN ('success', 'unknown')
                      AND i.workspace_id IN (SELECT value FROM json_each(@workspaces))
                    GROUP BY i.workspace_id, i.email),
                 later AS (
                   SELECT m.workspace_id, m.email, l.bulk_action_id, l.action, acc.at,
                          row_number() OVER (PARTITION BY m.workspace_id, m.email ORDER BY acc.at DESC, acc.audit_id DESC) AS rn
                     FROM mine m
                     JOIN audit_log_accounts acc ON acc.workspace_id = m.workspace_id AND acc.email = m.email
                          AND (acc.at, acc.audit_id) > (m.at, m.audit_id)
                     JOIN audit_log l ON l.id = acc.audit_id
                    WHERE acc.outcome IN ('success', 'unknown')
                      AND l.bulk_action_id IS NOT @action_id
                      AND (l.action IN (SELECT value FROM json_each(@actions))
                           OR (l.action = @fields_action AND EXISTS (
                                 SELECT 1 FROM json_each(@fields) f
                                  WHERE json_type(l.changes_json, f.value) IS NOT NULL
                                     OR json_type(acc.changes_json, f.value) IS NOT NULL))))
                 SELECT later.workspace_id, later.email, later.bulk_action_id, later.action, later.at, b.params_json, b.created_at
                   FROM later LEFT JOIN bulk_actions b ON b.id = later.bulk_action_id
                  WHERE later.rn = 1
                  ORDER BY later.workspace_id, later.email`,
  accountLock: `SELECT b.action_id FROM bulk_action_batches b
                 WHERE b.workspace_id = ? AND b.state IN ('starting', 'running')
                   AND (b.all_emails = 1 OR EXISTS (SELECT 1 FROM bulk_action_items i WHERE i.batch_id = b.id AND i.email = ?))
                 LIMIT 1`,
});

export const newId = (prefix: string) => `${prefix}_${randomBytes(9).toString('hex')}`;

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** "Enable warmup · 312 accounts", "Retry: set daily limit to 40 · 4 accounts". */
export function titleFor(
  kind: BulkActionKind,
  params: BulkActionParams,
  count: number,
  retry = false,
): string {
  const label = bulkActionLabel(kind, params.dailyLimit);
  return `${retry ? `Retry: ${label.charAt(0).toLowerCase()}${label.slice(1)}` : label} · ${plural(count, 'account')}`;
}

/** Explicit jobs of at most 100 emails per workspace, in the order given. */
export function explicitBatches(keys: readonly AccountKey[], batchSize = MAX_BATCH_SIZE): NewBatch[] {
  const byWorkspace = new Map<string, string[]>();
  for (const key of keys) {
    const list = byWorkspace.get(key.workspaceId) ?? [];
    list.push(key.email);
    byWorkspace.set(key.workspaceId, list);
  }
  const batches: NewBatch[] = [];
  for (const [workspaceId, emails] of byWorkspace) {
    for (let i = 0; i < emails.length; i += batchSize) {
      const chunk = emails.slice(i, i + batchSize);
      batches.push({ workspaceId, request: { emails: chunk }, emails: chunk, allEmails: false });
    }
  }
  return batches;
}

const lower = (email: string) => email.toLowerCase();

function dedupeKeys(keys: readonly AccountKey[]): AccountKey[] {
  const seen = new Set<string>();
  const out: AccountKey[] = [];
  for (const key of keys) {
    const id = `${key.workspaceId}\u0000${lower(key.email)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(key);
  }
  return out;
}

/**
 * Creates an action with every item (pending) and, for warmup kinds, its batches, in one transaction:
 * an action either exists with all its accounts or not at all.
 */
export async function createBulkAction(db: Db, input: NewBulkAction): Promise<string> {
  return createBulkActionSync(db, input);
}

function createBulkActionSync(db: Db, input: NewBulkAction): string {
  const s = statements(db);
  const now = input.now ?? new Date().toISOString();
  const keys = dedupeKeys(input.keys);
  if (keys.length === 0) throw new Error('a bulk action needs at least one account');
  const params = input.params ?? {};
  const id = newId('ba');
  const labels = new Map(input.workspaces.map((w) => [w.workspaceId, w.label]));
  const counts = new Map<string, number>();
  for (const key of keys) {
    if (!labels.has(key.workspaceId)) throw new Error(`account ${key.email} is in an unlisted workspace`);
    counts.set(key.workspaceId, (counts.get(key.workspaceId) ?? 0) + 1);
  }
  rawSqlite(db).transaction(() => {
    s.insertAction.run(
      id,
      input.kind,
      JSON.stringify(params),
      input.title ?? titleFor(input.kind, params, keys.length, Boolean(input.retryOf)),
      keys.length,
      now,
      now,
      input.retryOf ?? null,
    );
    for (const [workspaceId, count] of counts)
      s.insertWorkspace.run(id, workspaceId, labels.get(workspaceId), count);
    const batchOf = new Map<string, string>();
    (input.batches ?? []).forEach((batch, seq) => {
      const batchId = newId('bb');
      s.insertBatch.run(
        batchId,
        id,
        batch.workspaceId,
        seq,
        batch.allEmails ? 1 : 0,
        batch.emails.length,
        JSON.stringify(batch.request),
        now,
        now,
      );
      for (const email of batch.emails) {
        const itemKey = `${batch.workspaceId}\u0000${lower(email)}`;
        if (batchOf.has(itemKey)) throw new Error(`${email} is in two batches of one action`);
        batchOf.set(itemKey, batchId);
      }
    });
    for (const key of keys) {
      const batchId = batchOf.get(`${key.workspaceId}\u0000${lower(key.email)}`) ?? null;
      if (input.batches && batchId === null) throw new Error(`${key.email} is in no batch`);
      s.insertItem.run(id, key.workspaceId, key.email, 'pending', null, batchId, now);
    }
  })();
  return id;
}

function toAction(row: ActionRow, workspaces: ActionWorkspace[]): BulkActionRecord {
  return {
    id: row.id,
    kind: row.kind,
    params: JSON.parse(row.params_json) as BulkActionParams,
    status: row.status,
    title: row.title,
    total: row.total,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
    retryOf: row.retry_of,
    lastError: row.last_error,
    workspaces,
  };
}

export async function getBulkAction(db: Db, id: string): Promise<BulkActionRecord | null> {
  return getBulkActionSync(db, id);
}

function getBulkActionSync(db: Db, id: string): BulkActionRecord | null {
  const s = statements(db);
  const row = s.getAction.get(id) as ActionRow | undefined;
  if (!row) return null;
  const workspaces = (
    s.workspacesOf.all(id) as Array<{ workspace_id: string; label: string; count: number }>
  ).map((w) => ({ workspaceId: w.workspace_id, label: w.label, count: w.count }));
  return toAction(row, workspaces);
}

function toBatch(row: BatchRow): BatchRecord {
  return {
    id: row.id,
    actionId: row.action_id,
    workspaceId: row.workspace_id,
    seq: row.seq,
    allEmails: row.all_emails === 1,
    size: row.size,
    upstreamJobId: row.upstream_job_id,
    request: JSON.parse(row.request_json) as WarmupToggleRequest,
    before: row.before_json ? (JSON.parse(row.before_json) as Record<string, unknown>) : {},
    state: row.state,
    progress: row.progress,
    upstreamStatus: row.upstream_status,
    attempts: row.attempts,
    pollFailures: row.poll_failures,
    pollIntervalMs: row.poll_interval_ms,
    nextPollAt: row.next_poll_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    error: row.error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const toItem = (row: ItemRow): ItemRecord => ({
  workspaceId: row.workspace_id,
  email: row.email,
  state: row.state,
  error: row.error,
  batchId: row.batch_id,
  updatedAt: row.updated_at,
});

export async function batchesOf(db: Db, actionId: string): Promise<BatchRecord[]> {
  return batchesOfSync(db, actionId);
}

function batchesOfSync(db: Db, actionId: string): BatchRecord[] {
  return (statements(db).batchesOf.all(actionId) as BatchRow[]).map(toBatch);
}

export async function getBatch(db: Db, batchId: string): Promise<BatchRecord | null> {
  const row = statements(db).getBatch.get(batchId) as BatchRow | undefined;
  return row ? toBatch(row) : null;
}

export async function itemsOfBatch(db: Db, batchId: string): Promise<ItemRecord[]> {
  return (statements(db).itemsOfBatch.all(batchId) as ItemRow[]).map(toItem);
}

export async function actionCounts(db: Db, actionId: string): Promise<BulkActionSummary['counts']> {
  return actionCountsSync(db, actionId);
}

function actionCountsSync(db: Db, actionId: string): BulkActionSummary['counts'] {
  const counts = { total: 0, pending: 0, running: 0, done: 0, failed: 0 };
  for (const row of statements(db).counts.all(actionId) as Array<{ state: ItemState; n: number }>) {
    counts[row.state] += row.n;
    counts.total += row.n;
  }
  return counts;
}

/** The summary as stored; `waitingFor` is the runner's to fill in (it knows which keys it holds). */
export async function summarizeAction(db: Db, action: BulkActionRecord): Promise<BulkActionSummary> {
  const counts = actionCountsSync(db, action.id);
  const batches = batchesOfSync(db, action.id);
  const finishedIn = new Map(
    (statements(db).finishedPerBatch.all(action.id) as Array<{ batch_id: string; n: number }>).map((r) => [
      r.batch_id,
      r.n,
    ]),
  );
  // A running job's own progress counts for the accounts not yet reported one by one.
  let inFlight = 0;
  for (const batch of batches) {
    if (batch.state !== 'running') continue;
    inFlight += Math.max(
      0,
      Math.round((batch.size * batch.progress) / 100) - (finishedIn.get(batch.id) ?? 0),
    );
  }
  const finished = counts.done + counts.failed;
  const progress =
    counts.total === 0
      ? 100
      : Math.min(100, Math.floor((100 * Math.min(counts.total, finished + inFlight)) / counts.total));
  return {
    id: action.id,
    kind: action.kind,
    status: action.status,
    title: action.title,
    createdAt: action.createdAt,
    updatedAt: action.updatedAt,
    finishedAt: action.finishedAt,
    retryOf: action.retryOf,
    counts,
    progress: action.status === 'running' ? Math.min(progress, 99) : 100,
    workspaces: action.workspaces,
    jobs: batches.map((b) => ({
      id: b.upstreamJobId,
      workspaceId: b.workspaceId,
      state: b.state,
      progress: b.state === 'done' || b.state === 'failed' ? 100 : b.progress,
      size: b.size,
    })),
    waitingFor: null,
  };
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/**
 * Actions touching any of these workspaces (the ones a browser holds keys for), newest first.
 * `active`: only those with work left.
 */
export async function listBulkActions(
  db: Db,
  options: { workspaceIds: readonly string[]; active?: boolean; limit?: number },
): Promise<BulkActionRecord[]> {
  if (options.workspaceIds.length === 0) return [];
  const rows = rawSqlite(db)
    .prepare(
      `SELECT a.* FROM bulk_actions a
        WHERE EXISTS (SELECT 1 FROM bulk_action_workspaces w WHERE w.action_id = a.id AND w.workspace_id IN (${placeholders(options.workspaceIds.length)}))
          ${options.active ? "AND a.status = 'running'" : ''}
        ORDER BY a.created_at DESC, a.rowid DESC LIMIT ?`,
    )
    .all(...options.workspaceIds, options.limit ?? 50) as ActionRow[];
  return rows.map((row) => getBulkActionSync(db, row.id)).filter((a): a is BulkActionRecord => a !== null);
}

/** Whether a browser holding keys for these workspaces may see the action. */
export function actionVisibleTo(action: BulkActionRecord, workspaceIds: readonly string[]): boolean {
  return action.workspaces.some((w) => workspaceIds.includes(w.workspaceId));
}

/** The items a browser may see (only its workspaces'), paged, optionally one state only. */
export async function actionItems(
  db: Db,
  actionId: string,
  options: { workspaceIds: readonly string[]; state?: ItemState; offset: number; limit: number },
): Promise<Pick<BulkActionDetail, 'items' | 'itemsTotal'>> {
  if (options.workspaceIds.length === 0) return { items: [], itemsTotal: 0 };
  const where = `action_id = ? AND workspace_id IN (${placeholders(options.workspaceIds.length)})${options.state ? ' AND state = ?' : ''}`;
  const params: unknown[] = [actionId, ...options.workspaceIds, ...(options.state ? [options.state] : [])];
  const itemsTotal = rawSqlite(db)
    .prepare(`SELECT count(*) FROM bulk_action_items WHERE ${where}`)
    .pluck()
    .get(...params) as number;
  // Failures first when showing everything: they are what a person came to look at.
  const rows = rawSqlite(db)
    .prepare(
      `SELECT * FROM bulk_action_items WHERE ${where}
        ORDER BY CASE state WHEN 'failed' THEN 0 WHEN 'running' THEN 1 WHEN 'pending' THEN 2 ELSE 3 END, email, workspace_id
        LIMIT ? OFFSET ?`,
    )
    .all(...params, options.limit, options.offset) as ItemRow[];
  const items: BulkActionItem[] = rows.map((r) => ({
    workspaceId: r.workspace_id,
    email: r.email,
    state: r.state,
    error: r.error,
    updatedAt: r.updated_at,
    changedAgainBy: null,
  }));
  return { items, itemsTotal };
}

/** Which audit entries write a setting (the caller knows the verbs; the store only matches them). */
export interface SettingWriters {
  /** Audit actions that write the setting whatever changes they recorded (bulk action kinds). */
  actions: readonly string[];
  /** An audit action that writes it only when its recorded changes name one of these fields. */
  byFields?: { action: string; fields: readonly string[] };
}

export interface AccountChangedAgain extends LaterChange {
  workspaceId: string;
  email: string;
}

const laterKind = (kind: string | null) =>
  (BULK_ACTION_KINDS as readonly string[]).includes(kind ?? '') ? (kind as BulkActionKind) : null;

/**
 * The accounts this action wrote (or may have written: outcome unknown) that a later write of the
 * same setting changed again, each with that write's action: the latest one, whose value Instantly
 * has now. One query for all of the action's accounts, however many there are. Later writes that
 * failed do not count; unknown ones do (they may have landed).
 */
export async function accountsChangedAgain(
  db: Db,
  actionId: string,
  writers: SettingWriters,
  options: { workspaceIds: readonly string[] },
): Promise<AccountChangedAgain[]> {
  if (options.workspaceIds.length === 0) return [];
  const rows = statements(db).changedAgain.all({
    action_id: actionId,
    workspaces: JSON.stringify(options.workspaceIds),
    actions: JSON.stringify(writers.actions),
    fields_action: writers.byFields?.action ?? null,
    // JSON paths, quoted so that any field name is taken literally.
    fields: JSON.stringify((writers.byFields?.fields ?? []).map((f) => `$.${JSON.stringify(f)}`)),
  }) as Array<{
    workspace_id: string;
    email: string;
    bulk_action_id: string | null;
    action: string;
    at: string;
    params_json: string | null;
    created_at: string | null;
  }>;
  const paramsOf = new Map<string, BulkActionParams>();
  return rows.map((r) => {
    const kind = r.bulk_action_id ? laterKind(r.action) : null;
    let params = paramsOf.get(r.bulk_action_id ?? '');
    if (!params) {
      params = r.params_json ? (JSON.parse(r.params_json) as BulkActionParams) : {};
      paramsOf.set(r.bulk_action_id ?? '', params);
    }
    return {
      workspaceId: r.workspace_id,
      email: r.email,
      actionId: r.bulk_action_id,
      kind,
      label: kind
        ? bulkActionLabel(kind, params.dailyLimit)
        : r.bulk_action_id
          ? r.action
          : 'A save on the account page',
      startedAt: r.created_at ?? r.at,
    };
  });
}

/** Counts per later writer, newest writer first (saves on account pages together, the latest time). */
export function groupChangedAgain(
  accounts: readonly AccountChangedAgain[],
): Array<LaterChange & { count: number }> {
  const groups = new Map<string, LaterChange & { count: number }>();
  for (const account of accounts) {
    const id = account.actionId ?? '';
    const group = groups.get(id);
    if (!group) {
      groups.set(id, {
        actionId: account.actionId,
        kind: account.kind,
        label: account.label,
        startedAt: account.startedAt,
        count: 1,
      });
      continue;
    }
    group.count += 1;
    if (account.startedAt > group.startedAt) group.startedAt = account.startedAt;
  }
  return [...groups.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

export async function activeActionIds(db: Db): Promise<string[]> {
  return statements(db).activeIds.pluck().all() as string[];
}

/** Workspaces where the action still has work: pending or running items, or open batches. */
export async function workspacesWithWork(db: Db, actionId: string): Promise<string[]> {
  return statements(db).openWork.pluck().all(actionId, actionId) as string[];
}

export async function touchAction(db: Db, actionId: string, now = new Date().toISOString()): Promise<void> {
  statements(db).touch.run(now, actionId);
}

export async function recordActionError(
  db: Db,
  actionId: string,
  message: string,
  now = new Date().toISOString(),
): Promise<void> {
  statements(db).setLastError.run(message.slice(0, 1000), now, actionId);
}

/**
 * Closes the action once nothing is left: done when every account succeeded, partial when some
 * failed, failed when none succeeded. Returns the status (still `running` when work is left).
 */
export async function finalizeIfComplete(
  db: Db,
  actionId: string,
  now = new Date().toISOString(),
): Promise<ActionStatus> {
  const s = statements(db);
  return rawSqlite(db).transaction((): ActionStatus => {
    const row = s.getAction.get(actionId) as ActionRow | undefined;
    if (!row) return 'failed';
    if (row.status !== 'running') return row.status;
    const counts = actionCountsSync(db, actionId);
    const openBatches = s.openBatchCount.pluck().get(actionId) as number;
    if (counts.pending > 0 || counts.running > 0 || openBatches > 0) return 'running';
    const status: ActionStatus = counts.failed === 0 ? 'done' : counts.done === 0 ? 'failed' : 'partial';
    s.finish.run(status, now, now, actionId);
    return status;
  })();
}

// ---- per-account items ----------------------------------------------------------------------

export async function pendingItems(db: Db, actionId: string, workspaceId: string): Promise<ItemRecord[]> {
  return (statements(db).pendingItems.all(actionId, workspaceId) as ItemRow[]).map(toItem);
}

/** Per-account items left `running` by a process that stopped mid-call. */
export async function orphanedRunningItems(db: Db, actionId: string): Promise<ItemRecord[]> {
  return (statements(db).runningItems.all(actionId) as ItemRow[]).map(toItem);
}

export async function setItemState(
  db: Db,
  actionId: string,
  key: AccountKey,
  state: ItemState,
  error: string | null = null,
  now = new Date().toISOString(),
): Promise<void> {
  statements(db).setItem.run(state, error, now, actionId, key.workspaceId, key.email);
}

/**
 * Ends one per-account item and writes its audit entry in the same transaction, so the job centre
 * and the audit log never disagree.
 */
export async function finishItem(
  db: Db,
  action: Pick<BulkActionRecord, 'id' | 'kind'>,
  key: AccountKey,
  result: { ok: boolean; error?: string | null; outcome?: AuditOutcome; changes?: AuditChanges },
  now = new Date().toISOString(),
): Promise<void> {
  const s = statements(db);
  rawSqlite(db).transaction(() => {
    s.setItem.run(
      result.ok ? 'done' : 'failed',
      result.ok ? null : (result.error ?? 'Failed'),
      now,
      action.id,
      key.workspaceId,
      key.email,
    );
    recordAuditSync(db, {
      workspaceId: key.workspaceId,
      action: action.kind,
      emails: [
        {
          email: key.email,
          error: result.ok ? null : (result.error ?? 'Failed'),
          outcome: result.ok ? 'success' : result.outcome === 'unknown' ? 'unknown' : 'failed',
        },
      ],
      changes: result.changes,
      bulkActionId: action.id,
      outcome: result.outcome ?? (result.ok ? 'success' : 'failed'),
      at: now,
    });
    s.touch.run(now, action.id);
  })();
}

/**
 * Marks a per-account item running unless a starting or running warmup job holds the account: the
 * check and the mark in one step, so no job can take the account between them. Returns the holding
 * action's id (nothing marked), or null when the item is now running. `error`: the reason from an
 * earlier try, which stays up while this one runs.
 */
export async function markItemRunningUnlessLocked(
  db: Db,
  actionId: string,
  key: AccountKey,
  error: string | null,
  now = new Date().toISOString(),
): Promise<string | null> {
  const s = statements(db);
  return rawSqlite(db).transaction((): string | null => {
    const holder = (s.accountLock.pluck().get(key.workspaceId, key.email) as string | undefined) ?? null;
    if (holder) return holder;
    s.setItem.run('running', error, now, actionId, key.workspaceId, key.email);
    return null;
  })();
}

/** The action id of a running or starting job that holds this account, if any. */
export async function accountLockedBy(db: Db, key: AccountKey): Promise<string | null> {
  return (statements(db).accountLock.pluck().get(key.workspaceId, key.email) as string | undefined) ?? null;
}

// ---- warmup batches ---------------------------------------------------------------------------

/** Actions whose running jobs hold one of this batch's accounts (the batch must wait for them). */
export async function batchBlockers(
  db: Db,
  batch: Pick<BatchRecord, 'id' | 'workspaceId' | 'allEmails'>,
): Promise<string[]> {
  return statements(db)
    .blockers.pluck()
    .all({ id: batch.id, workspace_id: batch.workspaceId, all_emails: batch.allEmails ? 1 : 0 }) as string[];
}

/**
 * Marks a batch as being sent, before the write leaves: if the process dies before the answer is
 * stored, a restart knows the outcome is unknown instead of sending the job twice.
 */
export async function markBatchStarting(
  db: Db,
  batchId: string,
  before: Record<string, unknown>,
  now = new Date().toISOString(),
): Promise<boolean> {
  return statements(db).markStarting.run(now, JSON.stringify(before), now, batchId).changes === 1;
}

/**
 * markBatchStarting, unless a running job of any action holds one of the batch's accounts (see
 * batchBlockers): the check and the mark in one step, so two loops never start jobs on one account.
 * The "before" values (each account's warmup status as indexed, for the audit log's old → new) are
 * read in the same step. `blockers` non-empty: nothing was marked, the batch must wait for them;
 * `started` false with no blockers: the batch was no longer queued.
 */
export async function markBatchStartingUnlessBlocked(
  db: Db,
  batch: Pick<BatchRecord, 'id' | 'workspaceId' | 'allEmails'>,
  now = new Date().toISOString(),
): Promise<{ started: boolean; blockers: string[] }> {
  const s = statements(db);
  return rawSqlite(db).transaction(() => {
    const blockers = s.blockers.pluck().all({
      id: batch.id,
      workspace_id: batch.workspaceId,
      all_emails: batch.allEmails ? 1 : 0,
    }) as string[];
    if (blockers.length > 0) return { started: false, blockers };
    const before: Record<string, unknown> = {};
    for (const row of s.warmupBefore.all(batch.id) as Array<{ email: string; raw_json: string | null }>) {
      const raw = row.raw_json ? (JSON.parse(row.raw_json) as { warmup_status?: unknown }) : null;
      before[row.email] = raw?.warmup_status ?? null;
    }
    const started = s.markStarting.run(now, JSON.stringify(before), now, batch.id).changes === 1;
    return { started, blockers: [] };
  })();
}

/**
 * Marks a batch running with a job found in Instantly's list unless another batch already claimed
 * that job: the check and the mark in one step, so two batches never adopt the same job. Returns
 * whether this batch got it.
 */
export async function adoptJobForBatch(
  db: Db,
  batchId: string,
  job: { id: string; status: string; progress: number },
  nextPoll: { at: string; intervalMs: number },
  now = new Date().toISOString(),
): Promise<boolean> {
  const s = statements(db);
  return rawSqlite(db).transaction((): boolean => {
    if (s.jobClaimed.get(job.id) !== undefined) return false;
    markBatchRunningSync(db, batchId, job, nextPoll, now);
    return true;
  })();
}

export async function markBatchRunning(
  db: Db,
  batchId: string,
  job: { id: string; status: string; progress: number },
  nextPoll: { at: string; intervalMs: number },
  now = new Date().toISOString(),
): Promise<void> {
  markBatchRunningSync(db, batchId, job, nextPoll, now);
}

function markBatchRunningSync(
  db: Db,
  batchId: string,
  job: { id: string; status: string; progress: number },
  nextPoll: { at: string; intervalMs: number },
  now: string,
): void {
  const s = statements(db);
  rawSqlite(db).transaction(() => {
    s.markRunning.run(
      job.id,
      job.status,
      Math.round(job.progress),
      nextPoll.intervalMs,
      nextPoll.at,
      now,
      batchId,
    );
    s.setBatchItems.run('running', null, now, batchId);
    const batch = s.getBatch.get(batchId) as BatchRow | undefined;
    if (batch) s.touch.run(now, batch.action_id);
  })();
}

/** Back to the queue (a 409 or 429: nothing was applied), to be sent again after `notBefore`. */
export async function requeueBatch(
  db: Db,
  batchId: string,
  notBefore: string,
  reason: string | null,
  now = new Date().toISOString(),
): Promise<void> {
  statements(db).requeue.run(notBefore, reason, now, batchId);
}

export async function isJobClaimed(db: Db, upstreamJobId: string): Promise<boolean> {
  return statements(db).jobClaimed.get(upstreamJobId) !== undefined;
}

export async function recordBatchPoll(
  db: Db,
  batchId: string,
  poll: {
    progress: number;
    upstreamStatus: string | null;
    intervalMs: number;
    nextPollAt: string;
    pollFailures: number;
    error?: string | null;
  },
  now = new Date().toISOString(),
): Promise<void> {
  statements(db).progress.run(
    Math.round(poll.progress),
    poll.upstreamStatus,
    poll.intervalMs,
    poll.nextPollAt,
    poll.pollFailures,
    poll.error ?? null,
    now,
    batchId,
  );
}

export interface EmailResult {
  email: string;
  ok: boolean;
  error?: string | null;
}

/**
 * Applies per-email results of a job to its items. An include_all_emails job may process accounts
 * the index did not expect: they are added as items, so the record stays exact account by account.
 * Returns the results that changed an item (newly finished accounts).
 */
function applyResults(db: Db, batch: BatchRow, results: readonly EmailResult[], now: string): EmailResult[] {
  const s = statements(db);
  const items = new Map((s.itemsOfBatch.all(batch.id) as ItemRow[]).map((i) => [lower(i.email), i]));
  const changed: EmailResult[] = [];
  let added = 0;
  for (const result of results) {
    const item = items.get(lower(result.email));
    const error = result.ok ? null : (result.error ?? 'Instantly reported a failure without a reason');
    if (!item) {
      if (batch.all_emails !== 1) continue;
      s.insertItem.run(
        batch.action_id,
        batch.workspace_id,
        result.email,
        result.ok ? 'done' : 'failed',
        error,
        batch.id,
        now,
      );
      items.set(lower(result.email), {
        workspace_id: batch.workspace_id,
        email: result.email,
        state: result.ok ? 'done' : 'failed',
        error,
        batch_id: batch.id,
        updated_at: now,
      });
      added += 1;
      changed.push(result);
      continue;
    }
    if (item.state === 'done' || item.state === 'failed') continue;
    s.setItem.run(result.ok ? 'done' : 'failed', error, now, batch.action_id, item.workspace_id, item.email);
    item.state = result.ok ? 'done' : 'failed';
    changed.push({ ...result, email: item.email });
  }
  if (added > 0) {
    s.bumpTotals.run(added, batch.action_id);
    s.bumpWorkspace.run(added, batch.action_id, batch.workspace_id);
  }
  return changed;
}

/** Results reported while the job still runs (processed_emails grows as Instantly works). */
export async function applyBatchProgress(
  db: Db,
  batchId: string,
  results: readonly EmailResult[],
  now = new Date().toISOString(),
): Promise<EmailResult[]> {
  const s = statements(db);
  return rawSqlite(db).transaction(() => {
    const batch = s.getBatch.get(batchId) as BatchRow | undefined;
    if (!batch) return [];
    const changed = applyResults(db, batch, results, now);
    if (changed.length > 0) s.touch.run(now, batch.action_id);
    return changed;
  })();
}

export interface BatchOutcome {
  state: 'done' | 'failed';
  results: readonly EmailResult[];
  /** Why the accounts without a result failed. */
  missingReason: string;
  upstreamStatus?: string | null;
  error?: string | null;
  /** `unknown` when Instantly never told us what happened (a write that timed out, a lost job). */
  auditOutcome?: AuditOutcome;
  changes?: AuditChanges;
  /** Per-account changes (old → new), by email. */
  accountChanges?: ReadonlyMap<string, AuditChanges>;
}

/**
 * Ends a batch in one transaction: per-email results, every account still without one failed with
 * `missingReason`, the batch closed, and its audit entry (which accounts, outcome, job id) written.
 */
export async function finishBatch(
  db: Db,
  batchId: string,
  outcome: BatchOutcome,
  now = new Date().toISOString(),
): Promise<{ done: number; failed: number }> {
  const s = statements(db);
  return rawSqlite(db).transaction(() => {
    const batch = s.getBatch.get(batchId) as BatchRow | undefined;
    if (!batch) return { done: 0, failed: 0 };
    const action = s.getAction.get(batch.action_id) as ActionRow;
    applyResults(db, batch, outcome.results, now);
    s.setBatchItems.run('failed', outcome.missingReason, now, batchId);
    s.finishBatch.run(
      outcome.state,
      100,
      outcome.upstreamStatus ?? batch.upstream_status,
      outcome.error ?? null,
      now,
      now,
      batchId,
    );
    const items = (s.itemsOfBatch.all(batchId) as ItemRow[]).map(toItem);
    const done = items.filter((i) => i.state === 'done').length;
    const failed = items.length - done;
    const unknown = outcome.auditOutcome === 'unknown';
    const accounts: AuditAccountInput[] = items.map((item) => ({
      email: item.email,
      outcome: item.state === 'done' ? 'success' : unknown ? 'unknown' : 'failed',
      error: item.error,
      changes: outcome.accountChanges?.get(item.email),
    }));
    recordAuditSync(db, {
      workspaceId: batch.workspace_id,
      action: action.kind,
      emails: accounts,
      changes: outcome.changes,
      bulkActionId: batch.action_id,
      upstreamJobId: batch.upstream_job_id,
      outcome: outcome.auditOutcome ?? (failed === 0 ? 'success' : done === 0 ? 'failed' : 'partial'),
      detail: outcome.error ?? null,
      at: now,
    });
    s.touch.run(now, batch.action_id);
    return { done, failed };
  })();
}

// ---- retry ------------------------------------------------------------------------------------

/**
 * "Retry the failed ones": a new action (retry_of the source) holding exactly the failed items the
 * caller may act on, with fresh explicit batches for warmup kinds. Null when nothing failed.
 */
export async function createRetryAction(
  db: Db,
  sourceId: string,
  options: { workspaceIds: readonly string[]; now?: string; batchSize?: number },
): Promise<string | null> {
  // Read and write without a pause between them: the failed items read are the ones the retry holds.
  const source = getBulkActionSync(db, sourceId);
  if (!source) return null;
  const failed = (statements(db).failedItems.all(sourceId) as ItemRow[]).filter((i) =>
    options.workspaceIds.includes(i.workspace_id),
  );
  if (failed.length === 0) return null;
  const keys = failed.map((i) => ({ workspaceId: i.workspace_id, email: i.email }));
  const warmup = source.kind === 'enable-warmup' || source.kind === 'disable-warmup';
  return createBulkActionSync(db, {
    kind: source.kind,
    params: source.params,
    workspaces: source.workspaces.filter((w) => keys.some((k) => k.workspaceId === w.workspaceId)),
    keys,
    batches: warmup ? explicitBatches(keys, options.batchSize) : undefined,
    retryOf: sourceId,
    now: options.now,
  });
}
