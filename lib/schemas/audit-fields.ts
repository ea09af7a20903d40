import { z } from 'zod';
import { SETTINGS_FIELDS } from './account-settings-rules';

// The names an audit entry's changes are written under: one scheme, the dashboard's own camelCase
// field names (the settings form's, the account API's and the chart markers'), for every writer —
// the settings save, the bulk runner and the warmup poll. Instantly's own names are no single scheme
// to follow (flat `daily_limit`, nested `warmup.limit` in a PATCH, `warmup_status`), and the readers
// (chart markers, "changed again afterwards") already speak the dashboard's names. Migration 23
// rewrote the entries stored under the older names.

export const AUDIT_FIELDS = [
  ...SETTINGS_FIELDS,
  /** The account's sending status (pause 2, resume 1). */
  'status',
  /** The account's warmup status (enable 1, disable 0). */
  'warmupStatus',
] as const;
export type AuditField = (typeof AUDIT_FIELDS)[number];

/** Old → new per field; `old` is absent when it was not known (e.g. the account was never indexed). */
export type AuditChanges = Partial<Record<AuditField, { old?: unknown; new: unknown }>>;

const isAuditField = (name: string): name is AuditField => (AUDIT_FIELDS as readonly string[]).includes(name);

const changeSchema = z.object({ old: z.unknown().optional(), new: z.unknown() });

/**
 * Stored changes as read back: any object of field → change; a name outside the scheme (none is
 * written since migration 23) is dropped rather than failing the whole entry.
 */
export const auditChangesSchema = z.record(z.string(), changeSchema).transform((record) => {
  const out: AuditChanges = {};
  for (const [name, change] of Object.entries(record)) {
    if (isAuditField(name)) out[name] = change;
  }
  return out;
});
