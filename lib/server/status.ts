import 'server-only';
import type { StatusResponse } from '@/lib/schemas/api-status';
import type { Db } from '@/lib/store/connect';
import { recentBeats, slotsOf } from '@/lib/store/worker-state';
import { SYNC_TASK } from '@/lib/worker/slots';
import { syncStatus } from '@/lib/worker/sync';
import { listBackgroundWorkspaces } from './background-workspaces';
import { getBulkRunner } from './bulk-runner';
import { judgeHeartbeat, syncIntervalMs } from './worker-health';
import type { ResolvedWorkspace } from './workspaces';

const iso = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();

/** What the status page shows, for the workspaces this browser (or person) may see. */
export async function buildStatus(
  db: Db,
  workspaces: readonly Pick<ResolvedWorkspace, 'id' | 'label'>[],
  now = Date.now(),
): Promise<StatusResponse> {
  const intervalMs = syncIntervalMs();
  const staleAfterMs = 2 * intervalMs;
  // The last day of processes: a killed worker stays listed (not live) until it is pruned.
  const beats = await recentBeats(db, now - 86_400_000);
  const health = judgeHeartbeat(beats[0]?.beat_at ?? null, now, intervalMs);
  const slots = new Map((await slotsOf(db, SYNC_TASK)).map((s) => [s.workspace_id, s]));
  const background = new Set((await listBackgroundWorkspaces(db)).map((w) => w.id));
  const rows = await Promise.all(
    workspaces.map(async (w) => {
      const sync = await syncStatus(db, w.id, w.label);
      const slot = slots.get(w.id);
      // The freshest failure, the sync's own or the schedule's (a sync that could not even start).
      const syncErrorAt = sync.state === 'failed' && sync.startedAt ? Date.parse(sync.startedAt) : null;
      const slotErrorAt = slot?.last_error ? slot.last_error_at : null;
      const useSlot = slotErrorAt !== null && (syncErrorAt === null || slotErrorAt > syncErrorAt);
      const error = useSlot
        ? { message: slot?.last_error ?? null, at: iso(slotErrorAt) }
        : sync.state === 'failed'
          ? { message: sync.error, at: sync.startedAt }
          : { message: null, at: null };
      // A failure a later sync got past is history, not the workspace's state.
      const past = error.at !== null && sync.syncedAt !== null && error.at < sync.syncedAt;
      return {
        workspaceId: w.id,
        label: w.label,
        background: background.has(w.id),
        syncState: sync.state,
        lastSyncAt: sync.syncedAt,
        nextSyncAt: background.has(w.id) ? iso(slot?.next_at) : null,
        lastError: past ? null : error.message,
        lastErrorAt: past ? null : error.at,
      };
    }),
  );
  const runner = await getBulkRunner();
  const queue = await runner.list({ workspaceIds: workspaces.map((w) => w.id), active: true, limit: 50 });
  return {
    now: new Date(now).toISOString(),
    worker: {
      running: health.running,
      lastBeatAt: iso(health.lastBeatAt),
      intervalSeconds: intervalMs / 1000,
      staleAfterSeconds: staleAfterMs / 1000,
      processes: beats.map((b) => ({
        processId: b.process_id,
        version: b.version,
        startedAt: new Date(b.started_at).toISOString(),
        beatAt: new Date(b.beat_at).toISOString(),
        live: now - b.beat_at <= staleAfterMs,
      })),
    },
    workspaces: rows,
    queue,
  };
}
