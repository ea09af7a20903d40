import 'server-only';
import {
  customTagCreateRequestSchema,
  customTagPatchRequestSchema,
  toggleTagRequestSchema,
  type ToggleTagRequest,
} from '@/lib/schemas/instantly-requests';
import { compileSelector, type AccountSelector } from './account-filters';
import { iso } from './dates';
import { errorResponse, jsonResponse, notFound, validationError } from './http-responses';
import { uuidV4, uuidV7 } from './ids';
import { csv, mappingsListQuerySchema, parseQuery, tagsListQuerySchema } from './query-schemas';
import { validateBody, type Route, type RouteContext } from './route-context';
import type { CustomTagRecord } from './types';
import type { AccountRecord, WorkspaceState } from './workspace-state';

// Custom tags, toggle-resource and tag mappings (REFERENCE §6). Tags list ascending by id with the
// last id as cursor; mappings list by timestamp_created with that timestamp as cursor.

const DUPLICATE = 'A tag with this name already exists.';

/** Real responses leave `description` out even when one was sent, so the wire form omits it. */
function tagJson(tag: CustomTagRecord) {
  return {
    id: tag.id,
    timestamp_created: tag.timestamp_created,
    timestamp_updated: tag.timestamp_updated,
    organization_id: tag.organization_id,
    label: tag.label,
  };
}

function labelTaken(state: WorkspaceState, label: string, exceptId?: string): boolean {
  const wanted = label.trim();
  for (const tag of state.tags.values()) if (tag.id !== exceptId && tag.label.trim() === wanted) return true;
  return false;
}

function listTags(ctx: RouteContext): Response {
  const parsed = parseQuery(tagsListQuerySchema, ctx.url);
  if (!parsed.ok) return validationError(parsed.message);
  const q = parsed.value;
  const { state } = ctx;
  const search = q.search?.trim().toLowerCase() ?? '';
  const ids = csv(q.tag_ids);
  const resources = csv(q.resource_ids)?.map((r) => r.toLowerCase());
  const onResources =
    resources && resources.length > 0
      ? new Set(
          state.mappings.filter((m) => resources.includes(m.resource_id.toLowerCase())).map((m) => m.tag_id),
        )
      : null;
  const tags = [...state.tags.values()]
    .filter((tag) => search === '' || tag.label.toLowerCase().includes(search))
    .filter((tag) => !ids || ids.length === 0 || ids.includes(tag.id))
    .filter((tag) => onResources === null || onResources.has(tag.id))
    .filter((tag) => q.starting_after === undefined || tag.id > q.starting_after)
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const page = tags.slice(0, q.limit ?? 10);
  const body: Record<string, unknown> = { items: page.map(tagJson) };
  const last = page[page.length - 1];
  if (last) body.next_starting_after = last.id;
  return jsonResponse(body);
}

function createTag(ctx: RouteContext): Response {
  const parsed = validateBody(customTagCreateRequestSchema, ctx.body);
  if (!parsed.ok) return parsed.response;
  const { state, nowMs } = ctx;
  if (labelTaken(state, parsed.value.label)) return errorResponse(409, DUPLICATE);
  const tag: CustomTagRecord = {
    id: uuidV4(state.rng),
    timestamp_created: iso(nowMs),
    timestamp_updated: iso(nowMs),
    organization_id: state.id,
    label: parsed.value.label,
    description: parsed.value.description ?? null,
  };
  state.tags.set(tag.id, tag);
  return jsonResponse(tagJson(tag));
}

function getTag(ctx: RouteContext): Response {
  const tag = ctx.state.tags.get(ctx.params[0] ?? '');
  return tag ? jsonResponse(tagJson(tag)) : notFound();
}

function patchTag(ctx: RouteContext): Response {
  const parsed = validateBody(customTagPatchRequestSchema, ctx.body);
  if (!parsed.ok) return parsed.response;
  const tag = ctx.state.tags.get(ctx.params[0] ?? '');
  if (!tag) return notFound();
  if (parsed.value.label !== undefined) {
    if (labelTaken(ctx.state, parsed.value.label, tag.id)) return errorResponse(409, DUPLICATE);
    tag.label = parsed.value.label;
  }
  if (parsed.value.description !== undefined) tag.description = parsed.value.description;
  tag.timestamp_updated = iso(ctx.nowMs);
  return jsonResponse(tagJson(tag));
}

function deleteTag(ctx: RouteContext): Response {
  const { state } = ctx;
  const tag = state.tags.get(ctx.params[0] ?? '');
  if (!tag) return notFound();
  state.tags.delete(tag.id);
  for (let i = state.mappings.length - 1; i >= 0; i--)
    if (state.mappings[i]?.tag_id === tag.id) state.mappings.splice(i, 1);
  for (const record of state.ordered) {
    if (record.tagIds.includes(tag.id)) record.tagIds = record.tagIds.filter((id) => id !== tag.id);
  }
  return jsonResponse(tagJson(tag));
}

function selectedAccounts(state: WorkspaceState, body: ToggleTagRequest): AccountRecord[] {
  const filter = body.filter;
  const selector: AccountSelector =
    typeof filter === 'string'
      ? { filter, search: body.search }
      : {
          tagId: filter?.tag_id,
          tagIds: filter?.tag_ids,
          tagIdsAll: filter?.tag_ids_all,
          filter: filter?.filter,
          search: body.search ?? filter?.search,
        };
  const excluded = new Set((body.excluded_resource_ids ?? []).map((e) => e.toLowerCase()));
  const matches = compileSelector(selector);
  return state.ordered.filter((r) => matches(r) && !excluded.has(r.json.email.toLowerCase()));
}

function setMapping(
  state: WorkspaceState,
  tagId: string,
  resourceId: string,
  resourceType: 1 | 2,
  assign: boolean,
  nowMs: number,
): void {
  const lower = resourceId.toLowerCase();
  const index = state.mappings.findIndex(
    (m) => m.tag_id === tagId && m.resource_type === resourceType && m.resource_id.toLowerCase() === lower,
  );
  if (assign && index < 0) {
    const at = state.nextMappingMs(nowMs);
    state.mappings.push({
      id: uuidV7(at, state.rng),
      tag_id: tagId,
      resource_id: resourceId,
      resource_type: resourceType,
      timestamp_created: iso(at),
      organization_id: state.id,
    });
  } else if (!assign && index >= 0) {
    state.mappings.splice(index, 1);
  }
}

function toggleResource(ctx: RouteContext): Response {
  const parsed = validateBody(toggleTagRequestSchema, ctx.body);
  if (!parsed.ok) return parsed.response;
  const body = parsed.value;
  const { state, nowMs } = ctx;
  if (body.tag_ids.some((id) => !state.tags.has(id))) return notFound();
  if (body.resource_type === 2) {
    // No campaigns live in the simulator; campaign mappings are recorded as given.
    for (const tagId of body.tag_ids)
      for (const id of body.resource_ids ?? []) setMapping(state, tagId, id, 2, body.assign, nowMs);
    return jsonResponse({ success: true });
  }
  let records: AccountRecord[];
  if (body.selected_all === true) {
    records = selectedAccounts(state, body);
  } else {
    if (!body.resource_ids) return validationError("body must have required property 'resource_ids'");
    const found = body.resource_ids.map((email) => state.account(email));
    const missing = found.filter((r) => r === undefined).length;
    if (missing > 0) return errorResponse(404, `${missing} account(s) not found`);
    records = found as AccountRecord[];
  }
  for (const record of records) {
    for (const tagId of body.tag_ids) {
      setMapping(state, tagId, record.json.email, 1, body.assign, nowMs);
      if (body.assign && !record.tagIds.includes(tagId)) record.tagIds.push(tagId);
      if (!body.assign) record.tagIds = record.tagIds.filter((id) => id !== tagId);
    }
  }
  return jsonResponse({ success: true });
}

function listMappings(ctx: RouteContext): Response {
  const parsed = parseQuery(mappingsListQuerySchema, ctx.url);
  if (!parsed.ok) return validationError(parsed.message);
  const q = parsed.value;
  const resources = csv(q.resource_ids)?.map((r) => r.toLowerCase());
  const after = q.starting_after === undefined ? null : Date.parse(q.starting_after);
  if (after !== null && Number.isNaN(after)) return jsonResponse({ items: [] });
  const limit = q.limit ?? 10;
  const page = [];
  for (const mapping of ctx.state.mappings) {
    if (page.length >= limit) break;
    if (after !== null && Date.parse(mapping.timestamp_created) <= after) continue;
    if (resources && resources.length > 0 && !resources.includes(mapping.resource_id.toLowerCase())) continue;
    page.push(mapping);
  }
  const body: Record<string, unknown> = { items: page };
  const last = page[page.length - 1];
  if (last) body.next_starting_after = last.timestamp_created;
  return jsonResponse(body);
}

export const tagRoutes: Route[] = [
  { method: 'GET', pattern: /^\/custom-tags$/, write: false, handler: listTags },
  { method: 'POST', pattern: /^\/custom-tags$/, write: true, handler: createTag },
  { method: 'POST', pattern: /^\/custom-tags\/toggle-resource$/, write: true, handler: toggleResource },
  { method: 'GET', pattern: /^\/custom-tags\/([^/]+)$/, write: false, handler: getTag },
  { method: 'PATCH', pattern: /^\/custom-tags\/([^/]+)$/, write: true, handler: patchTag },
  { method: 'DELETE', pattern: /^\/custom-tags\/([^/]+)$/, write: true, handler: deleteTag },
  { method: 'GET', pattern: /^\/custom-tag-mappings$/, write: false, handler: listMappings },
];
