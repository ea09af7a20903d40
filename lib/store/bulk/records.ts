import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { BulkActionParams } from '@/lib/bulk/plan';
import {
  ACTION_STATUSES,
  type ActionStatus,
  BULK_ACTION_KINDS,
  type BulkActionKind,
  ITEM_STATES,
  type ItemState,
} from '@/lib/schemas/api-bulk-actions';
import { type WarmupToggleRequest, warmupToggleRequestSchema } from '@/lib/schemas/instantly-requests';
import { type Actor, actorOfRow } from '../actor';
import type { Tables } from '../schema';

// What the bulk tables hold, as the rest of the code sees it: rows parsed once here (states and JSON
// columns checked with zod), so no caller reads a raw column.

/**
 * queued: not sent yet (or waiting to be re-sent after a 409); starting: the write is on its way, so
 * after a crash its outcome is unknown; running: Instantly has the job; done / failed: finished.
 */
export const BATCH_STATES = ['queued', 'starting', 'running', 'done', 'failed'] as const;
export type BatchState = (typeof BATCH_STATES)[number];
export const OPEN_BATCH_STATES: readonly BatchState[] = ['queued', 'starting', 'running'];
/** A batch in these states holds its accounts: no other job, no per-account write may touch them. */
export const HOLDING_BATCH_STATES: readonly BatchState[] = ['starting', 'running'];

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
  /** Who started it; the audit entries it writes name them too. */
  actor: Actor;
  workspaces: ActionWorkspace[];
}

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

export interface ItemRecord {
  workspaceId: string;
  email: string;
  state: ItemState;
  error: string | null;
  batchId: string | null;
  updatedAt: string;
}

export const newId = (prefix: string) => `${prefix}_${randomBytes(9).toString('hex')}`;

const kindSchema = z.enum(BULK_ACTION_KINDS);
const statusSchema = z.enum(ACTION_STATUSES);
export const itemStateSchema = z.enum(ITEM_STATES);
const batchStateSchema = z.enum(BATCH_STATES);
const paramsSchema = z.object({ dailyLimit: z.number().optional() });
const beforeSchema = z.record(z.string(), z.unknown());

export const parseKind = (kind: string): BulkActionKind => kindSchema.parse(kind);
export const parseParams = (json: string): BulkActionParams => paramsSchema.parse(JSON.parse(json));

export function toAction(
  row: Selectable<Tables['bulk_actions']>,
  workspaces: ActionWorkspace[],
): BulkActionRecord {
  return {
    id: row.id,
    kind: parseKind(row.kind),
    params: parseParams(row.params_json),
    status: statusSchema.parse(row.status),
    title: row.title,
    total: row.total,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
    retryOf: row.retry_of,
    lastError: row.last_error,
    actor: actorOfRow(row),
    workspaces,
  };
}

export function toBatch(row: Selectable<Tables['bulk_action_batches']>): BatchRecord {
  return {
    id: row.id,
    actionId: row.action_id,
    workspaceId: row.workspace_id,
    seq: row.seq,
    allEmails: row.all_emails === 1,
    size: row.size,
    upstreamJobId: row.upstream_job_id,
    request: warmupToggleRequestSchema.parse(JSON.parse(row.request_json)),
    before: row.before_json ? beforeSchema.parse(JSON.parse(row.before_json)) : {},
    state: batchStateSchema.parse(row.state),
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

export const toItem = (row: Selectable<Tables['bulk_action_items']>): ItemRecord => ({
  workspaceId: row.workspace_id,
  email: row.email,
  state: itemStateSchema.parse(row.state),
  error: row.error,
  batchId: row.batch_id,
  updatedAt: row.updated_at,
});

/** Splits a list for IN (…) and multi-row inserts: PostgreSQL and SQLite cap parameters per statement. */
export function chunks<T>(list: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
