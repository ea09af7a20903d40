import 'server-only';
import type { Account } from '@/lib/schemas/instantly-account';
import { getSimulator } from '@/lib/simulator/registry';
import type { Db } from '@/lib/store/db';
import {
  type SeedPoint,
  hasSeededHistory,
  seedSettingsHistory,
  seedWorkspaceHistory,
} from '@/lib/store/history-seed';
import { deleteWarmupDays } from '@/lib/store/warmup-daily';
import { processSingleton } from './singleton';
import { DEMO_WORKSPACE_ID } from './workspaces';

// Instantly keeps no history of daily limit or sending gap, so a real workspace's chart starts the
// day it is connected. The demo workspace would then show flat lines on its first run, hiding the
// story its analytics tell (limit raised, health dipped, limit lowered, recovery). So its store is
// seeded from the simulator's own settings timeline, which is what produced those analytics.

/** Where a demo account's dated settings come from (the simulator; a stand-in in tests). */
export type TimelineSource = (email: string) => readonly SeedPoint[] | undefined;

const simulatorTimeline: TimelineSource = (email) => getSimulator().settingsTimeline('demo', email);

/**
 * The simulator anchors its stories on the day it is built (each process start), while the store
 * outlives the process: seeds written by an earlier process would sit days away from the dips they
 * explain. So the first seeding in a process rewrites every stored demo seed from this simulator;
 * later ones only add accounts that have none. Per database, so tests never share the flag.
 */
const refreshedThisProcess = () => processSingleton('demo-history-refreshed', () => new WeakSet<Db>());

/** Seeds the indexed demo accounts (all of them once per process, then new ones). Returns how many. */
export async function seedDemoHistory(db: Db, timeline: TimelineSource = simulatorTimeline): Promise<number> {
  const refresh = !refreshedThisProcess().has(db);
  // Warmup days stored by an earlier process sit on that process's story; this simulator answers
  // for every day a chart range shows, so the demo's stored days start afresh with it.
  if (refresh) await deleteWarmupDays(db, DEMO_WORKSPACE_ID);
  const seeded = await seedWorkspaceHistory(db, DEMO_WORKSPACE_ID, timeline, { replace: refresh });
  refreshedThisProcess().add(db);
  return seeded;
}

/**
 * The same for one account, before its first read is indexed: opening a demo account straight from a
 * link, before any fleet sync, still shows its whole story. No-op for other workspaces.
 */
export async function seedDemoAccount(
  db: Db,
  workspaceId: string,
  account: Pick<Account, 'email' | 'warmup'>,
  timeline: TimelineSource = simulatorTimeline,
): Promise<boolean> {
  if (workspaceId !== DEMO_WORKSPACE_ID) return false;
  if (!refreshedThisProcess().has(db)) await seedDemoHistory(db, timeline);
  // A cheap look first; seedSettingsHistory checks again in its own transaction before it writes.
  if (await hasSeededHistory(db, workspaceId, account.email)) return false;
  const points = timeline(account.email);
  return points ? seedSettingsHistory(db, workspaceId, account, points) : false;
}

/**
 * Called when a demo sync ends (lib/server/fleet.ts). Seeding is an extra: a failure is logged and
 * never fails the sync, and it runs after every sync so accounts created later get their story too.
 */
export async function seedDemoHistoryAfterSync<T extends { ok: boolean }>(db: Db, result: T): Promise<T> {
  if (!result.ok) return result;
  try {
    await seedDemoHistory(db);
  } catch (error) {
    console.error(
      'Seeding the demo settings history failed:',
      error instanceof Error ? error.message : error,
    );
  }
  return result;
}
