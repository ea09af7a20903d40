import 'server-only';
import { type Expression, type SqlBool, sql } from 'kysely';
import { BULK_ACTION_KINDS, type BulkActionKind, type LaterChange } from '@/lib/schemas/api-bulk-actions';
import { bulkActionLabel } from '@/lib/bulk/catalog';
import type { BulkActionParams } from '@/lib/bulk/plan';
import { type Db, dialectOf } from '../connect';
import { parseParams } from './records';

// "Changed again afterwards": the accounts this action wrote that a later write of the same setting
// changed again, each with the latest such write (whose value Instantly has now).

/** Which audit entries write a setting (the caller knows the verbs; the store only matches them). */
export interface SettingWriters {
  /** Audit actions that write the setting whatever changes they recorded (bulk action kinds). */
  actions: readonly string[];
  /** An audit action that writes it only when its recorded changes name one of these fields. */
  byFields?: { action: string; fields: readonly string[] };
}

export interface AccountChangedAgain extends LaterChange {
  workspaceId: string;
  email: string;
}

const laterKind = (kind: string | null): BulkActionKind | null =>
  BULK_ACTION_KINDS.find((k) => k === kind) ?? null;

/** Whether a JSON object column has a key: the one spot where the two dialects differ here. */
function jsonHasKey(db: Db, column: Expression<string | null>, key: string): Expression<SqlBool> {
  return dialectOf(db) === 'postgres'
    ? sql<SqlBool>`jsonb_exists(cast(${column} as jsonb), ${key})`
    : sql<SqlBool>`json_type(${column}, ${`$.${JSON.stringify(key)}`}) is not null`;
}

/**
 * The accounts this action wrote (or may have written: outcome unknown) that a later write of the
 * same setting changed again, each with that write's action: the latest one. One query for all of
 * the action's accounts, however many there are; both joins follow audit_log_accounts' key
 * (workspace, email, at) from the action's own items, so the cost grows with the action's accounts
 * and their own history, not with the whole audit log. Later writes that failed do not count;
 * unknown ones do (they may have landed). Row values order writes of one millisecond by audit id.
 */
export async function accountsChangedAgain(
  db: Db,
  actionId: string,
  writers: SettingWriters,
  options: { workspaceIds: readonly string[] },
): Promise<AccountChangedAgain[]> {
  if (options.workspaceIds.length === 0) return [];
  const landed = ['success', 'unknown'];
  const rows = await db
    .with('mine_ranked', (qb) =>
      qb
        .selectFrom('bulk_action_items as i')
        .innerJoin('audit_log_accounts as acc', (join) =>
          join.onRef('acc.workspace_id', '=', 'i.workspace_id').onRef('acc.email', '=', 'i.email'),
        )
        .innerJoin('audit_log as l', (join) =>
          join.onRef('l.id', '=', 'acc.audit_id').on('l.bulk_action_id', '=', actionId),
        )
        .select((eb) => [
          'i.workspace_id',
          'i.email',
          'acc.at',
          'acc.audit_id',
          eb.fn
            .agg<number>('row_number')
            .over((ob) =>
              ob
                .partitionBy(['i.workspace_id', 'i.email'])
                .orderBy('acc.at', 'desc')
                .orderBy('acc.audit_id', 'desc'),
            )
            .as('rn'),
        ])
        .where('i.action_id', '=', actionId)
        .where('acc.outcome', 'in', landed)
        .where('i.workspace_id', 'in', [...options.workspaceIds]),
    )
    .with('mine', (qb) =>
      qb.selectFrom('mine_ranked').select(['workspace_id', 'email', 'at', 'audit_id']).where('rn', '=', 1),
    )
    .with('later', (qb) =>
      qb
        .selectFrom('mine as m')
        .innerJoin('audit_log_accounts as acc', (join) =>
          join
            .onRef('acc.workspace_id', '=', 'm.workspace_id')
            .onRef('acc.email', '=', 'm.email')
            .on((eb) => eb(eb.refTuple('acc.at', 'acc.audit_id'), '>', eb.refTuple('m.at', 'm.audit_id'))),
        )
        .innerJoin('audit_log as l', 'l.id', 'acc.audit_id')
        .select((eb) => [
          'm.workspace_id',
          'm.email',
          'l.bulk_action_id',
          'l.action',
          'acc.at',
          eb.fn
            .agg<number>('row_number')
            .over((ob) =>
              ob
                .partitionBy(['m.workspace_id', 'm.email'])
                .orderBy('acc.at', 'desc')
                .orderBy('acc.audit_id', 'desc'),
            )
            .as('rn'),
        ])
        .where('acc.outcome', 'in', landed)
        .where((eb) => eb.or([eb('l.bulk_action_id', 'is', null), eb('l.bulk_action_id', '<>', actionId)]))
        .where((eb) => {
          const writes = [];
          if (writers.actions.length > 0) writes.push(eb('l.action', 'in', [...writers.actions]));
          const byFields = writers.byFields;
          if (byFields && byFields.fields.length > 0) {
            writes.push(
              eb.and([
                eb('l.action', '=', byFields.action),
                eb.or(
                  byFields.fields.flatMap((field) => [
                    jsonHasKey(db, eb.ref('l.changes_json'), field),
                    jsonHasKey(db, eb.ref('acc.changes_json'), field),
                  ]),
                ),
              ]),
            );
          }
          return writes.length > 0 ? eb.or(writes) : eb.val(false);
        }),
    )
    .selectFrom('later')
    .leftJoin('bulk_actions as b', 'b.id', 'later.bulk_action_id')
    .select([
      'later.workspace_id',
      'later.email',
      'later.bulk_action_id',
      'later.action',
      'later.at',
      'b.params_json',
      'b.created_at',
    ])
    .where('later.rn', '=', 1)
    .orderBy('later.workspace_id')
    .orderBy('later.email')
    .execute();
  const paramsOf = new Map<string, BulkActionParams>();
  return rows.map((r) => {
    const kind = r.bulk_action_id ? laterKind(r.action) : null;
    let params = paramsOf.get(r.bulk_action_id ?? '');
    if (!params) {
      params = r.params_json ? parseParams(r.params_json) : {};
      paramsOf.set(r.bulk_action_id ?? '', params);
    }
    return {
      workspaceId: r.workspace_id,
      email: r.email,
      actionId: r.bulk_action_id,
      kind,
      label: kind
        ? bulkActionLabel(kind, params.dailyLimit)
        : r.bulk_action_id
          ? r.action
          : 'A save on the account page',
      startedAt: r.created_at ?? r.at,
    };
  });
}

/** Counts per later writer, newest writer first (saves on account pages together, the latest time). */
export function groupChangedAgain(
  accounts: readonly AccountChangedAgain[],
): Array<LaterChange & { count: number }> {
  const groups = new Map<string, LaterChange & { count: number }>();
  for (const account of accounts) {
    const id = account.actionId ?? '';
    const group = groups.get(id);
    if (!group) {
      groups.set(id, {
        actionId: account.actionId,
        kind: account.kind,
        label: account.label,
        startedAt: account.startedAt,
        count: 1,
      });
      continue;
    }
    group.count += 1;
    if (account.startedAt > group.startedAt) group.startedAt = account.startedAt;
  }
  return [...groups.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}
