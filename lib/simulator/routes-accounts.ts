import 'server-only';
import { accountCreateRequestSchema, accountPatchRequestSchema } from '@/lib/schemas/instantly-requests';
import { compileSelector } from './account-filters';
import { accountView, canonicalAccount } from './account-json';
import type { AccountStory } from './account-story';
import { dayOf, iso } from './dates';
import { errorResponse, jsonResponse, notFound, validationError } from './http-responses';
import { Rng } from './prng';
import { accountsListQuerySchema, csv, parseQuery, type AccountsListQuery } from './query-schemas';
import { validateBody, type Route, type RouteContext } from './route-context';
import type { ProviderGroup } from './status-message-catalog';
import type { AccountJson, WarmupJson } from './types';
import { conflictMessage, lockedEmails } from './warmup-jobs';
import { accountCursor, searchTextOf, type AccountRecord, type WorkspaceState } from './workspace-state';

// GET/POST /accounts and GET/PATCH/DELETE /accounts/{email} (REFERENCE §4.1–§4.5).

function sortValue(record: AccountRecord, field: NonNullable<AccountsListQuery['sort_by']>): number | string {
  switch (field) {
    case 'timestamp_created':
      return record.createdMs;
    case 'email':
      return record.json.email;
    case 'stat_warmup_score':
      return record.json.stat_warmup_score;
    case 'status':
      return record.json.status;
  }
}

function listAccounts(ctx: RouteContext): Response {
  const parsed = parseQuery(accountsListQuerySchema, ctx.url);
  if (!parsed.ok) return validationError(parsed.message);
  const q = parsed.value;
  const { state } = ctx;
  const limit = q.limit ?? 10;
  const skip = q.skip ?? 0;
  const matches = compileSelector({
    search: q.search,
    status: q.status,
    providerCode: q.provider_code,
    tagIds: csv(q.tag_ids),
    tagIdsAll: csv(q.tag_ids_all),
    filter: q.filter,
  });
  const includeTags = q.include_tags === true;

  if (q.sort_by !== undefined) {
    // Offset mode (sort_by + skip): the spec offers skip "when cursor pagination is not available",
    // so these pages carry no cursor.
    const field = q.sort_by;
    const direction = q.sort_order === 'asc' ? 1 : -1;
    const sorted = state.ordered.filter(matches);
    const keyed = sorted.map((record, index) => ({ record, index, key: sortValue(record, field) }));
    keyed.sort((a, b) => (a.key < b.key ? -direction : a.key > b.key ? direction : a.index - b.index));
    const items = keyed
      .slice(skip, skip + limit)
      .map(({ record }) => accountView(state, record, includeTags));
    return jsonResponse({ items });
  }

  let start = 0;
  if (q.starting_after !== undefined) {
    // "<timestamp_created>&<email>" since 2026-04; a bare ISO timestamp is the older form.
    const amp = q.starting_after.indexOf('&');
    const stamp = amp >= 0 ? q.starting_after.slice(0, amp) : q.starting_after;
    const email = amp >= 0 ? q.starting_after.slice(amp + 1) : null;
    const ms = Date.parse(stamp);
    if (Number.isNaN(ms)) return jsonResponse({ items: [] });
    start = state.indexAfter(ms, email);
  }
  const page: AccountRecord[] = [];
  let skipped = 0;
  for (let i = start; i < state.ordered.length && page.length < limit; i++) {
    const record = state.ordered[i] as AccountRecord;
    if (!matches(record)) continue;
    if (skipped < skip) {
      skipped++;
      continue;
    }
    page.push(record);
  }
  const last = page[page.length - 1];
  const body: Record<string, unknown> = {
    items: page.map((record) => accountView(state, record, includeTags)),
  };
  // Like the real API, a page with items always carries a cursor, even the last one; the request
  // after it answers {"items": []} without the key.
  if (last) body.next_starting_after = accountCursor(last);
  return jsonResponse(body);
}

function getAccount(ctx: RouteContext): Response {
  const record = ctx.state.account(ctx.params[0] ?? '');
  return record ? jsonResponse(record.json) : notFound();
}

const PROVIDER_GROUPS: Record<number, ProviderGroup> = { 1: 'custom', 2: 'google', 3: 'microsoft', 4: 'aws' };

function createAccount(ctx: RouteContext): Response {
  const parsed = validateBody(accountCreateRequestSchema, ctx.body);
  if (!parsed.ok) return parsed.response;
  const body = parsed.value;
  const { state, nowMs } = ctx;
  for (const workspace of ctx.runtime.allWorkspaces()) {
    if (workspace.account(body.email)) {
      return errorResponse(400, 'This account has already been added to this or a different workspace');
    }
  }
  const today = dayOf(nowMs);
  const rng = Rng.from('created', state.spec.seed, body.email.toLowerCase());
  let warmup: WarmupJson | undefined = body.warmup ? { ...body.warmup } : undefined;
  if (body.warmup_custom_ftag !== undefined)
    warmup = { ...(warmup ?? {}), warmup_custom_ftag: body.warmup_custom_ftag };
  const json: AccountJson = {
    email: body.email,
    timestamp_created: iso(nowMs),
    timestamp_updated: iso(nowMs),
    first_name: body.first_name,
    last_name: body.last_name,
    organization: state.id,
    warmup_status: 0,
    provider_code: body.provider_code,
    setup_pending: false,
    is_managed_account: false,
    status: 1,
    stat_warmup_score: 0,
  };
  if (warmup) json.warmup = warmup;
  if (body.daily_limit !== undefined) json.daily_limit = body.daily_limit;
  if (body.tracking_domain_name !== undefined) json.tracking_domain_name = body.tracking_domain_name;
  if (body.tracking_domain_status !== undefined) json.tracking_domain_status = body.tracking_domain_status;
  if (body.enable_slow_ramp !== undefined) json.enable_slow_ramp = body.enable_slow_ramp;
  if (body.inbox_placement_test_limit !== undefined)
    json.inbox_placement_test_limit = body.inbox_placement_test_limit;
  if (body.sending_gap !== undefined) json.sending_gap = body.sending_gap;
  if (body.signature !== undefined) json.signature = body.signature;
  if (body.reply_to !== undefined) json.reply_to = body.reply_to;
  const story: AccountStory = {
    archetype: 'new',
    createdDay: today,
    warmupStartDay: null,
    warmupStopDay: null,
    campaignStartDay: null,
    campaignStopDay: null,
    baseRate: rng.between(0.9, 0.99),
    rampDays: rng.int(20, 30),
    rampFromRate: rng.between(0.65, 0.8),
    raiseDay: null,
    lowerDay: null,
    troughRate: 0.6,
    declineFromDay: null,
    endRate: 0.4,
    weekdayOnly: warmup?.advanced?.weekday_only ?? false,
    increment:
      warmup?.increment === undefined || warmup.increment === 'disabled' ? null : Number(warmup.increment),
    defaultWarmupLimit: 20,
    defaultDailyLimit: 30,
    bounceRate: rng.between(0.005, 0.03),
    replyRate: rng.between(0.01, 0.05),
    tracksOpens: body.tracking_domain_name != null,
    settings: [
      {
        day: today,
        daily_limit: json.daily_limit ?? null,
        sending_gap: json.sending_gap ?? null,
        warmup_limit: warmup?.limit ?? null,
      },
    ],
    events: [],
  };
  const record: AccountRecord = {
    json: canonicalAccount(json),
    createdMs: nowMs,
    domain: body.email.split('@')[1]?.toLowerCase() ?? '',
    provider: PROVIDER_GROUPS[body.provider_code] ?? 'custom',
    cause: null,
    preWarmed: false,
    tagIds: [],
    story,
    searchText: searchTextOf(json),
  };
  state.insertAccount(record);
  return jsonResponse(record.json);
}

/** Appends (or replaces) today's settings point when a PATCH touched a tracked setting. */
function recordSettings(state: WorkspaceState, record: AccountRecord, today: number): void {
  const json = record.json;
  const point = {
    day: today,
    daily_limit: json.daily_limit ?? null,
    sending_gap: json.sending_gap ?? null,
    warmup_limit: json.warmup?.limit ?? null,
  };
  const settings = record.story.settings;
  const last = settings[settings.length - 1];
  if (last && last.day >= today) settings[settings.length - 1] = { ...point, day: last.day };
  else settings.push(point);
  state.refreshScore(record, today);
}

function patchAccount(ctx: RouteContext): Response {
  const { state, nowMs } = ctx;
  const record = state.account(ctx.params[0] ?? '');
  const parsed = validateBody(accountPatchRequestSchema, ctx.body);
  if (!parsed.ok) return parsed.response;
  if (!record) return notFound();
  if (lockedEmails(state, nowMs).has(record.json.email.toLowerCase()))
    return errorResponse(409, conflictMessage(1));
  const patch = parsed.value;
  const json: AccountJson = { ...record.json };
  if (patch.first_name !== undefined) json.first_name = patch.first_name;
  if (patch.last_name !== undefined) json.last_name = patch.last_name;
  if (patch.warmup !== undefined) {
    const { advanced, ...rest } = patch.warmup;
    const next: WarmupJson = { ...(json.warmup ?? {}), ...rest };
    if (advanced !== undefined) next.advanced = { ...(json.warmup?.advanced ?? {}), ...advanced };
    json.warmup = next;
    if (rest.increment !== undefined)
      record.story.increment = rest.increment === 'disabled' ? null : Number(rest.increment);
    if (advanced?.weekday_only !== undefined) record.story.weekdayOnly = advanced.weekday_only;
  }
  if (patch.daily_limit !== undefined) json.daily_limit = patch.daily_limit;
  if (patch.tracking_domain_name !== undefined) json.tracking_domain_name = patch.tracking_domain_name;
  if (patch.tracking_domain_status !== undefined) json.tracking_domain_status = patch.tracking_domain_status;
  if (patch.remove_tracking_domain === true) {
    json.tracking_domain_name = null;
    json.tracking_domain_status = null;
  }
  if (patch.enable_slow_ramp !== undefined) json.enable_slow_ramp = patch.enable_slow_ramp;
  if (patch.inbox_placement_test_limit !== undefined)
    json.inbox_placement_test_limit = patch.inbox_placement_test_limit;
  if (patch.sending_gap !== undefined) json.sending_gap = patch.sending_gap;
  if (patch.signature !== undefined) json.signature = patch.signature;
  if (patch.reply_to !== undefined) json.reply_to = patch.reply_to;
  json.timestamp_updated = iso(nowMs);
  record.json = canonicalAccount(json);
  record.searchText = searchTextOf(record.json);
  if (
    patch.daily_limit !== undefined ||
    patch.sending_gap !== undefined ||
    patch.warmup?.limit !== undefined
  ) {
    recordSettings(state, record, dayOf(nowMs));
  }
  return jsonResponse(record.json);
}

function deleteAccount(ctx: RouteContext): Response {
  const record = ctx.state.account(ctx.params[0] ?? '');
  if (!record) return notFound();
  ctx.state.removeAccount(record);
  return jsonResponse(record.json);
}

export const accountRoutes: Route[] = [
  { method: 'GET', pattern: /^\/accounts$/, write: false, handler: listAccounts },
  { method: 'POST', pattern: /^\/accounts$/, write: true, handler: createAccount },
  { method: 'GET', pattern: /^\/accounts\/([^/]+)$/, write: false, handler: getAccount },
  { method: 'PATCH', pattern: /^\/accounts\/([^/]+)$/, write: true, handler: patchAccount },
  { method: 'DELETE', pattern: /^\/accounts\/([^/]+)$/, write: true, handler: deleteAccount },
];
