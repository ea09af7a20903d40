import 'server-only';
import { getAccount } from '@/lib/instantly/accounts';
import type { InstantlyClient } from '@/lib/instantly/client';
import { InstantlyError, type InstantlyErrorKind } from '@/lib/instantly/errors';
import { accountsDueForSettingsRead, removeAccount, upsertAccounts } from '@/lib/store/accounts-index';
import type { Db } from '@/lib/store/connect';

// Once a day per workspace: a read of each account whose settings are unknown or a day old. List
// rows carry no warmup limit, increment or reply rate (REFERENCE §8a), so without this the table and
// the settings history would know them only for accounts someone opened.
//
// The budget, at the defaults (RATE_LIMIT_PER_MINUTE 600, a tenth of Instantly's 6,000, and a sync
// every 900 s): a day holds 600 × 1,440 = 864,000 requests; a sync of 10,000 accounts costs 101 (100
// a page), 96 syncs a day ≈ 9,700; warmup analytics and vitals ≈ 200 more. READS_PER_RUN = 2,000 GETs
// is 0.23% of the day and ~3.5 min of the minute budget at full speed. The reads go one at a time, so
// a sync that starts meanwhile takes every other slot of the FIFO budget and is slowed, never
// starved. A fleet of 10,000 is read through in five days (never-read accounts first), then each
// account about every five days; a fleet of 2,000 or fewer every day.

export const READS_PER_RUN = 2_000;
/**
 * Reads written to the index together: each write moves the workspace's index version, which empties
 * its cached views, so one write per read (10 a second) would keep every view of the table cold for
 * the whole run; one per 25 reads is one every ~2.5 s at the default budget.
 */
export const READS_PER_WRITE = 25;
const DAY_MS = 86_400_000;

export interface SettingsReadsResult {
  due: number;
  read: number;
  removed: number;
  failed: number;
  /** Why the run stopped early (a key or plan failure, or Instantly's rate limit), else null. */
  stoppedBy: string | null;
}

/** Failures every later read would meet too: the run stops at the first. */
const STOP_KINDS: ReadonlySet<InstantlyErrorKind> = new Set([
  'unauthorized',
  'payment-required',
  'forbidden',
  'rate-limited',
]);

export async function runDailySettingsReads(
  db: Db,
  workspaceId: string,
  client: InstantlyClient,
  now: number = Date.now(),
  readsPerRun: number = READS_PER_RUN,
): Promise<SettingsReadsResult> {
  const due = await accountsDueForSettingsRead(
    db,
    workspaceId,
    new Date(now - DAY_MS).toISOString(),
    readsPerRun,
  );
  const result: SettingsReadsResult = { due: due.length, read: 0, removed: 0, failed: 0, stoppedBy: null };
  const read: Awaited<ReturnType<typeof getAccount>>[] = [];
  const write = async () => {
    if (read.length === 0) return;
    await upsertAccounts(db, workspaceId, read.splice(0), {
      now: new Date(now).toISOString(),
      source: 'read',
    });
  };
  for (const email of due) {
    try {
      read.push(await getAccount(client, email));
      result.read++;
      if (read.length >= READS_PER_WRITE) await write();
    } catch (error) {
      if (!(error instanceof InstantlyError)) throw error;
      if (error.kind === 'not-found') {
        await removeAccount(db, workspaceId, email);
        result.removed++;
        continue;
      }
      result.failed++;
      if (STOP_KINDS.has(error.kind)) {
        result.stoppedBy = error.message;
        break;
      }
    }
  }
  // What was read before a stop is kept.
  await write();
  return result;
}
