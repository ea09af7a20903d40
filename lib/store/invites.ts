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

/** Why an invite's link works no longer (unknown: no invite has this token). */
export type InviteState = { open: InviteRecord } | { closed: 'used' | 'withdrawn' | 'expired' | 'unknown' };

/** The invite with this token hash: open (unused, not withdrawn, unexpired), or why not. */
export async function inviteByToken(db: Db, tokenHash: string, now = Date.now()): Promise<InviteState> {
  const row = await db
    .selectFrom('invites')
    .select(['id', 'role', 'workspace_ids_json', 'expires_at', 'used_at', 'withdrawn_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return { closed: 'unknown' };
  if (row.used_at !== null) return { closed: 'used' };
  if (row.withdrawn_at !== null) return { closed: 'withdrawn' };
  if (row.expires_at <= now) return { closed: 'expired' };
  return { open: toRecord(row) };
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
    .where('withdrawn_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listOpenInvites(db: Db, now = Date.now()): Promise<InviteRecord[]> {
  const rows = await db
    .selectFrom('invites')
    .select(['id', 'role', 'workspace_ids_json', 'expires_at'])
    .where('used_at', 'is', null)
    .where('withdrawn_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
  return rows.map(toRecord);
}

/**
 * Withdraws an open invite at once (its link stops working on the next request); false when there is
 * no open invite with this id. The row stays, so the link's page can say it was withdrawn.
 */
export async function withdrawInvite(db: Db, id: string, now = Date.now()): Promise<boolean> {
  const result = await db
    .updateTable('invites')
    .set({ withdrawn_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('withdrawn_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
