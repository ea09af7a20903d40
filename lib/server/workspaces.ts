import 'server-only';
import { InstantlyClient, type Transport } from '@/lib/instantly/client';
import { RateBudget, type SharedBudget } from '@/lib/instantly/rate-budget';
import type { WorkspaceKind, WorkspaceSummary } from '@/lib/schemas/api-workspaces';
import { DEMO_API_KEY, getSimulator } from '@/lib/simulator/registry';
import { getDb } from '@/lib/store/db';
import { pauseRateBudget, takeRateToken } from '@/lib/store/rate-budgets';
import { type Person, mayAccessWorkspace } from './auth/person';
import { getConfig } from './config';
import { ProblemError } from './problem';
import type { Session } from './session';
import { processSingleton } from './singleton';

export const DEMO_WORKSPACE_ID = 'demo';
export const SERVER_WORKSPACE_ID = 'server';

/** A workspace this request may act on, with what it takes to call Instantly for it. */
export interface ResolvedWorkspace {
  id: string;
  kind: WorkspaceKind;
  name: string;
  label: string;
  apiKey: string;
}

export const keyHint = (key: string) => `…${key.slice(-4)}`;

/** Demo first (when enabled), then the server-configured workspace, then the ones this browser added. */
export function availableWorkspaces(session: Session): ResolvedWorkspace[] {
  const config = getConfig();
  const list: ResolvedWorkspace[] = [];
  if (config.DEMO_WORKSPACE) {
    list.push({
      id: DEMO_WORKSPACE_ID,
      kind: 'demo',
      name: 'Demo workspace',
      label: 'Demo',
      apiKey: DEMO_API_KEY,
    });
  }
  if (config.INSTANTLY_API_KEY && session.serverWorkspace) {
    list.push({
      id: SERVER_WORKSPACE_ID,
      kind: 'server',
      name: config.INSTANTLY_API_LABEL,
      label: config.INSTANTLY_API_LABEL,
      apiKey: config.INSTANTLY_API_KEY,
    });
  }
  for (const stored of session.data.workspaces) {
    list.push({ id: stored.id, kind: 'user', name: stored.name, label: stored.label, apiKey: stored.key });
  }
  return list;
}

/** The active workspace: the stored choice if still available, else the first real one, else the demo. */
export function activeWorkspaceId(session: Session): string | null {
  const list = availableWorkspaces(session);
  const chosen = list.find((w) => w.id === session.data.active);
  return (chosen ?? list.find((w) => w.kind !== 'demo') ?? list[0])?.id ?? null;
}

/** The workspace a request names (or the active one). Unknown ids are refused, never guessed. */
export function resolveWorkspace(
  session: Session,
  requestedId?: string | null,
  person: Person | null = null,
): ResolvedWorkspace {
  const list = availableWorkspaces(session);
  const id = requestedId ?? activeWorkspaceId(session);
  // Outside a member's workspaces nothing is said about the workspace, not even that it exists.
  if (id && !mayAccessWorkspace(person, id)) {
    throw new ProblemError({
      type: 'not-found',
      title: 'No such workspace',
      detail: 'There is no workspace with this id that you may see.',
      status: 404,
    });
  }
  const found = list.find((w) => w.id === id);
  if (found) return found;
  if (session.status === 'invalid') {
    throw new ProblemError({
      type: 'session-invalid',
      title: 'Re-enter your key',
      detail:
        session.reason === 'expired'
          ? 'Your saved keys expired. Add them again in Settings.'
          : session.reason === 'revoked'
            ? 'These saved keys were forgotten. Add them again in Settings.'
            : 'Your saved keys could not be opened (the server secret changed or the cookie was damaged).',
      status: 401,
    });
  }
  throw new ProblemError({
    type: 'workspace-not-connected',
    title: id ? 'This workspace is not connected in this browser' : 'No workspace is connected',
    detail: 'Add its API key in Settings.',
    status: 401,
  });
}

export function toSummary(workspace: ResolvedWorkspace, activeId: string | null): WorkspaceSummary {
  return {
    id: workspace.id,
    name: workspace.name,
    label: workspace.label,
    kind: workspace.kind,
    keyHint: workspace.kind === 'demo' ? null : keyHint(workspace.apiKey),
    active: workspace.id === activeId,
  };
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
function budgetFor(budgetId: string): RateBudget {
  const budgets = processSingleton('rate-budgets', () => new Map<string, RateBudget>());
  let budget = budgets.get(budgetId);
  if (!budget) {
    const config = getConfig();
    budget = new RateBudget({
      perSecond: config.RATE_LIMIT_PER_SECOND,
      perMinute: config.RATE_LIMIT_PER_MINUTE,
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
  workspace: Pick<ResolvedWorkspace, 'id' | 'kind' | 'apiKey'>,
  options: { deadline?: number } = {},
): InstantlyClient {
  const config = getConfig();
  const demo = workspace.kind === 'demo';
  const transport: Transport | undefined = demo ? (request) => getSimulator().handle(request) : undefined;
  return new InstantlyClient({
    apiKey: workspace.apiKey,
    baseUrl: demo ? 'http://demo.simulator.internal' : config.INSTANTLY_API_BASE_URL,
    budget: budgetFor(workspace.id),
    transport,
    readTimeoutMs: config.UPSTREAM_READ_TIMEOUT_MS,
    writeTimeoutMs: config.UPSTREAM_WRITE_TIMEOUT_MS,
    deadline: options.deadline,
  });
}
