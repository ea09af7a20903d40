import 'server-only';
import type { BulkActionDetail, BulkActionSummary, ItemState } from '@/lib/schemas/api-bulk-actions';
import { accountsChangedAgain, groupChangedAgain } from '@/lib/store/bulk/changed-again';
import { listBulkActions, summarizeActions } from '@/lib/store/bulk/job-centre';
import type { BulkActionRecord } from '@/lib/store/bulk/records';
import { actionItems, actionVisibleTo, getBulkAction, workspacesWithWorkOf } from '@/lib/store/bulk/reads';
import { type Db, getDb } from '@/lib/store/db';
import { BulkEngine, type BulkEngineOptions } from '@/lib/worker/bulk/engine';
import { listBackgroundWorkspaces } from './background-workspaces';
import { settingWriters } from './bulk-outcomes';
import { getConfig } from './config';
import { instanceId } from './instance';
import { processSingleton, resetProcessSingleton } from './singleton';
import { workerHealth } from './worker-health';

// The process's bulk runner: the engine (lib/worker/bulk), which the background worker drives, plus
// the job centre's view of it: whether an unfinished action is waiting, and for what.

export type { ClientsByWorkspace } from '@/lib/worker/bulk/engine';

export type BulkRunnerOptions = Omit<BulkEngineOptions, 'owner'> & {
  owner?: string;
  /** Whether a worker beats (default: the heartbeats in the database, two sync intervals). */
  workerRunning?: (db: Db, now: number) => Promise<boolean>;
  /** The workspaces the worker holds keys for (default: listBackgroundWorkspaces). */
  workerWorkspaceIds?: (db: Db) => Promise<string[]>;
};

const joinNames = (labels: readonly string[]) =>
  labels.length === 1
    ? (labels[0] ?? '')
    : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;

export const WORKER_NOT_RUNNING =
  'The worker is not running: this action goes on once it runs again (start the app, or npm run worker)';

export class BulkRunner extends BulkEngine {
  private readonly workerRunning: (db: Db, now: number) => Promise<boolean>;
  private readonly workerWorkspaceIds: (db: Db) => Promise<string[]>;

  constructor(options: BulkRunnerOptions) {
    const { workerRunning, workerWorkspaceIds, ...engine } = options;
    super({ ...engine, owner: engine.owner ?? instanceId() });
    this.workerRunning = workerRunning ?? (async (db, now) => (await workerHealth(db, now)).running);
    this.workerWorkspaceIds =
      workerWorkspaceIds ?? (async (db) => (await listBackgroundWorkspaces(db)).map((w) => w.id));
  }

  /**
   * The summaries with `waitingFor`: an unfinished action waits when no worker beats, or when work is
   * left in a workspace the server holds no key for. A fixed number of queries for any number of actions.
   */
  private async withWaits(actions: readonly BulkActionRecord[]): Promise<BulkActionSummary[]> {
    const summaries = await summarizeActions(this.db, actions);
    const running = actions.filter((a) => a.status === 'running').map((a) => a.id);
    if (running.length === 0) return summaries;
    if (!(await this.workerRunning(this.db, this.now())))
      return summaries.map((s) => (s.status === 'running' ? { ...s, waitingFor: WORKER_NOT_RUNNING } : s));
    const work = await workspacesWithWorkOf(this.db, running);
    const held = new Set(await this.workerWorkspaceIds(this.db));
    return summaries.map((summary, index) => {
      const action = actions[index];
      if (!action || summary.status !== 'running') return summary;
      const missing = (work.get(action.id) ?? []).filter((id) => !held.has(id));
      if (missing.length === 0) return summary;
      const labels = missing.map((id) => action.workspaces.find((w) => w.workspaceId === id)?.label ?? id);
      return {
        ...summary,
        waitingFor: `The server holds no key for ${joinNames(labels)}: add it in Settings`,
      };
    });
  }

  async summary(actionId: string): Promise<BulkActionSummary | null> {
    const action = await getBulkAction(this.db, actionId);
    return action ? ((await this.withWaits([action]))[0] ?? null) : null;
  }

  async list(options: {
    workspaceIds: readonly string[];
    active?: boolean;
    limit?: number;
  }): Promise<BulkActionSummary[]> {
    return this.withWaits(await listBulkActions(this.db, options));
  }

  /** The action with the items this person may see, or null when they may see none of it. */
  async detail(
    actionId: string,
    options: { workspaceIds: readonly string[]; state?: ItemState; offset: number; limit: number },
  ): Promise<BulkActionDetail | null> {
    const action = await getBulkAction(this.db, actionId);
    if (!action || !actionVisibleTo(action, options.workspaceIds)) return null;
    const { items, itemsTotal } = await actionItems(this.db, actionId, options);
    const [summary] = await this.withWaits([action]);
    if (!summary) return null;
    const writers = settingWriters(action.kind);
    // "Changed again afterwards" is asked of a finished action: while it runs, its page polls every
    // second and the set-based query over all its accounts would run as often.
    const changedAgain =
      writers && summary.status !== 'running'
        ? await accountsChangedAgain(this.db, actionId, writers, { workspaceIds: options.workspaceIds })
        : [];
    const byAccount = new Map(changedAgain.map((c) => [`${c.workspaceId}\u0000${c.email}`, c]));
    return {
      action: summary,
      items: items.map((item) => {
        const later = byAccount.get(`${item.workspaceId}\u0000${item.email}`);
        return later
          ? {
              ...item,
              changedAgainBy: {
                actionId: later.actionId,
                kind: later.kind,
                label: later.label,
                startedAt: later.startedAt,
              },
            }
          : item;
      }),
      itemsTotal,
      changedAgain: groupChangedAgain(changedAgain),
    };
  }
}

/** The process's runner (one per process, so one loop per action in it; the lease decides between processes). */
export function getBulkRunner(): Promise<BulkRunner> {
  return processSingleton('bulk-runner', () =>
    getDb().then(
      (db) => new BulkRunner({ db, leaseTtlMs: getConfig().BULK_LEASE_TTL_MS }),
      (error: unknown) => {
        // Not kept: the next request tries to open the database again.
        resetProcessSingleton('bulk-runner');
        throw error;
      },
    ),
  );
}
