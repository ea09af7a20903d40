import 'server-only';
import type { Db } from './connect';

// A lease says which process does a piece of work that must never run twice at once (a workspace's
// sync, a bulk action's engine), across every instance on one database. It is taken atomically by a
// single conditional upsert (one statement on both SQLite and PostgreSQL), kept alive by renewing it
// before it expires, and taken over by anyone once its holder stops renewing (a killed process).

export interface Lease {
  name: string;
  owner: string;
  expiresAt: number;
}

/** Takes the lease when it is free, expired or already ours; true when we hold it afterwards. */
export async function acquireLease(
  db: Db,
  name: string,
  owner: string,
  ttlMs: number,
  now = Date.now(),
): Promise<boolean> {
  const taken = await db
    .insertInto('leases')
    .values({ name, owner, expires_at: now + ttlMs, acquired_at: now })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet((eb) => ({
          owner: eb.ref('excluded.owner'),
          expires_at: eb.ref('excluded.expires_at'),
          acquired_at: eb
            .case()
            .when('leases.owner', '=', owner)
            .then(eb.ref('leases.acquired_at'))
            .else(eb.ref('excluded.acquired_at'))
            .end(),
        }))
        .where((eb) => eb.or([eb('leases.expires_at', '<=', now), eb('leases.owner', '=', owner)])),
    )
    .returning('owner')
    .executeTakeFirst();
  return taken?.owner === owner;
}

/** Extends a lease we hold; false when it lapsed and someone else took it (stop working then). */
export async function renewLease(
  db: Db,
  name: string,
  owner: string,
  ttlMs: number,
  now = Date.now(),
): Promise<boolean> {
  const result = await db
    .updateTable('leases')
    .set({ expires_at: now + ttlMs })
    .where('name', '=', name)
    .where('owner', '=', owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Gives the lease up at once (work finished), so another process need not wait for it to expire. */
export async function releaseLease(db: Db, name: string, owner: string): Promise<void> {
  await db.deleteFrom('leases').where('name', '=', name).where('owner', '=', owner).execute();
}

/** Who holds the lease now, if anyone. */
export async function leaseHolder(db: Db, name: string, now = Date.now()): Promise<Lease | null> {
  const row = await db
    .selectFrom('leases')
    .select(['name', 'owner', 'expires_at'])
    .where('name', '=', name)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row ? { name: row.name, owner: row.owner, expiresAt: row.expires_at } : null;
}

/** Gives up every lease one holder has (a process stopping cleanly), so others need not wait. */
export async function releaseLeasesOf(db: Db, owner: string): Promise<void> {
  await db.deleteFrom('leases').where('owner', '=', owner).execute();
}
