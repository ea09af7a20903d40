import 'server-only';
import { iso } from './dates';
import { errorResponse, jsonResponse, notFound } from './http-responses';
import { validateBody, type Route, type RouteContext } from './route-context';
import { moveAccountsBodySchema } from './upstream-bodies';
import { conflictMessage, lockedEmails } from './warmup-jobs';
import { searchTextOf, type AccountRecord, type WorkspaceState } from './workspace-state';

// POST /accounts/move (REFERENCE §4.13): moves accounts from one simulated workspace to another and
// answers the spec's `{"status": "success"}` (the spec's only 200; no background job). The simulator
// has no workspace groups, so "both workspaces share the admin workspace" is not checked: any two of
// its workspaces will do. What the spec leaves open is answered with its documented 404.

function workspaceById(ctx: RouteContext, id: string): WorkspaceState | undefined {
  for (const workspace of ctx.runtime.allWorkspaces()) if (workspace.id === id) return workspace;
  return undefined;
}

function moveAccounts(ctx: RouteContext): Response {
  const parsed = validateBody(moveAccountsBodySchema, ctx.body);
  if (!parsed.ok) return parsed.response;
  const body = parsed.value;
  const source = workspaceById(ctx, body.source_workspace_id);
  const destination = workspaceById(ctx, body.destination_workspace_id);
  if (!source || !destination) return notFound();
  const records: AccountRecord[] = [];
  const seen = new Set<string>();
  for (const email of body.emails) {
    const record = source.account(email);
    if (!record) return notFound();
    if (seen.has(email.toLowerCase())) continue;
    seen.add(email.toLowerCase());
    records.push(record);
  }
  if (source === destination) return jsonResponse({ status: 'success' });
  // A warmup job still working on an account holds it, as it holds a PATCH.
  const locked = lockedEmails(source, ctx.nowMs);
  const held = records.filter((r) => locked.has(r.json.email.toLowerCase())).length;
  if (held > 0) return errorResponse(409, conflictMessage(held));
  for (const record of records) {
    source.removeAccount(record);
    // Tags belong to a workspace: a moved account arrives untagged in its new one.
    record.json = { ...record.json, organization: destination.id, timestamp_updated: iso(ctx.nowMs) };
    record.tagIds = [];
    record.searchText = searchTextOf(record.json);
    destination.insertAccount(record);
  }
  return jsonResponse({ status: 'success' });
}

export const moveAccountRoutes: Route[] = [
  { method: 'POST', pattern: /^\/accounts\/move$/, write: true, handler: moveAccounts },
];
