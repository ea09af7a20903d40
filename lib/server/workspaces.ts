import 'server-only';
import { InstantlyClient, type Transport } from '@/lib/instantly/client';
import { RateBudget, type SharedBudget } from '@/lib/instantly/rate-budget';
import type { WorkspaceKind } from '@/lib/schemas/api-workspaces';
import { DEMO_API_KEY, getSimulator } from '@/lib/simulator/registry';
import { type Db, getDb } from '@/lib/store/db';
import { pauseRateBudget, takeRateToken } from '@/lib/store/rate-budgets';
import { type Person, mayAccessWorkspace } from './auth/person';
import { getConfig } from './config';
import { ProblemError } from './problem';
import type { Session } from './session';
import { processSingleton } from './singleton';
import { vaultEntries, vaultWorkspace } from './vault';
import { groupCapOf, groupClientWorkspace, loadGroupListing } from './workspace-groups';

export const DEMO_WORKSPACE_ID = 'demo';
export const SERVER_WORKSPACE_ID = 'server';

/** The server-configured workspace (INSTANTLY_API_KEY); an admin key's when its group is followed. */
export const serverWorkspace = (apiKey: string, label: string, isGroupAdmin: boolean): ResolvedWorkspace => ({
  id: SERVER_WORKSPACE_ID,
  kind: 'server',
  name: label,
  label,
  apiKey,
  ...(isGroupAdmin ? { groupCap: groupCapOf(SERVER_WORKSPACE_ID) } : {}),
});

/** A workspace this request may act on, with what it takes to call Instantly for it. */
export interface ResolvedWorkspace {
  id: string;
  kind: WorkspaceKind;
  name: string;
  label: string;
  apiKey: string;
  /** An agency's client workspace: the Instantly id the admin key acts as (`x-as-workspace`). */
  asWorkspace?: string;
  /** The admin key's shared cap (its budget bucket): set for an admin workspace and each of its clients. */
  groupCap?: string;
}

export const keyHint = (key: string) => `…${key.slice(-4)}`;

/** What deciding a request's workspaces takes: its database, its person, and its cookies. */
export interface WorkspaceAccess {
  db: Db;
  person: Person | null;
  session: Pick<Session, 'serverWorkspace' | 'activeChoice'>;
}

/** A workspace as the list shows it: a vault row that no longer opens is listed, but not usable. */
export interface ListedWorkspace {
  id: string;
  kind: WorkspaceKind;
  name: string;
  label: string;
  keyHint: string | null;
  addedBy: string | null;
  addedAt: string | null;
  /** `reenter`: the stored key no longer opens (the server secret changed): enter it again. `left`: see the schema. */
  state: 'ok' | 'reenter' | 'left';
  /** A client workspace: the label of the admin key serving it. */
  via: string | null;
  /** An admin key: whether clients that join later are added by themselves. */
  autoAdd: boolean | null;
}

export interface WorkspaceListing {
  usable: ResolvedWorkspace[];
  listed: ListedWorkspace[];
}

/**
 * Demo first (when enabled), then the server-configured workspace, then the vault's, each only when
 * the person may see it. The vault needs a signed-in person: in the open demo (nobody registered)
 * there is no one to have added a key.
 */
export async function listWorkspaces({ db, person, session }: WorkspaceAccess): Promise<WorkspaceListing> {
  const config = getConfig();
  const usable: ResolvedWorkspace[] = [];
  const listed: ListedWorkspace[] = [];
  const { rows: groupRows, groups } = await loadGroupListing(db);
  const offer = (workspace: ResolvedWorkspace, hint: string | null) => {
    usable.push(workspace);
    const { id, kind, name, label } = workspace;
    const group = groups.get(id);
    listed.push({
      id,
      kind,
      name,
      label,
      keyHint: hint,
      addedBy: null,
      addedAt: null,
      state: 'ok',
      via: null,
      autoAdd: group ? group.autoAdd : null,
    });
  };
  // The clients of one admin key, listed after it, each only when the person may see it.
  const offerClients = (adminId: string, admin: { apiKey: string | null; label: string; hint: string }) => {
    for (const row of groupRows) {
      if (row.admin_id !== adminId || !mayAccessWorkspace(person, row.id)) continue;
      const resolved = admin.apiKey === null ? null : groupClientWorkspace(row, admin.apiKey);
      if (resolved) usable.push(resolved);
      listed.push({
        id: row.id,
        kind: 'user',
        name: row.name,
        label: row.label,
        keyHint: admin.hint,
        addedBy: row.added_by_name,
        addedAt: row.added_at,
        state: admin.apiKey === null ? 'reenter' : row.left_at !== null ? 'left' : 'ok',
        via: admin.label,
        autoAdd: null,
      });
    }
  };
  if (config.DEMO_WORKSPACE && mayAccessWorkspace(person, DEMO_WORKSPACE_ID)) {
    offer(
      { id: DEMO_WORKSPACE_ID, kind: 'demo', name: 'Demo workspace', label: 'Demo', apiKey: DEMO_API_KEY },
      null,
    );
  }
  if (config.INSTANTLY_API_KEY && session.serverWorkspace) {
    const server = serverWorkspace(
      config.INSTANTLY_API_KEY,
      config.INSTANTLY_API_LABEL,
      groups.has(SERVER_WORKSPACE_ID),
    );
    if (mayAccessWorkspace(person, SERVER_WORKSPACE_ID)) offer(server, keyHint(config.INSTANTLY_API_KEY));
    offerClients(SERVER_WORKSPACE_ID, {
      apiKey: server.apiKey,
      label: server.label,
      hint: keyHint(server.apiKey),
    });
  }
  if (person === null) return { usable, listed };
  for (const entry of await vaultEntries(db)) {
    const group = groups.get(entry.id);
    if (mayAccessWorkspace(person, entry.id)) {
      if (entry.apiKey !== null)
        usable.push(vaultWorkspace({ ...entry, apiKey: entry.apiKey }, group !== undefined));
      listed.push({
        id: entry.id,
        kind: 'user',
        name: entry.name,
        label: entry.label,
        keyHint: `…${entry.last4}`,
        addedBy: entry.addedByName,
        addedAt: entry.addedAt,
        state: entry.apiKey === null ? 'reenter' : 'ok',
        via: null,
        autoAdd: group ? group.autoAdd : null,
      });
    }
    // A member limited to one client sees that client, though not the admin key's own workspace.
    offerClients(entry.id, { apiKey: entry.apiKey, label: entry.label, hint: `…${entry.last4}` });
  }
  return { usable, listed };
}

/** Every workspace this request may act on, in the list's order. */
export async function availableWorkspaces(access: WorkspaceAccess): Promise<ResolvedWorkspace[]> {
  return (await listWorkspaces(access)).usable;
}

/** The active workspace: the cookie's choice if still usable, else the first real one, else the demo. */
export function activeIn(listing: WorkspaceListing, choice: string | null): string | null {
  const { usable } = listing;
  const chosen = usable.find((w) => w.id === choice);
  return (chosen ?? usable.find((w) => w.kind !== 'demo') ?? usable[0])?.id ?? null;
}

export async function activeWorkspaceId(access: WorkspaceAccess): Promise<string | null> {
  return activeIn(await listWorkspaces(access), access.session.activeChoice);
}

/**
 * The workspace a request names (or the active one). An id the person may not see answers exactly
 * as one that does not exist, so nobody learns what else the install holds.
 */
/** The one answer for a workspace that does not exist and for one this person may not see. */
export const workspaceNotFound = () =>
  new ProblemError({
    type: 'workspace-not-found',
    title: 'No such workspace',
    detail: 'It is not connected, or you do not have access to it.',
    status: 404,
  });

export async function resolveWorkspace(
  access: WorkspaceAccess,
  requestedId?: string | null,
): Promise<ResolvedWorkspace> {
  const listing = await listWorkspaces(access);
  const id = requestedId ?? activeIn(listing, access.session.activeChoice);
  const found = listing.usable.find((w) => w.id === id);
  if (found) return found;
  const stale = listing.listed.find((w) => w.id === id);
  if (stale?.state === 'left') {
    throw new ProblemError({
      type: 'workspace-left-group',
      title: `${stale.label} left the workspace group`,
      detail: `Instantly no longer lists it as an accepted client of the admin key “${stale.via ?? ''}”, so nothing is read or changed there. An admin can remove it in Settings.`,
      status: 409,
    });
  }
  if (stale) {
    throw new ProblemError({
      type: 'key-unreadable',
      title: 'Re-enter this key',
      detail: `The stored key of ${stale.label} can no longer be opened (the server secret changed). An admin can add it again in Settings.`,
      status: 409,
    });
  }
  if (!id) {
    throw new ProblemError({
      type: 'workspace-not-connected',
      title: 'No workspace is connected',
      detail: 'Add an Instantly API key in Settings.',
      status: 401,
    });
  }
  throw workspaceNotFound();
}

/** The budgets' ledger in this process's database: every instance on it draws from the same rows. */
const storeLedger: SharedBudget = {
  take: async (bucket, now, limits) => takeRateToken(await getDb(), bucket, now, limits),
  pause: async (bucket, untilMs) => pauseRateBudget(await getDb(), bucket, untilMs),
};

/**
 * A workspace's budget in this process: its FIFO line and deadlines are here, the tokens are shared
 * with every other process through the database.
 */
function budgetFor(budgetId: string, limits?: { perSecond: number; perMinute: number }): RateBudget {
  const budgets = processSingleton('rate-budgets', () => new Map<string, RateBudget>());
  let budget = budgets.get(budgetId);
  if (!budget) {
    const config = getConfig();
    budget = new RateBudget({
      perSecond: limits?.perSecond ?? config.RATE_LIMIT_PER_SECOND,
      perMinute: limits?.perMinute ?? config.RATE_LIMIT_PER_MINUTE,
      shared: { ledger: storeLedger, bucket: budgetId },
    });
    budgets.set(budgetId, budget);
  }
  return budget;
}

/** When a person-facing request that starts now must have its answer (REQUEST_DEADLINE_MS). */
export function requestDeadline(now = Date.now()): number {
  return now + getConfig().REQUEST_DEADLINE_MS;
}

/**
 * A client for a workspace. The demo workspace goes to the in-process simulator through the very same
 * client (headers, parsing, retries, error mapping) as a real key goes to INSTANTLY_API_BASE_URL.
 * The budget is per Instantly workspace, because Instantly's limits are. A person-facing request
 * passes its `deadline`; background work (sync, bulk runner) passes none and keeps the full retries.
 */
export function clientFor(
  workspace: Pick<ResolvedWorkspace, 'id' | 'kind' | 'apiKey' | 'asWorkspace' | 'groupCap'>,
  options: { deadline?: number } = {},
): InstantlyClient {
  const config = getConfig();
  // An admin key's calls, for itself and as each client, also share one cap (AGENCY_RATE_LIMIT_*).
  const groupBudget =
    workspace.groupCap === undefined
      ? undefined
      : budgetFor(workspace.groupCap, {
          perSecond: config.AGENCY_RATE_LIMIT_PER_SECOND,
          perMinute: config.AGENCY_RATE_LIMIT_PER_MINUTE,
        });
  const demo = workspace.kind === 'demo';
  const transport: Transport | undefined = demo ? (request) => getSimulator().handle(request) : undefined;
  return new InstantlyClient({
    apiKey: workspace.apiKey,
    baseUrl: demo ? 'http://demo.simulator.internal' : config.INSTANTLY_API_BASE_URL,
    budget: budgetFor(workspace.id),
    groupBudget,
    asWorkspace: workspace.asWorkspace,
    transport,
    readTimeoutMs: config.UPSTREAM_READ_TIMEOUT_MS,
    writeTimeoutMs: config.UPSTREAM_WRITE_TIMEOUT_MS,
    deadline: options.deadline,
  });
}
