import 'server-only';
import { faultRulesSchema } from '@/lib/schemas/simulator-faults';
import { settingsTimeline } from './account-story';
import { type AccountSelector, breakAccount, healAccount, selectAccounts } from './break-and-heal';
import { handleControlRequest } from './control-endpoint';
import { dayOf } from './dates';
import {
  edgeHtmlResponse,
  faultErrorResponse,
  faultRateLimitResponse,
  FaultInjector,
  malformedBody,
  malformedRowResponse,
  truncatedResponse,
} from './fault-injector';
import { generateWorkspace } from './fleet-generator';
import { errorResponse, routeNotFound } from './http-responses';
import { DEFAULT_RATE_LIMITS, SlidingWindowLimiter } from './rate-limiter';
import { restoreWorkspace, SNAPSHOT_VERSION, snapshotWorkspace } from './persistence';
import { parseBody } from './request-body';
import { badUrl, type SimulatorRuntime } from './route-context';
import { matchRoute } from './route-table';
import type { SimWorkspaceInfo, SimWorkspaceSpec, Simulator, SimulatorOptions } from './types';
import { advanceJobs } from './warmup-jobs';
import { type CauseId, CAUSE_IDS } from './status-message-catalog';
import { actingAs, buildGroups } from './workspace-group';
import { type AccountRecord, WorkspaceState } from './workspace-state';

// The simulator: a fetch-compatible handler in front of per-workspace state. The order of checks
// follows Fastify's lifecycle as Instantly runs it: route lookup (404), then the auth hook (401,
// 402, 429, 403), then body parsing (FST_ERR_CTP_*), then schema validation (FST_ERR_VALIDATION),
// then the handler. Injected faults act before all of that, as a flaky network or edge would.

const API_PREFIX = '/api/v2';

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError(signal));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Never settles until the caller aborts, then rejects like fetch does. */
function hang(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) return reject(abortError(signal));
    signal.addEventListener('abort', () => reject(abortError(signal)), { once: true });
  });
}

function bearerKey(header: string | null): string | null {
  if (header === null) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header.trim());
  return match ? (match[1] ?? null) : '';
}

export function createSimulator(options: SimulatorOptions): Simulator {
  const now = options.now ?? Date.now;
  const rate = options.rate ?? DEFAULT_RATE_LIMITS;
  const buildMs = now();
  const specs = new Map<string, SimWorkspaceSpec>();
  const states = new Map<string, WorkspaceState>();
  const slugByKey = new Map<string, string>();
  const limiters = new Map<string, SlidingWindowLimiter>();

  for (const spec of options.workspaces) {
    if (specs.has(spec.slug)) throw new Error(`Simulator: duplicate workspace slug '${spec.slug}'`);
    specs.set(spec.slug, spec);
    // A client workspace of an agency may have no key of its own (reached with the admin's).
    if (spec.key === '' && spec.memberOf) continue;
    if (slugByKey.has(spec.key)) throw new Error(`Simulator: duplicate key for workspace '${spec.slug}'`);
    slugByKey.set(spec.key, spec.slug);
  }
  const build = (spec: SimWorkspaceSpec) => {
    states.set(spec.slug, new WorkspaceState(spec, generateWorkspace(spec, buildMs)));
    limiters.set(spec.slug, new SlidingWindowLimiter(rate));
  };
  const store = options.store;
  const saved = store?.load() ?? null;
  for (const spec of specs.values()) {
    const previous = saved?.workspaces.find((w) => w.spec.slug === spec.slug);
    const restored = previous ? restoreWorkspace(spec, previous) : undefined;
    if (!restored) {
      build(spec);
      continue;
    }
    states.set(spec.slug, restored);
    limiters.set(spec.slug, new SlidingWindowLimiter(rate));
  }
  const snapshot = () => ({
    version: SNAPSHOT_VERSION,
    savedAt: new Date(now()).toISOString(),
    workspaces: [...states.values()].map(snapshotWorkspace),
  });
  const changed = () => store?.save(snapshot);

  const groups = buildGroups(options.workspaces, buildMs);

  const faults = new FaultInjector(now, options.workspaces[0]?.seed ?? 0);
  faults.add(faultRulesSchema.parse(options.faults ?? []));

  const runtime: SimulatorRuntime = {
    jobSpeed: options.jobSpeed,
    faults,
    allWorkspaces: () => states.values(),
    groupOf: (state) => groups.get(state.spec.slug) ?? [],
    stateOf: (slug) => states.get(slug),
  };

  /** Brings a workspace up to the clock: finished job steps applied, scores rolled to today. */
  const settle = (state: WorkspaceState, nowMs: number) => {
    if (advanceJobs(state, nowMs)) changed();
    state.refreshScores(nowMs);
  };

  async function dispatch(
    request: Request,
    url: URL,
    path: string,
    keyState: WorkspaceState | undefined,
  ): Promise<Response> {
    const method = request.method.toUpperCase();
    const found = matchRoute(method, path);
    if (!found) return routeNotFound(method, API_PREFIX + path + url.search);
    const key = bearerKey(request.headers.get('authorization'));
    if (key === null) return errorResponse(401, 'Missing Authorization header');
    if (!keyState) return errorResponse(401, 'Invalid API key');
    // The key's scopes (readonly) are the key's; the plan and the data are the acted-on workspace's.
    const acting = actingAs(request, keyState, groups, (slug) => states.get(slug));
    if (!acting.ok) return acting.response;
    const state = acting.state;
    if (state.spec.flag === 'noplan')
      return errorResponse(402, 'Workspace does not have an active paid plan');
    const nowMs = now();
    // How Instantly counts a call made "as" a sub workspace is undocumented: here it counts for both.
    const limited = [keyState, state].filter((s, i, all) => all.indexOf(s) === i);
    for (const s of limited)
      if (!limiters.get(s.spec.slug)?.tryAcquire(nowMs)) return errorResponse(429, 'Rate limit exceeded');
    if (keyState.spec.flag === 'readonly' && found.route.write) return errorResponse(403, 'Forbidden');
    const parsed = await parseBody(request);
    if (!parsed.ok) return parsed.response;
    let params: string[];
    try {
      params = found.rawParams.map((p) => decodeURIComponent(p));
    } catch {
      return badUrl(API_PREFIX + path);
    }
    settle(state, nowMs);
    // A write that was refused changed nothing, but saving it anyway is cheaper than knowing that.
    if (found.route.write) changed();
    return found.route.handler({
      state,
      request,
      url,
      method,
      path,
      params,
      body: parsed.body,
      nowMs,
      runtime,
    });
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const at = url.pathname.indexOf(`${API_PREFIX}/`);
    const method = request.method.toUpperCase();
    if (at < 0) return routeNotFound(method, url.pathname + url.search);
    const path = url.pathname.slice(at + API_PREFIX.length);
    const key = bearerKey(request.headers.get('authorization'));
    const slug = key ? slugByKey.get(key) : undefined;
    const state = slug === undefined ? undefined : states.get(slug);

    const decision = faults.decide({ slug: slug ?? null, method, path });
    if (decision.latencyMs > 0) await sleep(decision.latencyMs, request.signal);
    const terminal = decision.terminal;
    if (terminal?.kind === 'hang') return hang(request.signal);
    const afterApplying = terminal?.rule.afterApplying === true;
    if (terminal?.kind === 'error' && !afterApplying) return faultErrorResponse(terminal.rule);
    if (terminal?.kind === 'rate-limit') return faultRateLimitResponse(terminal.rule);
    const malformed = terminal?.kind === 'malformed' ? malformedBody(terminal.rule) : null;
    if (!afterApplying && malformed === 'html') return edgeHtmlResponse();
    if (!afterApplying && malformed === 'empty') return new Response(null, { status: 200 });

    let response: Response;
    try {
      response = await dispatch(request, url, path, state);
    } catch (error) {
      console.error('simulator: handler failed', error);
      response = errorResponse(500, 'Internal Server Error');
    }
    // After applying: the change landed, and only the answer is lost (a 5xx, or a body no one can read).
    if (terminal?.kind === 'error') return faultErrorResponse(terminal.rule);
    if (afterApplying && terminal?.rule.body === 'empty') return new Response(null, { status: 200 });
    if (afterApplying && terminal?.rule.body === 'html') return edgeHtmlResponse();
    if (terminal?.kind === 'malformed-row') return malformedRowResponse(response, terminal.rule);
    return malformed !== null ? truncatedResponse(response) : response;
  }

  const info = (state: WorkspaceState): SimWorkspaceInfo => ({
    slug: state.spec.slug,
    id: state.id,
    name: state.spec.name,
    key: state.spec.key,
    flag: state.spec.flag ?? null,
    accounts: state.accounts.size,
    memberOf: state.spec.memberOf ?? null,
  });

  /** Applies `act` to the selected accounts of one workspace (or all); the emails it changed. */
  const onAccounts = (
    selector: AccountSelector,
    workspace: string | undefined,
    act: (state: WorkspaceState, record: AccountRecord, nowMs: number) => boolean,
  ): string[] | null => {
    const targets = workspace === undefined ? [...states.values()] : [states.get(workspace)];
    if (targets.some((t) => t === undefined)) return null;
    const nowMs = now();
    const changedEmails: string[] = [];
    for (const state of targets as WorkspaceState[]) {
      settle(state, nowMs);
      for (const record of selectAccounts(state, selector))
        if (act(state, record, nowMs)) changedEmails.push(record.json.email);
    }
    if (changedEmails.length > 0) changed();
    return changedEmails;
  };

  const simulator: Simulator = {
    handle,
    handleControl: (request) =>
      handleControlRequest(
        request,
        {
          rules: () => faults.active(),
          addRules: (rules) => faults.add(rules),
          clearRules: () => faults.clear(),
          workspaces: () => simulator.workspaces(),
          breakAccounts: (selector, cause, workspace) =>
            onAccounts(selector, workspace, (state, record, nowMs) => {
              breakAccount(state, record, cause as CauseId, nowMs);
              return true;
            }),
          fixAccounts: (selector, workspace) => onAccounts(selector, workspace, healAccount),
          reset: (slug) => {
            if (slug === 'all') {
              for (const spec of specs.values()) build(spec);
              store?.clear();
              return true;
            }
            const spec = specs.get(slug);
            if (!spec) return false;
            build(spec);
            changed();
            return true;
          },
        },
        { causes: CAUSE_IDS as [CauseId, ...CauseId[]] },
      ),
    workspaces: () => [...states.values()].map(info),
    workspaceBySlug: (slug) => {
      const state = states.get(slug);
      return state ? info(state) : undefined;
    },
    settingsTimeline: (slug, email) => {
      const state = states.get(slug);
      if (!state) return undefined;
      const nowMs = now();
      settle(state, nowMs);
      const record = state.account(email);
      if (!record) return undefined;
      const warmup = record.json.warmup;
      return settingsTimeline(record.story, dayOf(nowMs)).map((point) => ({
        ...point,
        warmup_increment: warmup?.increment ?? null,
        warmup_reply_rate: warmup?.reply_rate ?? null,
      }));
    },
    faultRules: () => faults.active(),
  };
  return simulator;
}
