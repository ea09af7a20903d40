import 'server-only';
import type { InstantlyClient } from '@/lib/instantly/client';
import { InstantlyError, type InstantlyErrorKind } from '@/lib/instantly/errors';
import { getWarmupAnalytics } from '@/lib/instantly/warmup';
import type { WarmupAnalytics } from '@/lib/schemas/instantly-analytics';
import { addDays, toDate } from '@/lib/server/chart-series';
import { answeredSpan, byEmail } from '@/lib/server/warmup-days';
import { indexedEmails } from '@/lib/store/accounts-index';
import type { Db } from '@/lib/store/connect';
import {
  type WarmupDayRow,
  pruneWarmupDays,
  recordWarmupRun,
  upsertWarmupDays,
  warmupRunOn,
} from '@/lib/store/warmup-daily';

// Once a day per workspace (the worker schedules it under a lease): warmup analytics for every indexed
// account, stored day by day, so the health chart keeps days after Instantly's window has moved past
// them, also for accounts nobody opened while Instantly still had those days.

/** Instantly's limit for one warmup-analytics call (REFERENCE §4.9). */
export const EMAILS_PER_CALL = 100;

/**
 * How many days back stored warmup days are kept (today included): the account chart's longest range
 * is 90 days plus 6 before it for the first 7-day score, so 400 keeps more than a year of history
 * for longer ranges later, and bounds the table at about accounts × 400 rows instead of growing
 * by accounts × 365 every year.
 */
export const WARMUP_DAYS_KEPT = 400;

/** Failures of the key or the plan: every later call would fail the same way, so none is made. */
const FATAL_KINDS: ReadonlySet<InstantlyErrorKind> = new Set([
  'unauthorized',
  'payment-required',
  'forbidden',
  'not-in-group',
]);

export interface DailyWarmupResult {
  /** Accounts Instantly answered for (their days stored). */
  accounts: number;
  /** Calls made by this run (0 when today's run had already completed). */
  calls: number;
  /** Calls that failed, and the accounts whose days they would have brought. */
  failedCalls: number;
  failedEmails: number;
  /** Today's run had already completed without failures: nothing was fetched again. */
  skipped: boolean;
}

/**
 * The rows of one answer: every day of each account's answered span (zeros on days Instantly left
 * out, since it lists only days with sends), with the aggregate's health score on today's row.
 */
export function rowsOfAnswer(answer: WarmupAnalytics, today: string): WarmupDayRow[] {
  const rows: WarmupDayRow[] = [];
  for (const [email, days] of Object.entries(answer.email_date_data)) {
    const score = byEmail(answer.aggregate_data, email)?.health_score ?? null;
    for (const [day, stats] of Object.entries(answeredSpan(days, today))) {
      // Not in any recorded answer, but a day that carries its own score keeps it.
      const own = typeof stats.health_score === 'number' ? stats.health_score : null;
      rows.push({
        email,
        day,
        sent: stats.sent ?? 0,
        landed_inbox: stats.landed_inbox ?? 0,
        landed_spam: stats.landed_spam ?? 0,
        received: stats.received ?? 0,
        health_score: own ?? (day === today ? score : null),
      });
    }
  }
  return rows;
}

function describe(error: InstantlyError): string {
  return error.status ? `${error.message} (HTTP ${error.status})` : error.message;
}

/**
 * Fetches and stores the warmup days of every indexed account of the workspace, 100 emails a call,
 * one call after another (the client's shared rate budget paces them). A failing call loses only its
 * own accounts: the others are stored, and the run records what failed. Idempotent per UTC day: once
 * today's run completed without failures, another run today fetches nothing; after a failure it
 * fetches again (the stored days are replaced, not doubled).
 */
export async function runDailyWarmupAnalytics(
  db: Db,
  workspaceId: string,
  client: InstantlyClient,
  now: number = Date.now(),
): Promise<DailyWarmupResult> {
  const today = toDate(now);
  // Once a day with the run, before the skip: a day that lapsed is gone whether or not this run fetches.
  await pruneWarmupDays(db, workspaceId, addDays(today, -(WARMUP_DAYS_KEPT - 1)));
  const previous = await warmupRunOn(db, workspaceId, today);
  if (previous && previous.failed_calls === 0) {
    return { accounts: previous.accounts, calls: 0, failedCalls: 0, failedEmails: 0, skipped: true };
  }
  const emails = await indexedEmails(db, workspaceId);
  const fetchedAt = new Date(now).toISOString();
  let accounts = 0;
  let calls = 0;
  let failedCalls = 0;
  let failedEmails = 0;
  let firstError: string | null = null;
  for (let i = 0; i < emails.length; i += EMAILS_PER_CALL) {
    const batch = emails.slice(i, i + EMAILS_PER_CALL);
    calls++;
    let answer: WarmupAnalytics;
    try {
      answer = await getWarmupAnalytics(client, batch);
    } catch (error) {
      // Anything but an upstream failure is a bug here and surfaces.
      if (!(error instanceof InstantlyError)) throw error;
      failedCalls++;
      failedEmails += batch.length;
      firstError ??= describe(error);
      if (FATAL_KINDS.has(error.kind)) {
        failedEmails += emails.length - i - batch.length;
        break;
      }
      continue;
    }
    await upsertWarmupDays(db, workspaceId, rowsOfAnswer(answer, today), fetchedAt);
    accounts += Object.keys(answer.email_date_data).length;
  }
  await recordWarmupRun(db, {
    workspace_id: workspaceId,
    day: today,
    finished_at: new Date(now).toISOString(),
    accounts,
    calls,
    failed_calls: failedCalls,
    failed_emails: failedEmails,
    error: firstError,
  });
  return { accounts, calls, failedCalls, failedEmails, skipped: false };
}
