import 'server-only';
import { getAccount, patchAccount, runAccountAction } from '@/lib/instantly/accounts';
import type { InstantlyClient } from '@/lib/instantly/client';
import { InstantlyError } from '@/lib/instantly/errors';
import type { AccountKey } from '@/lib/schemas/api-bulk-actions';
import type { Account } from '@/lib/schemas/instantly-account';
import { getIndexedRaw, upsertAccounts } from '@/lib/store/accounts-index';
import { finishItem, markItemRunningUnlessLocked, setItemState } from '@/lib/store/bulk/items';
import type { BulkActionRecord } from '@/lib/store/bulk/records';
import { orphanedRunningItems, pendingItems } from '@/lib/store/bulk/reads';
import { WAIT_KINDS, changesFor, confirmChange, reasonFor, unknownOutcome } from '@/lib/server/bulk-outcomes';
import { rereadVerdict, writeOutcomeUnknown } from '@/lib/server/write-outcome';
import { type Drive, dropClient, iso, pool } from './drive';

// Pause, resume, mark fixed, set daily limit: one call per account, a few at a time per workspace.
// A write without a clear answer is settled by reading the account, never sent again blindly.

export async function runPerAccount(d: Drive, action: BulkActionRecord): Promise<void> {
  // Left `running` by a process that died mid-call: the outcome has to be found out, not re-sent.
  for (const item of await orphanedRunningItems(d.db, action.id)) {
    const client = d.loop.clients.get(item.workspaceId);
    if (!client) continue;
    await d.checkpoint();
    await settleUnknown(d, action, item, client, {
      cause: 'the server restarted while the change was being sent',
      error: null,
      before: await getIndexedRaw(d.db, item.workspaceId, item.email),
    });
  }
  await Promise.all(action.workspaces.map((w) => runWorkspace(d, action, w.workspaceId)));
}

async function runWorkspace(d: Drive, action: BulkActionRecord, workspaceId: string): Promise<void> {
  const { options, loop } = d;
  const deferrals = new Map<string, number>();
  for (;;) {
    await d.checkpoint();
    if (!loop.clients.has(workspaceId)) return;
    const pending = await pendingItems(d.db, action.id, workspaceId);
    if (pending.length === 0) return;
    let deferred = false;
    let blocked = false;
    await pool(pending, options.concurrency, async (item) => {
      const client = loop.clients.get(workspaceId);
      if (!client) return;
      await d.checkpoint();
      const key = { workspaceId, email: item.email };
      // A reason from an earlier try ("rate limited, trying again") stays up while this one runs.
      // The lock check and the "running" mark are one step, so no warmup job can take it in between.
      const mark = await markItemRunningUnlessLocked(d.db, action.id, key, item.error, iso(d.now()));
      if (mark.heldBy) {
        // A warmup job holds the account (PATCH would answer 409): wait for it.
        blocked = true;
        await d.lend([mark.heldBy], workspaceId, client);
        return;
      }
      if (!mark.marked) return;
      try {
        const result = await runItem(d, action, key, client);
        if (result === 'finished') return;
        const count = (deferrals.get(item.email) ?? 0) + 1;
        deferrals.set(item.email, count);
        if (count >= options.maxStartAttempts) {
          await finishItem(
            d.db,
            action,
            key,
            { ok: false, error: `${result.wait} Gave up after ${count} tries; retry later.` },
            iso(d.now()),
          );
        } else {
          // Say why the account is still waiting, so the job page never shows a silent "not yet".
          const why = `${result.wait} Trying again shortly (${count} of ${options.maxStartAttempts} tries).`;
          await setItemState(d.db, action.id, key, 'pending', why, iso(d.now()));
          deferred = true;
        }
      } catch (error) {
        // A bug of ours, not Instantly's answer: record it on the account rather than lose the loop.
        await finishItem(
          d.db,
          action,
          key,
          { ok: false, error: reasonFor(error), outcome: 'unknown' },
          iso(d.now()),
        );
      }
    });
    if (deferred) await d.pause(options.conflictRetryMs);
    else if (blocked) await d.pause(options.lockRecheckMs);
  }
}

/** One account: 'finished' (done or failed, recorded), or wait (nothing applied, send again later). */
async function runItem(
  d: Drive,
  action: BulkActionRecord,
  key: AccountKey,
  client: InstantlyClient,
): Promise<'finished' | { wait: string }> {
  const before = await getIndexedRaw(d.db, key.workspaceId, key.email);
  const dailyLimit = action.params.dailyLimit;
  let account: Account;
  try {
    if (action.kind === 'set-daily-limit') {
      account = await patchAccount(client, key.email, { daily_limit: dailyLimit ?? null });
    } else if (action.kind === 'pause' || action.kind === 'resume' || action.kind === 'mark-fixed') {
      account = await runAccountAction(client, key.email, action.kind);
    } else {
      throw new Error(`${action.kind} is not a per-account action`);
    }
  } catch (error) {
    if (error instanceof InstantlyError && error.kind === 'unauthorized') {
      // The key stopped working: the account stays "not yet attempted" until the worker holds a
      // working key for the workspace again (an admin re-enters it).
      await setItemState(d.db, action.id, key, 'pending', null, iso(d.now()));
      dropClient(d.loop, key.workspaceId, client);
      return 'finished';
    }
    if (error instanceof InstantlyError && WAIT_KINDS.has(error.kind)) return { wait: reasonFor(error) };
    if (writeOutcomeUnknown(error)) {
      const cause = error instanceof Error ? error.message : String(error);
      await settleUnknown(d, action, key, client, { cause, error, before });
      return 'finished';
    }
    await finishItem(d.db, action, key, { ok: false, error: reasonFor(error) }, iso(d.now()));
    return 'finished';
  }
  await upsertAccounts(d.db, key.workspaceId, [account], { now: iso(d.now()), source: 'dashboard' });
  const problem = confirmChange(action.kind, account, dailyLimit);
  const changes = changesFor(action.kind, before, account);
  await finishItem(
    d.db,
    action,
    key,
    problem ? { ok: false, error: problem, changes } : { ok: true, changes },
    iso(d.now()),
  );
  return 'finished';
}

/** The field a per-account kind writes and the value it wants there; null when a read cannot tell. */
function written(action: BulkActionRecord): { field: 'status' | 'daily_limit'; wanted: unknown } | null {
  switch (action.kind) {
    case 'pause':
      return { field: 'status', wanted: 2 };
    case 'resume':
      return { field: 'status', wanted: 1 };
    case 'set-daily-limit':
      return { field: 'daily_limit', wanted: action.params.dailyLimit ?? null };
    default:
      return null;
  }
}

/**
 * A per-account write without a clear answer is not sent again. Where the account itself shows
 * whether the change landed (paused, resumed, the new limit), one read settles it by the one
 * write-outcome rule (write-outcome.ts): applied, not applied, or still unknown (then the account
 * fails with a reason saying so, and a retry is safe to ask for).
 */
async function settleUnknown(
  d: Drive,
  action: BulkActionRecord,
  key: AccountKey,
  client: InstantlyClient,
  what: { cause: string; error: unknown; before: Account | null },
): Promise<void> {
  const { cause, before } = what;
  const field = written(action);
  if (field) {
    try {
      const account = await getAccount(client, key.email);
      await upsertAccounts(d.db, key.workspaceId, [account], { now: iso(d.now()), source: 'read' });
      const verdict = rereadVerdict({
        fields: ['value'],
        before: { value: before ? (before[field.field] ?? null) : undefined },
        wanted: { value: field.wanted },
        now: { value: account[field.field] ?? null },
        error: what.error,
      });
      const changes = changesFor(action.kind, before, account);
      if (verdict === 'applied') {
        await finishItem(d.db, action, key, { ok: true, changes }, iso(d.now()));
        return;
      }
      await finishItem(
        d.db,
        action,
        key,
        verdict === 'not-applied'
          ? {
              ok: false,
              error: `Instantly answered with an error (${cause}) and reading the account back shows the old value, so nothing was changed. Retry.`,
            }
          : {
              ok: false,
              outcome: 'unknown',
              error: `Instantly did not confirm the change (${cause}) and the account does not show it yet. Retry to be sure.`,
            },
        iso(d.now()),
      );
      return;
    } catch {
      // Fall through: we could not even read the account.
    }
  }
  await finishItem(
    d.db,
    action,
    key,
    { ok: false, outcome: 'unknown', error: unknownOutcome(cause) },
    iso(d.now()),
  );
}
