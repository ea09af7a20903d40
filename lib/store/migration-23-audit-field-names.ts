import 'server-only';
import type { Kysely } from 'kysely';
import type { Migration } from './migrations';

// Migration 23: audit changes under one naming scheme (lib/schemas/audit-fields.ts). The bulk runner
// wrote Instantly's names (`daily_limit`, `status`, `warmup_status`) where the settings save wrote the
// dashboard's (`dailyLimit`); the chart read both, and dotted names nothing wrote, through an alias
// table. This rewrites every stored entry's keys to the dashboard's names. Frozen: the old names are
// listed here, not shared, so a later change of the scheme cannot change what this migration did.

const OLD_NAMES: Readonly<Record<string, string>> = {
  daily_limit: 'dailyLimit',
  sending_gap: 'sendingGap',
  warmup_limit: 'warmupLimit',
  'warmup.limit': 'warmupLimit',
  warmup_increment: 'warmupIncrement',
  'warmup.increment': 'warmupIncrement',
  warmup_reply_rate: 'warmupReplyRate',
  'warmup.reply_rate': 'warmupReplyRate',
  enable_slow_ramp: 'slowRamp',
  tracking_domain_name: 'trackingDomain',
  inbox_placement_test_limit: 'inboxPlacementTestLimit',
  warmup_status: 'warmupStatus',
};

/** The same changes under the new names; null when nothing needs rewriting (or it is not an object). */
export function renamedChanges(json: string | null): string | null {
  if (json === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (!entries.some(([key]) => Object.hasOwn(OLD_NAMES, key))) return null;
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    const name = Object.hasOwn(OLD_NAMES, key) ? (OLD_NAMES[key] as string) : key;
    // A name written both ways keeps the one already under the new name.
    if (!(name in out) || name === key) out[name] = value;
  }
  return JSON.stringify(out);
}

const PAGE = 500;

/** Rewrites one table's changes_json, page by page along its key, in portable SQL (both dialects). */
async function rewrite(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the tables as they were then
  db: Kysely<any>,
  table: 'audit_log' | 'audit_log_accounts',
): Promise<void> {
  // Only rows whose JSON mentions an old name: a LIKE per name, so untouched rows are never read.
  const names = Object.keys(OLD_NAMES);
  let after: { id: number; email: string } | null = null;
  for (;;) {
    let query = db
      .selectFrom(table)
      .select(table === 'audit_log' ? ['id', 'changes_json'] : ['audit_id as id', 'email', 'changes_json'])
      .where((eb) => eb.or(names.map((name) => eb('changes_json', 'like', `%"${name}"%`))));
    if (table === 'audit_log') {
      if (after) query = query.where('id', '>', after.id);
      query = query.orderBy('id');
    } else {
      if (after) {
        const { id, email } = after;
        query = query.where((eb) =>
          eb.or([eb('audit_id', '>', id), eb.and([eb('audit_id', '=', id), eb('email', '>', email)])]),
        );
      }
      query = query.orderBy('audit_id').orderBy('email');
    }
    const rows = (await query.limit(PAGE).execute()) as Array<{
      id: number;
      email?: string;
      changes_json: string | null;
    }>;
    for (const row of rows) {
      const renamed = renamedChanges(row.changes_json);
      if (renamed === null) continue;
      let update = db.updateTable(table).set({ changes_json: renamed });
      update =
        table === 'audit_log'
          ? update.where('id', '=', row.id)
          : update.where('audit_id', '=', row.id).where('email', '=', row.email);
      await update.execute();
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return;
    after = { id: Number(last.id), email: last.email ?? '' };
  }
}

export const auditFieldNamesMigration: Migration['up'] = async (db) => {
  await rewrite(db, 'audit_log');
  await rewrite(db, 'audit_log_accounts');
};
