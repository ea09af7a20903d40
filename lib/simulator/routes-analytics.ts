import 'server-only';
import { campaignDay, type CampaignDayRow } from './campaign-metrics';
import { dayOf, parseDay } from './dates';
import { domainVitals, type DomainVitals } from './domain-vitals';
import { errorResponse, jsonResponse, validationError } from './http-responses';
import { dailyAnalyticsQuerySchema, parseQuery } from './query-schemas';
import { testVitalsBodySchema, warmupAnalyticsBodySchema } from './upstream-bodies';
import { validateBody, type Route, type RouteContext } from './route-context';
import { warmupAggregate, warmupAggregateJson, warmupHistoryJson } from './warmup-metrics';
import type { AccountRecord } from './workspace-state';

// Warmup analytics, daily campaign analytics, DNS vitals and the CTD check (REFERENCE §4.9–§4.12).

const TOO_LARGE =
  'Analytics request is too large for this workspace. Add an emails filter or request a smaller date range.';

function warmupAnalytics(ctx: RouteContext): Response {
  const parsed = validateBody(warmupAnalyticsBodySchema, ctx.body);
  if (!parsed.ok) return parsed.response;
  const { state, nowMs } = ctx;
  const today = dayOf(nowMs);
  const seed = state.spec.seed;
  const dates: Record<string, unknown> = {};
  const aggregates: Record<string, unknown> = {};
  for (const email of parsed.value.emails) {
    const record = state.account(email);
    // Addresses that are not accounts of the workspace are silently left out (real behaviour).
    if (!record) continue;
    const key = record.json.email;
    dates[key] = warmupHistoryJson(seed, key, record.story, today);
    aggregates[key] = warmupAggregateJson(warmupAggregate(seed, key, record.story, today));
  }
  return jsonResponse({ email_date_data: dates, aggregate_data: aggregates });
}

function dailyAnalytics(ctx: RouteContext): Response {
  const parsed = parseQuery(dailyAnalyticsQuerySchema, ctx.url);
  if (!parsed.ok) return validationError(parsed.message);
  const { state, nowMs } = ctx;
  const emails = [...new Set(ctx.url.searchParams.getAll('emails').filter((e) => e !== ''))];
  if (emails.length === 0 || emails.length > 200) return errorResponse(413, TOO_LARGE);
  const today = dayOf(nowMs);
  const end = parsed.value.end_date === undefined ? today : parseDay(parsed.value.end_date);
  if (end === null) return validationError('querystring/end_date must match format "date"');
  const start = parsed.value.start_date === undefined ? end - 29 : parseDay(parsed.value.start_date);
  if (start === null) return validationError('querystring/start_date must match format "date"');
  if (start > end) return jsonResponse({ message: 'Start Date must be earlier than End Date' }, 400);
  if (end - start + 1 > 31) return errorResponse(413, TOO_LARGE);
  const records = emails
    .map((email) => state.account(email))
    .filter((r): r is AccountRecord => r !== undefined);
  const rows: CampaignDayRow[] = [];
  // end_date is treated as inclusive; days after today have no sends yet.
  for (let day = start; day <= Math.min(end, today); day++) {
    for (const record of records) {
      const row = campaignDay(state.spec.seed, record.json.email, record.story, day);
      if (row) rows.push(row);
    }
  }
  return jsonResponse(rows);
}

function testVitals(ctx: RouteContext): Response {
  const body = ctx.body;
  const accounts =
    body !== null && typeof body === 'object' ? (body as { accounts?: unknown }).accounts : undefined;
  if (!Array.isArray(accounts) || accounts.length === 0)
    return jsonResponse({ error: 'Bad request - no emails sent' }, 400);
  const parsed = validateBody(testVitalsBodySchema, body);
  if (!parsed.ok) return parsed.response;
  const { state } = ctx;
  const domains = [
    ...new Set(parsed.value.accounts.map((email) => (email.split('@')[1] ?? '').toLowerCase())),
  ];
  const success: DomainVitals[] = [];
  const failure: DomainVitals[] = [];
  for (const domain of domains) {
    const vitals = domainVitals(state.spec.seed, domain, state.brokenDomains.has(domain));
    (vitals.allPass ? success : failure).push(vitals);
  }
  return jsonResponse({ status: 'success', success_list: success, failure_list: failure });
}

function ctdStatus(ctx: RouteContext): Response {
  const host = ctx.url.searchParams.get('host')?.trim().toLowerCase() ?? '';
  if (host === '') return jsonResponse({ status: 'error', message: 'host is required', host: '' }, 400);
  const configured = ctx.state.ordered.some(
    (r) =>
      r.json.tracking_domain_name?.toLowerCase() === host && r.json.tracking_domain_status === 'CTD_ACTIVE',
  );
  // An unconfigured host answers without `success`, as recorded.
  return jsonResponse(
    configured ? { success: true, ssl: true, cname: true, host } : { ssl: false, cname: false, host },
  );
}

export const analyticsRoutes: Route[] = [
  { method: 'POST', pattern: /^\/accounts\/warmup-analytics$/, write: false, handler: warmupAnalytics },
  { method: 'GET', pattern: /^\/accounts\/analytics\/daily$/, write: false, handler: dailyAnalytics },
  { method: 'POST', pattern: /^\/accounts\/test\/vitals$/, write: false, handler: testVitals },
  { method: 'GET', pattern: /^\/accounts\/ctd\/status$/, write: false, handler: ctdStatus },
];
