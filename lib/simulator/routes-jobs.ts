import 'server-only';
import { jsonResponse, notFound, validationError } from './http-responses';
import { csv, jobGetQuerySchema, jobsListQuerySchema, parseQuery } from './query-schemas';
import type { Route, RouteContext } from './route-context';
import { jobJson, jobStatusAt, jobUpdatedMs } from './warmup-jobs';
import type { WarmupJob } from './warmup-job-types';

// GET /background-jobs and GET /background-jobs/{id} (REFERENCE §5). The simulator only runs
// update-warmup-accounts jobs, all with entity_type "workspace".

function listJobs(ctx: RouteContext): Response {
  const parsed = parseQuery(jobsListQuerySchema, ctx.url);
  if (!parsed.ok) return validationError(parsed.message);
  const q = parsed.value;
  const { state, nowMs } = ctx;
  const ids = csv(q.ids);
  const included = csv(q.included_ids);
  const excluded = new Set(csv(q.excluded_ids) ?? []);
  const entityIds = csv(q.entity_id);
  const statuses = csv(q.status);
  let jobs = [...state.jobs.values()].filter((job) => {
    if (ids && ids.length > 0 && !ids.includes(job.id)) return false;
    if (included && included.length > 0 && !included.includes(job.id)) return false;
    if (excluded.has(job.id)) return false;
    if (q.type !== undefined && q.type !== 'update-warmup-accounts') return false;
    if (q.entity_type !== undefined && q.entity_type !== 'workspace') return false;
    if (entityIds && entityIds.length > 0 && !entityIds.includes(state.id)) return false;
    if (statuses && statuses.length > 0 && !statuses.includes(jobStatusAt(job, nowMs))) return false;
    return true;
  });
  const column = q.sort_column ?? 'created_at';
  const direction = q.sort_order === 'asc' ? 1 : -1;
  const key = (job: WarmupJob) => (column === 'created_at' ? job.createdMs : jobUpdatedMs(job, nowMs));
  jobs.sort((a, b) => direction * (key(a) - key(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
  if (q.starting_after !== undefined) {
    const index = jobs.findIndex((job) => job.id === q.starting_after);
    jobs = index >= 0 ? jobs.slice(index + 1) : [];
  }
  const page = jobs.slice(0, q.limit ?? 10);
  const body: Record<string, unknown> = { items: page.map((job) => jobJson(state, job, nowMs)) };
  const last = page[page.length - 1];
  if (last) body.next_starting_after = last.id;
  return jsonResponse(body);
}

function getJob(ctx: RouteContext): Response {
  const parsed = parseQuery(jobGetQuerySchema, ctx.url);
  if (!parsed.ok) return validationError(parsed.message);
  const job = ctx.state.jobs.get(ctx.params[0] ?? '');
  if (!job) return notFound();
  return jsonResponse(jobJson(ctx.state, job, ctx.nowMs, csv(parsed.value.data_fields)));
}

export const jobRoutes: Route[] = [
  { method: 'GET', pattern: /^\/background-jobs$/, write: false, handler: listJobs },
  { method: 'GET', pattern: /^\/background-jobs\/([^/]+)$/, write: false, handler: getJob },
];
