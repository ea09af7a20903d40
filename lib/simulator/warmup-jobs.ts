import 'server-only';
import { dayOf, iso } from './dates';
import { objectId } from './ids';
import { JOB_PENDING_MS, type ProcessedEmailJson, type WarmupJob } from './warmup-job-types';
import type { WorkspaceState } from './workspace-state';

// Warmup jobs progress with the clock, computed lazily: `pending` for JOB_PENDING_MS, then
// `in-progress` at `speed` emails per second, then `success` (even when every email failed, as the
// real API does). Each request first calls advanceJobs, which applies the emails whose time has come.

export type JobStatus = 'pending' | 'in-progress' | 'success';

/** When email number `index` (0-based) of the job is processed. */
function processedAtMs(job: WarmupJob, index: number): number {
  return job.createdMs + JOB_PENDING_MS + Math.ceil(((index + 1) * 1000) / job.speed);
}

export function jobStatusAt(job: WarmupJob, nowMs: number): JobStatus {
  if (job.processed.length >= job.targets.length && nowMs >= job.createdMs + JOB_PENDING_MS) return 'success';
  if (nowMs < job.createdMs + JOB_PENDING_MS) return 'pending';
  return 'in-progress';
}

export function isJobRunning(job: WarmupJob, nowMs: number): boolean {
  return jobStatusAt(job, nowMs) !== 'success';
}

/** Applies every email of every job whose processing time has passed; true when any was. */
export function advanceJobs(state: WorkspaceState, nowMs: number): boolean {
  let applied = false;
  for (const job of state.jobs.values()) {
    while (job.processed.length < job.targets.length) {
      const index = job.processed.length;
      const at = processedAtMs(job, index);
      if (at > nowMs) break;
      job.processed.push(processEmail(state, job, job.targets[index] as string, at));
      applied = true;
    }
  }
  return applied;
}

function processEmail(
  state: WorkspaceState,
  job: WarmupJob,
  email: string,
  atMs: number,
): ProcessedEmailJson {
  const planned = job.plannedFailures.get(email.toLowerCase());
  if (planned !== undefined) return { email, status: 'failed', error: planned };
  const record = state.account(email);
  if (!record) return { email, status: 'failed', error: 'Account not found' };
  const json = record.json;
  json.warmup_status = job.warmupStatus;
  json.timestamp_updated = iso(atMs);
  const day = dayOf(atMs);
  if (job.warmupStatus === 1) {
    if (json.timestamp_warmup_start === undefined) json.timestamp_warmup_start = iso(atMs);
    if (record.story.warmupStartDay === null) record.story.warmupStartDay = day;
  }
  record.story.events.push({ day, warmup: job.warmupStatus === 1 });
  state.refreshScore(record, dayOf(atMs));
  return { email: json.email, status: 'success' };
}

/** Lower-cased emails of accounts that a running job still holds. */
export function lockedEmails(state: WorkspaceState, nowMs: number): Set<string> {
  const locked = new Set<string>();
  for (const job of state.jobs.values()) {
    if (!isJobRunning(job, nowMs)) continue;
    for (const email of job.targets) locked.add(email.toLowerCase());
  }
  return locked;
}

export function conflictMessage(count: number): string {
  return `update-warmup-accounts job in progress for ${count} account(s)`;
}

export function newJobId(state: WorkspaceState, nowMs: number): string {
  return objectId(nowMs, state.rng);
}

/** The job as the API returns it; `dataFields` keeps only those keys of `data` (GET ?data_fields=). */
export function jobJson(
  state: WorkspaceState,
  job: WarmupJob,
  nowMs: number,
  dataFields?: readonly string[],
): Record<string, unknown> {
  const status = jobStatusAt(job, nowMs);
  const total = job.targets.length;
  const done = job.processed.length;
  const lastProcessedMs = done > 0 ? processedAtMs(job, done - 1) : job.createdMs;
  const success = job.processed.filter((p) => p.status === 'success').length;
  const progress =
    status === 'success'
      ? 100
      : status === 'pending' || total === 0
        ? 0
        : Math.min(99, Math.floor((100 * done) / total));
  let data: Record<string, unknown> = { filters: job.filters, warmup_status: job.warmupStatus };
  if (status !== 'pending') {
    data = {
      ...data,
      step: status === 'success' ? 'DONE' : 'UPDATE_STATUS',
      pending_emails: job.targets.slice(done),
      processed_emails: job.processed,
      transition_emails: [],
      domains_to_check: [],
      valid_mx_domains: [],
      mx_check_offset: 0,
      update_status_offset: status === 'success' ? 0 : done,
      total_to_process: total,
      success_count: success,
      failed_count: done - success,
      verification_offset: 0,
    };
  }
  if (dataFields && dataFields.length > 0) {
    data = Object.fromEntries(Object.entries(data).filter(([key]) => dataFields.includes(key)));
  }
  // Key order and the user_id quirk follow the recordings: the freshly created (pending) job carries
  // user_id: null after updated_at; finished jobs have no user_id key at all.
  const out: Record<string, unknown> = {
    id: job.id,
    workspace_id: state.id,
    type: 'update-warmup-accounts',
    progress,
    status,
    created_at: iso(job.createdMs),
    updated_at: iso(status === 'pending' ? job.createdMs : lastProcessedMs),
  };
  if (status === 'pending') out.user_id = null;
  out.entity_id = state.id;
  out.entity_type = 'workspace';
  out.data = data;
  return out;
}

/** Sort key for GET /background-jobs?sort_column=updated_at. */
export function jobUpdatedMs(job: WarmupJob, nowMs: number): number {
  const done = job.processed.length;
  if (nowMs < job.createdMs + JOB_PENDING_MS || done === 0) return job.createdMs;
  return processedAtMs(job, done - 1);
}
