import 'server-only';
import { z } from 'zod';
import { ASSIGNABLE_ROLES } from '@/lib/schemas/api-people';
import type { Db } from './connect';

// Invite links (migration 8): single use, expiring, stored by the SHA-256 of their token.

export type InviteRole = (typeof ASSIGNABLE_ROLES)[number];
const roleSchema = z.enum(ASSIGNABLE_ROLES);
const workspaceIdsSchema = z.array(z.string()).nullable();

export interface InviteRecord {
  id: string;
  role: InviteRole;
  workspaceIds: string[] | null;
  expiresAt: number;
}

const toRecord = (row: {
  id: string;
  role: string;
  workspace_ids_json: string | null;
  expires_at: number;
}) => ({
  id: row.id,
  role: roleSchema.parse(row.role),
  workspaceIds:
    row.workspace_ids_json === null ? null : workspaceIdsSchema.parse(JSON.parse(row.workspace_ids_json)),
  expiresAt: row.expires_at,
});

export async function createInvite(
  db: Db,
  invite: InviteRecord & { tokenHash: string; createdBy: string | null },
  now = Date.now(),
): Promise<void> {
  await db
    .insertInto('invites')
    .values({
      id: invite.id,
      token_hash: invite.tokenHash,
      role: invite.role,
      workspace_ids_json: invite.workspaceIds === null ? null : JSON.stringify(invite.workspaceIds),
      created_by: invite.createdBy,
      created_at: now,
      expires_at: invite.expiresAt,
      used_at: null,
      used_by: null,
    })
    .execute();
}

/** The unused, unexpired invite with this token hash, or null. */
export async function openInvite(db: Db, tokenHash: string, now = Date.now()): Promise<InviteRecord | null> {
  const row = await db
    .selectFrom('invites')
    .select(['id', 'role', 'workspace_ids_json', 'expires_at'])
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row ? toRecord(row) : null;
}

/**
 * Marks the invite used; false when it was used or expired meanwhile. One conditional UPDATE, so of
 * two concurrent acceptances only one passes (run it in the transaction that creates the person).
 */
export async function consumeInvite(
  db: Db,
  id: string,
  personId: string,
  now = Date.now(),
): Promise<boolean> {
  const result = await db
    .updateTable('invites')
    .set({ used_at: now, used_by: personId })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listOpenInvites(db: Db, now = Date.now()): Promise<InviteRecord[]> {
  const rows = await db
    .selectFrom('invites')
    .select(['id', 'role', 'workspace_ids_json', 'expires_at'])
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
  return rows.map(toRecord);
}

/** Withdraws an unused invite; false when there is none. */
export async function revokeInvite(db: Db, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('invites')
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
