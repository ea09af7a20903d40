import 'server-only';
import { sql } from 'kysely';
import { type Db, dialectOf } from '../connect';
import { HOLDING_BATCH_STATES } from './records';

// Who holds an account right now, and the lock that makes "check nobody holds it, then take it" one
// step across processes. A batch in `starting` or `running` holds its accounts (an include_all_emails
// job the whole workspace, since Instantly picks its accounts itself); a per-account write holds its
// account while its item is `running`.

/**
 * Serializes every claim of accounts in one workspace until the caller's transaction ends. On
 * PostgreSQL, a transaction-scoped advisory lock (READ COMMITTED then lets the check that follows see
 * every claim committed before it). On SQLite a write as the first statement takes the database's
 * write lock at once, so a second process waits (busy_timeout) instead of checking a stale snapshot.
 * Call it first inside inTransaction.
 */
export async function lockClaims(trx: Db, workspaceId: string): Promise<void> {
  if (dialectOf(trx) === 'postgres') {
    await sql`select pg_advisory_xact_lock(hashtext(${`bulk-claims:${workspaceId}`}))`.execute(trx);
    return;
  }
  await trx
    .updateTable('bulk_action_batches')
    .set((eb) => ({ seq: eb.ref('seq') }))
    .where('id', '=', '')
    .execute();
}

/**
 * Actions whose jobs (starting or running) or per-account writes (running) hold one of this batch's
 * accounts, and earlier actions whose jobs on one of its accounts are still queued: the batch must
 * wait for them. Waiting for the earlier queued ones keeps the order the person asked in ("enable",
 * then "disable" ends disabled) whichever loop reaches its start first; earlier means created before
 * (an id breaks a tie), an order with no cycle, so no two actions wait for each other.
 */
export async function batchBlockers(
  db: Db,
  batch: { id: string; workspaceId: string; allEmails: boolean },
): Promise<string[]> {
  const jobs = await db
    .selectFrom('bulk_action_batches as b')
    .innerJoin('bulk_actions as theirs', 'theirs.id', 'b.action_id')
    .innerJoin('bulk_action_batches as mine_b', (join) => join.on('mine_b.id', '=', batch.id))
    .innerJoin('bulk_actions as ours', 'ours.id', 'mine_b.action_id')
    .select('b.action_id')
    .distinct()
    .where('b.workspace_id', '=', batch.workspaceId)
    .where('b.id', '<>', batch.id)
    .where((eb) =>
      eb.or([
        eb('b.state', 'in', [...HOLDING_BATCH_STATES]),
        eb.and([
          eb('b.state', '=', 'queued'),
          eb.or([
            eb('theirs.created_at', '<', eb.ref('ours.created_at')),
            eb.and([
              eb('theirs.created_at', '=', eb.ref('ours.created_at')),
              eb('theirs.id', '<', eb.ref('ours.id')),
            ]),
          ]),
        ]),
      ]),
    )
    .$if(!batch.allEmails, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('b.all_emails', '=', 1),
          eb.exists(
            eb
              .selectFrom('bulk_action_items as mine')
              .innerJoin('bulk_action_items as theirs', (join) =>
                join
                  .onRef('theirs.workspace_id', '=', 'mine.workspace_id')
                  .onRef('theirs.email', '=', 'mine.email')
                  .onRef('theirs.batch_id', '=', 'b.id'),
              )
              .select(sql<number>`1`.as('one'))
              .where('mine.batch_id', '=', batch.id),
          ),
        ]),
      ),
    )
    .orderBy('b.action_id')
    .execute();
  const writes = await db
    .selectFrom('bulk_action_items as theirs')
    .select('theirs.action_id')
    .distinct()
    .where('theirs.workspace_id', '=', batch.workspaceId)
    .where('theirs.state', '=', 'running')
    .where('theirs.batch_id', 'is', null)
    .$if(!batch.allEmails, (qb) =>
      qb.where((eb) =>
        eb.exists(
          eb
            .selectFrom('bulk_action_items as mine')
            .select(sql<number>`1`.as('one'))
            .where('mine.batch_id', '=', batch.id)
            .whereRef('mine.email', '=', 'theirs.email'),
        ),
      ),
    )
    .orderBy('theirs.action_id')
    .execute();
  return [...new Set([...jobs.map((r) => r.action_id), ...writes.map((r) => r.action_id)])];
}

/** The action id of a starting or running job that holds this account, if any. */
export async function accountLockedBy(
  db: Db,
  key: { workspaceId: string; email: string },
): Promise<string | null> {
  const row = await db
    .selectFrom('bulk_action_batches as b')
    .select('b.action_id')
    .where('b.workspace_id', '=', key.workspaceId)
    .where('b.state', 'in', [...HOLDING_BATCH_STATES])
    .where((eb) =>
      eb.or([
        eb('b.all_emails', '=', 1),
        eb.exists(
          eb
            .selectFrom('bulk_action_items as i')
            .select(sql<number>`1`.as('one'))
            .whereRef('i.batch_id', '=', 'b.id')
            .where('i.email', '=', key.email),
        ),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return row?.action_id ?? null;
}
