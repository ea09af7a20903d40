import 'server-only';
import { z } from 'zod';
import { PERSON_ROLES } from '@/lib/schemas/api-people';
import { type Db, dialectOf } from './connect';
import type { AuthFlag, AuthTime } from './schema';
import { inTransaction } from './transaction';

// People, their roles and workspace limits (migration 8). Sessions and passwords are better-auth's;
// the few writes here that touch its tables (creating a person with a password, deleting sessions)
// keep to the columns it defines.

export type PersonRole = (typeof PERSON_ROLES)[number];
const roleSchema = z.enum(PERSON_ROLES);

export interface PersonRecord {
  id: string;
  email: string;
  name: string;
  role: PersonRole;
  /** null: every workspace. */
  workspaceIds: string[] | null;
}

/** A time as better-auth stores it on this database (see AuthTime in schema.ts). */
export function authTime(db: Db, ms: number): AuthTime {
  return dialectOf(db) === 'postgres' ? new Date(ms) : new Date(ms).toISOString();
}
const authFlag = (db: Db, value: boolean): AuthFlag => (dialectOf(db) === 'postgres' ? value : value ? 1 : 0);
const timeMs = (value: AuthTime): number => (value instanceof Date ? value.getTime() : Date.parse(value));

// Once an owner exists it never goes away (the owner cannot be removed), so a database known to have
// one need not be asked again on every request.
const ownerKnown = new WeakSet<Db>();

export async function ownerExists(db: Db): Promise<boolean> {
  if (ownerKnown.has(db)) return true;
  const row = await db.selectFrom('people').select('id').where('role', '=', 'owner').executeTakeFirst();
  if (row) ownerKnown.add(db);
  return row !== undefined;
}

async function workspaceIdsOf(db: Db, personIds: string[]): Promise<Map<string, string[]>> {
  const byPerson = new Map<string, string[]>();
  if (personIds.length === 0) return byPerson;
  const rows = await db
    .selectFrom('person_workspaces')
    .select(['person_id', 'workspace_id'])
    .where('person_id', 'in', personIds)
    .orderBy('workspace_id')
    .execute();
  for (const row of rows)
    byPerson.set(row.person_id, [...(byPerson.get(row.person_id) ?? []), row.workspace_id]);
  return byPerson;
}

export async function personById(db: Db, id: string): Promise<PersonRecord | null> {
  const row = await db
    .selectFrom('people')
    .select(['id', 'email', 'name', 'role', 'workspaces_limited'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const limits = row.workspaces_limited ? ((await workspaceIdsOf(db, [row.id])).get(row.id) ?? []) : null;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: roleSchema.parse(row.role),
    workspaceIds: limits,
  };
}

export interface NewPerson {
  id: string;
  email: string;
  name: string;
  role: PersonRole;
  workspaceIds: readonly string[] | null;
  /** Hashed by better-auth's password hasher (so that its sign-in verifies it). */
  passwordHash: string;
}

/** Whether an insert failed on a unique constraint (the one owner, or an e-mail already taken). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Inserts a person with their e-mail + password credential, in the caller's transaction or a new one. */
export async function insertPerson(db: Db, person: NewPerson, now = Date.now()): Promise<void> {
  await inTransaction(db, async (trx) => {
    const at = authTime(db, now);
    await trx
      .insertInto('people')
      .values({
        id: person.id,
        email: person.email,
        name: person.name,
        email_verified: authFlag(db, false),
        image: null,
        created_at: at,
        updated_at: at,
        role: person.role,
        workspaces_limited: person.workspaceIds === null ? 0 : 1,
      })
      .execute();
    await trx
      .insertInto('auth_accounts')
      .values({
        id: `${person.id}_credential`,
        account_id: person.id,
        provider_id: 'credential',
        user_id: person.id,
        access_token: null,
        refresh_token: null,
        id_token: null,
        access_token_expires_at: null,
        refresh_token_expires_at: null,
        scope: null,
        password: person.passwordHash,
        created_at: at,
        updated_at: at,
      })
      .execute();
    if (person.workspaceIds && person.workspaceIds.length > 0) {
      await trx
        .insertInto('person_workspaces')
        .values(
          [...new Set(person.workspaceIds)].map((workspace_id) => ({ person_id: person.id, workspace_id })),
        )
        .execute();
    }
  });
}

/**
 * Creates the owner; false when one exists already. The partial unique index people_one_owner makes
 * this atomic on both databases: of two concurrent attempts exactly one commits.
 */
export async function createOwner(
  db: Db,
  owner: Omit<NewPerson, 'role' | 'workspaceIds'>,
  now = Date.now(),
): Promise<boolean> {
  if (await ownerExists(db)) return false;
  try {
    await insertPerson(db, { ...owner, role: 'owner', workspaceIds: null }, now);
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
  ownerKnown.add(db);
  return true;
}

export interface MemberRecord extends PersonRecord {
  createdAt: string;
  activeSessions: number;
}

export async function listMembers(db: Db, now = Date.now()): Promise<MemberRecord[]> {
  const rows = await db
    .selectFrom('people')
    .select(['id', 'email', 'name', 'role', 'workspaces_limited', 'created_at'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const ids = rows.map((r) => r.id);
  const limits = await workspaceIdsOf(db, ids);
  const sessions = ids.length
    ? await db
        .selectFrom('auth_sessions')
        .select(['user_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('user_id', 'in', ids)
        .where('expires_at', '>', authTime(db, now))
        .groupBy('user_id')
        .execute()
    : [];
  const sessionCount = new Map(sessions.map((s) => [s.user_id, Number(s.n)]));
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: roleSchema.parse(row.role),
    workspaceIds: row.workspaces_limited ? (limits.get(row.id) ?? []) : null,
    createdAt: new Date(timeMs(row.created_at)).toISOString(),
    activeSessions: sessionCount.get(row.id) ?? 0,
  }));
}

/** Changes a member's role and/or workspace limits; false when there is no such member or it is the owner. */
export async function updateMember(
  db: Db,
  id: string,
  change: { role?: Exclude<PersonRole, 'owner'>; workspaceIds?: readonly string[] | null },
  now = Date.now(),
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const updated = await trx
      .updateTable('people')
      .set({
        updated_at: authTime(db, now),
        ...(change.role ? { role: change.role } : {}),
        ...(change.workspaceIds !== undefined
          ? { workspaces_limited: change.workspaceIds === null ? 0 : 1 }
          : {}),
      })
      .where('id', '=', id)
      .where('role', '!=', 'owner')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    if (change.workspaceIds !== undefined) {
      await trx.deleteFrom('person_workspaces').where('person_id', '=', id).execute();
      if (change.workspaceIds && change.workspaceIds.length > 0) {
        await trx
          .insertInto('person_workspaces')
          .values([...new Set(change.workspaceIds)].map((workspace_id) => ({ person_id: id, workspace_id })))
          .execute();
      }
    }
    return true;
  });
}

/** Removes a member with their sessions and password (cascade); never the owner. */
export async function removeMember(db: Db, id: string): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    // Deleted explicitly too: a foreign-key cascade is only as reliable as the pragma that enables it.
    const target = await trx
      .selectFrom('people')
      .select('id')
      .where('id', '=', id)
      .where('role', '!=', 'owner')
      .executeTakeFirst();
    if (!target) return false;
    await trx.deleteFrom('auth_sessions').where('user_id', '=', id).execute();
    await trx.deleteFrom('auth_accounts').where('user_id', '=', id).execute();
    await trx.deleteFrom('person_workspaces').where('person_id', '=', id).execute();
    await trx.deleteFrom('people').where('id', '=', id).execute();
    return true;
  });
}

/** Signs a person out everywhere; returns how many sessions ended. */
export async function deleteSessionsOf(db: Db, personId: string): Promise<number> {
  const result = await db.deleteFrom('auth_sessions').where('user_id', '=', personId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
