import 'server-only';
import { randomUUID } from 'node:crypto';
import { type Selectable, sql } from 'kysely';
import { z } from 'zod';
import type { Evaluation } from '@/lib/alerts/evaluate';
import { type AlertForEvent, accountsPath, alertEventOf } from '@/lib/alerts/events';
import type { AlertFinding } from '@/lib/alerts/types';
import {
  ALERT_EVENT_ACCOUNTS_MAX,
  type AlertEvent,
  alertRuleIds,
  alertScopeKinds,
  alertSeverities,
} from '@/lib/schemas/alert-event';
import type { AlertDto } from '@/lib/schemas/api-alerts';
import { appendAlertEvents } from './alert-events';
import type { Db } from './connect';
import type { AlertsTable } from './schema';
import { inTransaction } from './transaction';

// The alerts' state and the reconcile step: the findings of one evaluation open new alerts, refresh
// the open ones (and send a reminder when one is due) and resolve the ones whose findings cleared,
// each transition appending its event in the same transaction. Safe to run twice or from two workers
// at once: the unique open_key refuses a second open alert, every transition is a conditional update,
// and event ids are stable, so a repeated run changes nothing and appends nothing.

export type AlertRow = Selectable<AlertsTable>;

const HOUR_MS = 3_600_000;

export interface ReconcileInput {
  workspace: { id: string; name: string };
  evaluation: Evaluation;
  reminderHours: number;
  now: number;
}

export interface ReconcileResult {
  opened: number;
  updated: number;
  reminded: number;
  resolved: number;
  /** Closed because their rule was turned off (no recovery is announced). */
  closed: number;
}

/** The identity of an open alert: JSON, since a domain or cause may hold any character. */
export function openKeyOf(
  workspaceId: string,
  finding: Pick<AlertFinding, 'rule' | 'cause' | 'scope'>,
): string {
  return JSON.stringify([workspaceId, finding.rule, finding.cause, finding.scope.kind, finding.scope.value]);
}

const strings = z.array(z.string());
const filterSchema = z.record(z.string(), z.string());

function forEvent(row: AlertRow, workspace: { id: string; name: string }): AlertForEvent {
  return {
    id: row.id,
    workspace,
    rule: z.enum(alertRuleIds).parse(row.rule),
    cause: row.cause,
    scope: { kind: z.enum(alertScopeKinds).parse(row.scope_kind), value: row.scope_value },
    severity: z.enum(alertSeverities).parse(row.severity),
    title: row.title,
    summary: row.summary,
    fix: strings.parse(JSON.parse(row.fix_json)),
    count: row.count,
    accounts: strings.parse(JSON.parse(row.accounts_json)),
    filter: filterSchema.parse(JSON.parse(row.filter_json)),
  };
}

/** What a finding says about an alert (the columns refreshed on every evaluation). */
function findingColumns(finding: AlertFinding) {
  return {
    severity: finding.severity,
    title: finding.title,
    summary: finding.summary,
    fix_json: JSON.stringify(finding.fix),
    count: finding.emails.length,
    accounts_json: JSON.stringify(finding.emails.slice(0, ALERT_EVENT_ACCOUNTS_MAX)),
    filter_json: JSON.stringify(finding.filter),
  };
}

function reminderDue(row: AlertRow, reminderHours: number, now: number): boolean {
  if (row.acknowledged_at !== null) return false;
  if (row.snoozed_until !== null && row.snoozed_until > now) return false;
  return now - row.notified_at >= reminderHours * HOUR_MS;
}

/** The workspace's open domain alerts as `rule|cause|domain` (the rules keep their domains). */
export async function openDomainAlertKeys(db: Db, workspaceId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('alerts')
    .select(['rule', 'cause', 'scope_value'])
    .where('workspace_id', '=', workspaceId)
    .where('open_key', 'is not', null)
    .where('scope_kind', '=', 'domain')
    .execute();
  return new Set(rows.map((r) => `${r.rule}|${r.cause}|${r.scope_value}`));
}

export async function reconcileAlerts(db: Db, input: ReconcileInput): Promise<ReconcileResult> {
  const { workspace, evaluation, reminderHours, now } = input;
  const result: ReconcileResult = { opened: 0, updated: 0, reminded: 0, resolved: 0, closed: 0 };
  return inTransaction(db, async (trx) => {
    // A write first: SQLite then takes its write lock before the read below, so a second process
    // waits (busy_timeout) instead of failing to upgrade a read lock; on PostgreSQL it matches no row.
    await trx
      .updateTable('alerts')
      .set((eb) => ({ reminders: eb.ref('reminders') }))
      .where(sql<boolean>`1 = 0`)
      .execute();
    const open = await trx
      .selectFrom('alerts')
      .selectAll()
      .where('workspace_id', '=', workspace.id)
      .where('open_key', 'is not', null)
      .execute();
    const byKey = new Map(open.map((row) => [row.open_key as string, row]));
    const events: AlertEvent[] = [];
    for (const finding of evaluation.findings) {
      const key = openKeyOf(workspace.id, finding);
      const existing = byKey.get(key);
      byKey.delete(key);
      if (existing) {
        const columns = findingColumns(finding);
        await trx
          .updateTable('alerts')
          .set({ ...columns, last_seen_at: now })
          .where('id', '=', existing.id)
          .where('open_key', 'is not', null)
          .execute();
        result.updated += 1;
        if (!reminderDue(existing, reminderHours, now)) continue;
        const reminder = existing.reminders + 1;
        // Conditional on the count it read: of two workers, one sends the reminder.
        const moved = await trx
          .updateTable('alerts')
          .set({ reminders: reminder, notified_at: now })
          .where('id', '=', existing.id)
          .where('reminders', '=', existing.reminders)
          .where('open_key', 'is not', null)
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) === 1) {
          events.push(
            alertEventOf(forEvent({ ...existing, ...columns }, workspace), 'reminder', now, reminder),
          );
          result.reminded += 1;
        }
        continue;
      }
      const row: AlertRow = {
        id: `al_${randomUUID()}`,
        workspace_id: workspace.id,
        rule: finding.rule,
        cause: finding.cause,
        scope_kind: finding.scope.kind,
        scope_value: finding.scope.value,
        open_key: key,
        ...findingColumns(finding),
        opened_at: now,
        last_seen_at: now,
        notified_at: now,
        resolved_at: null,
        resolution: null,
        acknowledged_at: null,
        acknowledged_by: null,
        snoozed_until: null,
        reminders: 0,
      };
      const inserted = await trx
        .insertInto('alerts')
        .values(row)
        .onConflict((oc) => oc.column('open_key').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) {
        events.push(alertEventOf(forEvent(row, workspace), 'opened', now));
        result.opened += 1;
      }
    }
    const recoveries: Array<{ event: AlertEvent; at: number }> = [];
    const evaluated = new Set<string>(evaluation.evaluated);
    const disabled = new Set<string>(evaluation.disabled);
    for (const row of byKey.values()) {
      const cleared = evaluated.has(row.rule);
      if (!cleared && !disabled.has(row.rule)) continue;
      // A run stamps its changes with the time it began; one that began before this alert was seen
      // last (a long daily run beside the scheduled ones) still resolves it after that, so an alert's
      // events never go back in time.
      const at = Math.max(now, row.last_seen_at + 1);
      const done = await trx
        .updateTable('alerts')
        .set({ open_key: null, resolved_at: at, resolution: cleared ? 'cleared' : 'rule-off' })
        .where('id', '=', row.id)
        .where('open_key', 'is not', null)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) continue;
      if (cleared) {
        recoveries.push({ event: alertEventOf(forEvent(row, workspace), 'recovered', at), at });
        result.resolved += 1;
      } else result.closed += 1;
    }
    await appendAlertEvents(trx, events, now);
    for (const { event, at } of recoveries) await appendAlertEvents(trx, [event], at);
    return result;
  });
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function alertDtoOf(row: AlertRow): AlertDto {
  const alert = forEvent(row, { id: row.workspace_id, name: '' });
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    rule: alert.rule,
    cause: row.cause,
    scope: alert.scope,
    severity: alert.severity,
    title: row.title,
    summary: row.summary,
    fix: [...alert.fix],
    count: row.count,
    accounts: [...alert.accounts],
    accountsHref: accountsPath(alert.filter),
    openedAt: new Date(row.opened_at).toISOString(),
    lastSeenAt: new Date(row.last_seen_at).toISOString(),
    resolvedAt: iso(row.resolved_at),
    resolution: row.resolution === 'cleared' || row.resolution === 'rule-off' ? row.resolution : null,
    acknowledgedAt: iso(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by,
    snoozedUntil: iso(row.snoozed_until),
    reminders: row.reminders,
  };
}
