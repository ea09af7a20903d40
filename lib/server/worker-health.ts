import 'server-only';
import type { Db } from '@/lib/store/connect';
import { latestBeatAt } from '@/lib/store/worker-state';
import { getConfig } from './config';

export const syncIntervalMs = () => getConfig().FLEET_SYNC_INTERVAL_SECONDS * 1000;

export interface WorkerHealth {
  running: boolean;
  lastBeatAt: number | null;
  /** A worker is "not running" when none has beaten for this long (two sync intervals). */
  staleAfterMs: number;
}

/** Whether a worker beat recently enough to count as running (pure: the staleness rule). */
export function judgeHeartbeat(lastBeatAt: number | null, now: number, intervalMs: number): WorkerHealth {
  const staleAfterMs = 2 * intervalMs;
  return { running: lastBeatAt !== null && now - lastBeatAt <= staleAfterMs, lastBeatAt, staleAfterMs };
}

export async function workerHealth(db: Db, now = Date.now()): Promise<WorkerHealth> {
  return judgeHeartbeat(await latestBeatAt(db), now, syncIntervalMs());
}
