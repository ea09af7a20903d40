import 'server-only';
import { evaluateAlerts, runDailyAlerts } from '@/lib/worker/alerts';
import { runDailySettingsReads } from '@/lib/worker/daily-settings-reads';
import { runDailyWarmupAnalytics } from '@/lib/worker/daily-warmup';
import packageJson from '@/package.json';
import { getDb } from '@/lib/store/db';
import { startSync } from '@/lib/worker/sync';
import { runAlertDeliveries } from '@/lib/worker/alert-delivery';
import { Worker } from '@/lib/worker/worker';
import { deliveryChannels } from './alert-channels';
import { alertTransports } from './alert-transports';
import { listBackgroundWorkspaces } from './background-workspaces';
import { getBulkRunner } from './bulk-runner';
import { getConfig } from './config';
import { seedDemoHistoryAfterSync } from './demo-history';
import { syncIntervalMs } from './worker-health';
import { instanceId } from './instance';
import { getLogger } from './log';
import { processSingleton } from './singleton';
import { refreshGroup } from './workspace-groups';
import { type ResolvedWorkspace, SERVER_WORKSPACE_ID, clientFor, serverWorkspace } from './workspaces';

// The worker of this process, wired to the real database, workspaces and Instantly clients. Started
// once per process: from instrumentation.ts inside the app (unless WORKER=off), or by `npm run worker`.

type ProcessWorker = Worker<ResolvedWorkspace>;

const slot = () => processSingleton('worker', () => ({ worker: null as ProcessWorker | null }));

async function createWorker(): Promise<ProcessWorker> {
  const db = await getDb();
  const owner = instanceId();
  const config = getConfig();
  const log = getLogger().child({ component: 'worker' });
  // The environment's channels read the alert queue from the first time a worker saw them.
  const envChannelsSince = Date.now();
  const transports = alertTransports({ allowPrivate: config.ALERTS_ALLOW_PRIVATE_URLS });
  // A server key that is an admin's brings its accepted clients in at start, not only at its first sync.
  if (config.INSTANTLY_API_KEY) {
    const server = serverWorkspace(config.INSTANTLY_API_KEY, config.INSTANTLY_API_LABEL, true);
    void refreshGroup(db, SERVER_WORKSPACE_ID, clientFor(server), { follow: true }).catch((error: unknown) =>
      log.warn({ err: error }, 'the server key’s workspace group was not listed'),
    );
  }
  const nameOf = async (workspaceId: string) =>
    (await listBackgroundWorkspaces(db)).find((w) => w.id === workspaceId)?.label ?? workspaceId;
  return new Worker<ResolvedWorkspace>({
    db,
    owner,
    version: packageJson.version,
    intervalMs: syncIntervalMs(),
    workspaces: () => listBackgroundWorkspaces(db),
    clientFor: (workspace) => clientFor(workspace),
    engine: await getBulkRunner(),
    sync: async (workspace, client) => {
      // An admin key's group first: clients that joined (or left) since show from this sync on.
      if (
        workspace.asWorkspace === undefined &&
        (workspace.groupCap !== undefined || workspace.kind === 'server')
      )
        await refreshGroup(db, workspace.id, client, { follow: workspace.kind === 'server' })
          .then((change) => {
            if (change && change.added.length + change.left.length + change.back.length > 0)
              log.info({ workspaceId: workspace.id, ...change }, 'workspace group changed');
          })
          .catch((error: unknown) =>
            log.warn({ err: error, workspaceId: workspace.id }, 'workspace group not listed'),
          );
      const { done } = await startSync(db, workspace.id, client, undefined, { owner });
      const synced = await done;
      // The demo's settings history is seeded once its accounts are indexed (as after a visit's sync).
      const result = workspace.kind === 'demo' ? await seedDemoHistoryAfterSync(db, synced) : synced;
      // The rules see the fresh index. A failure here is logged, never turned into a failed sync.
      if (result.ok)
        await evaluateAlerts(db, { id: workspace.id, name: workspace.label }, Date.now())
          .then((alerts) => log.info({ workspaceId: workspace.id, ...alerts }, 'alerts evaluated'))
          .catch((error: unknown) =>
            log.error({ err: error, workspaceId: workspace.id }, 'alert evaluation failed'),
          );
      return result;
    },
    dailyTasks: [
      // Once a day per workspace: warmup analytics for every account, so the health chart has every day.
      { name: 'warmup-analytics', run: runDailyWarmupAnalytics },
      // Reads of the accounts whose settings are unknown or stale (list rows carry no warmup settings).
      { name: 'settings-reads', run: runDailySettingsReads },
      // Then the domains' DNS vitals and every alert rule over the day's warmup numbers.
      {
        name: 'alerts',
        run: async (taskDb, workspaceId, client, now) =>
          runDailyAlerts(taskDb, { id: workspaceId, name: await nameOf(workspaceId) }, client, now),
      },
    ],
    // Every tick: new alert events become deliveries, and the due ones are sent (lib/worker/alert-delivery.ts).
    everyTick: [
      {
        name: 'alert-deliveries',
        run: () =>
          runAlertDeliveries({
            db,
            owner,
            channels: () => deliveryChannels(db, config, envChannelsSince),
            transports,
            publicUrl: config.DASHBOARD_PUBLIC_URL,
            log,
          }),
      },
    ],
    log,
  });
}

/**
 * Starts this process's worker once (a second call returns the first); its clean stop is registered
 * as a shutdown hook that lib/cli/next-server.mjs and lib/cli/worker.ts run on SIGTERM / SIGINT.
 */
export async function startProcessWorker(): Promise<ProcessWorker> {
  const held = slot();
  const starting = processSingleton('worker-starting', () =>
    createWorker().then((worker) => {
      held.worker = worker;
      worker.start();
      shutdownHooks().push(() => worker.stop());
      return worker;
    }),
  );
  return starting;
}

/** Starts the worker inside the app unless WORKER=off (then `npm run worker` runs it). */
export async function startAppWorker(): Promise<void> {
  if (getConfig().WORKER === 'off') {
    getLogger().info({ component: 'worker' }, 'worker off in this process (WORKER=off)');
    return;
  }
  await startProcessWorker();
}

/** A bulk action was just created: the local worker (if this process runs one) picks it up now. */
export function wakeLocalWorker(): void {
  slot().worker?.wake();
}

type ShutdownHook = () => Promise<void>;

/** Run, in order, by whoever ends the process cleanly (next-server.mjs reads the same global). */
export function shutdownHooks(): ShutdownHook[] {
  const holder = globalThis as { __fleetShutdownHooks?: ShutdownHook[] };
  holder.__fleetShutdownHooks ??= [];
  return holder.__fleetShutdownHooks;
}
