import 'server-only';

// A warmup background job as the simulator keeps it. Its status is not stored: it follows from the
// clock (see warmup-jobs.ts), so no timers run and an injected clock drives it in tests.

/** `data.filters` exactly as the API echoes it: camelCase keys, null for what was not sent. */
export interface WarmupJobFilters {
  emails: string[] | null;
  includeAllEmails: boolean | null;
  excludedEmails: string[] | null;
  filter: { tag_id?: string; filter?: string | null } | null;
  search: string | null;
}

export interface ProcessedEmailJson {
  email: string;
  status: 'success' | 'failed';
  error?: string;
}

export interface WarmupJob {
  id: string;
  createdMs: number;
  /** 1 enable, 0 disable. */
  warmupStatus: 0 | 1;
  filters: WarmupJobFilters;
  /** The accounts selected when the job was created, in processing order. */
  targets: string[];
  /** Failures decided up front by job-failure fault rules: email → reason. */
  plannedFailures: Map<string, string>;
  processed: ProcessedEmailJson[];
  /** Emails per second, fixed at creation. */
  speed: number;
}

/** The job stays `pending` this long before it starts processing. */
export const JOB_PENDING_MS = 300;
