import 'server-only';
import { emailsRequestSchema } from '@/lib/schemas/instantly-requests';
import { compileSelector } from './account-filters';
import { dayOf, iso } from './dates';
import { errorResponse, jsonResponse, notFound } from './http-responses';
import { warmupToggleBodySchema } from './upstream-bodies';
import { validateBody, type Route, type RouteContext } from './route-context';
import { conflictMessage, jobJson, lockedEmails, newJobId } from './warmup-jobs';
import type { WarmupJob } from './warmup-job-types';
import type { AccountRecord, WorkspaceState } from './workspace-state';

// Pause / resume / mark-fixed, bulk pause, and the asynchronous warmup toggles (REFERENCE §4.6–§4.8).

function withAccount(ctx: RouteContext, act: (record: AccountRecord) => void): Response {
  const record = ctx.state.account(ctx.params[0] ?? '');
  if (!record) return notFound();
  act(record);
  return jsonResponse(record.json);
}

function pause(state: WorkspaceState, record: AccountRecord, nowMs: number): void {
  record.json.status = 2;
  // Pausing halts sending and warmup from today on (pause/resume leave timestamp_updated alone).
  record.story.events.push({ day: dayOf(nowMs), sending: false, warmup: false });
  // Today's warmup volume changed, so the 7-day score may have too.
  state.refreshScore(record, dayOf(nowMs));
}

export function resumeSending(state: WorkspaceState, record: AccountRecord, nowMs: number): void {
  record.story.events.push({ day: dayOf(nowMs), sending: true, warmup: record.json.warmup_status === 1 });
  state.refreshScore(record, dayOf(nowMs));
}

const pauseOne = (ctx: RouteContext) => withAccount(ctx, (record) => pause(ctx.state, record, ctx.nowMs));

const resumeOne = (ctx: RouteContext) =>
  withAccount(ctx, (record) => {
    // An errored account needs mark-fixed; resume only lifts a pause.
    if (record.json.status !== 2 && record.json.status !== 3) return;
    record.json.status = 1;
    resumeSending(ctx.state, record, ctx.nowMs);
  });

const markFixed = (ctx: RouteContext) =>
  withAccount(ctx, (record) => {
    const json = record.json;
    json.timestamp_updated = iso(ctx.nowMs);
    if (json.status >= 0) return;
    // A job-failure fault naming this account means the problem is still there: the re-check fails.
    const stillBroken = ctx.runtime.faults.jobFailures(
      { slug: ctx.state.spec.slug, method: ctx.method, path: ctx.path },
      [json.email],
      `mark-fixed|${json.email}|${ctx.nowMs}`,
      () => record.domain,
    );
    if (stillBroken.size > 0) {
      json.autofix_failed = true;
      return;
    }
    json.status = 1;
    delete json.status_message;
    delete json.autofix_failed;
    record.cause = null;
    resumeSending(ctx.state, record, ctx.nowMs);
  });

function bulkPause(ctx: RouteContext): Response {
  const parsed = validateBody(emailsRequestSchema, ctx.body);
  if (!parsed.ok) return parsed.response;
  const paused: string[] = [];
  const failed: string[] = [];
  const seen = new Set<string>();
  for (const email of parsed.value.emails) {
    const lower = email.toLowerCase();
    if (seen.has(lower)) continue;
    seen.add(lower);
    const record = ctx.state.account(email);
    // Unknown accounts and accounts whose status would not change are reported as failed.
    if (!record || record.json.status === 2) {
      failed.push(email);
      continue;
    }
    pause(ctx.state, record, ctx.nowMs);
    paused.push(email);
  }
  return jsonResponse({ paused_emails: paused, failed_emails: failed });
}

function toggleWarmup(warmupStatus: 0 | 1) {
  return (ctx: RouteContext): Response => {
    const parsed = validateBody(warmupToggleBodySchema, ctx.body);
    if (!parsed.ok) return parsed.response;
    const body = parsed.value;
    const { state, nowMs } = ctx;
    let targets: string[];
    if (body.include_all_emails === true) {
      const excluded = new Set((body.excluded_emails ?? []).map((e) => e.toLowerCase()));
      const matches = compileSelector({
        tagId: body.filter?.tag_id,
        filter: body.filter?.filter,
        search: body.search,
      });
      targets = state.ordered
        .filter((r) => matches(r) && !excluded.has(r.json.email.toLowerCase()))
        .map((r) => r.json.email);
    } else {
      const seen = new Set<string>();
      targets = (body.emails ?? []).filter((email) => {
        const lower = email.toLowerCase();
        if (seen.has(lower)) return false;
        seen.add(lower);
        return true;
      });
    }
    const locked = lockedEmails(state, nowMs);
    const overlapping = targets.filter((email) => locked.has(email.toLowerCase())).length;
    if (overlapping > 0) return errorResponse(409, conflictMessage(overlapping));
    const id = newJobId(state, nowMs);
    const job: WarmupJob = {
      id,
      createdMs: nowMs,
      warmupStatus,
      filters: {
        emails: body.emails ?? null,
        includeAllEmails: body.include_all_emails ?? null,
        excludedEmails: body.excluded_emails ?? null,
        filter: body.filter ?? null,
        search: body.search ?? null,
      },
      targets,
      plannedFailures: ctx.runtime.faults.jobFailures(
        { slug: state.spec.slug, method: ctx.method, path: ctx.path },
        targets,
        id,
        (email) => state.account(email)?.domain ?? email.split('@')[1] ?? '',
      ),
      processed: [],
      speed: ctx.runtime.jobSpeed,
    };
    state.jobs.set(id, job);
    return jsonResponse(jobJson(state, job, nowMs));
  };
}

export const accountActionRoutes: Route[] = [
  { method: 'POST', pattern: /^\/accounts\/pause$/, write: true, handler: bulkPause },
  { method: 'POST', pattern: /^\/accounts\/warmup\/enable$/, write: true, handler: toggleWarmup(1) },
  { method: 'POST', pattern: /^\/accounts\/warmup\/disable$/, write: true, handler: toggleWarmup(0) },
  { method: 'POST', pattern: /^\/accounts\/([^/]+)\/pause$/, write: true, handler: pauseOne },
  { method: 'POST', pattern: /^\/accounts\/([^/]+)\/resume$/, write: true, handler: resumeOne },
  { method: 'POST', pattern: /^\/accounts\/([^/]+)\/mark-fixed$/, write: true, handler: markFixed },
];
