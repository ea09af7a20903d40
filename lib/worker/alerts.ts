import 'server-only';
import { addDays } from '@/lib/alerts/days';
import { evaluateAlertRules } from '@/lib/alerts/evaluate';
import type { AlertDomainVitals, AlertInput } from '@/lib/alerts/types';
import { testVitals } from '@/lib/instantly/analytics';
import type { InstantlyClient } from '@/lib/instantly/client';
import { toDate } from '@/lib/server/chart-series';
import {
  alertAccounts,
  recentLimitHistory,
  recentWarmupDays,
  sendingDomainProbes,
} from '@/lib/store/alert-inputs';
import { alertSettingsOf } from '@/lib/store/alert-settings';
import { type ReconcileResult, openDomainAlertKeys, reconcileAlerts } from '@/lib/store/alerts';
import type { Db } from '@/lib/store/connect';

// The worker's alert step: read the workspace, run the rules, reconcile the findings into alerts.
// After every scheduled sync without the vitals (they cost calls), and once a day with a vitals check
// of every sending domain, inside the workspace's shared rate budget (the client paces the calls).

export interface AlertWorkspace {
  id: string;
  name: string;
}

/** Accounts per vitals call: Instantly's limit (REFERENCE §4.11). */
const VITALS_PER_CALL = 100;

export async function alertInputOf(
  db: Db,
  workspaceId: string,
  now: number,
  vitals?: readonly AlertDomainVitals[],
): Promise<AlertInput> {
  const { settings } = await alertSettingsOf(db, workspaceId);
  const today = toDate(now);
  // One day more than the window: the score "D days ago" may sit on the day before it.
  const since = addDays(today, -(settings.warmupDropDays + 1));
  const [accounts, warmupDays, limitHistory, heldDomains] = [
    await alertAccounts(db, workspaceId),
    await recentWarmupDays(db, workspaceId, since),
    await recentLimitHistory(db, workspaceId, `${since}T00:00:00.000Z`),
    await openDomainAlertKeys(db, workspaceId),
  ];
  return { accounts, warmupDays, limitHistory, settings, today, heldDomains, ...(vitals ? { vitals } : {}) };
}

export async function evaluateAlerts(
  db: Db,
  workspace: AlertWorkspace,
  now: number,
  vitals?: readonly AlertDomainVitals[],
): Promise<ReconcileResult> {
  const input = await alertInputOf(db, workspace.id, now, vitals);
  return reconcileAlerts(db, {
    workspace,
    evaluation: evaluateAlertRules(input, workspace.id),
    reminderHours: input.settings.reminderHours,
    now,
  });
}

/** Instantly's DNS checks of every sending domain, one address per domain, 100 a call. */
export async function checkSendingDomains(
  db: Db,
  workspaceId: string,
  client: InstantlyClient,
): Promise<AlertDomainVitals[]> {
  const probes = await sendingDomainProbes(db, workspaceId);
  const out: AlertDomainVitals[] = [];
  for (let i = 0; i < probes.length; i += VITALS_PER_CALL) {
    const answer = await testVitals(client, probes.slice(i, i + VITALS_PER_CALL));
    for (const v of [...answer.success_list, ...answer.failure_list])
      out.push({
        domain: v.domain.toLowerCase(),
        checks: { mx: v.mx ?? null, spf: v.spf ?? null, dkim: v.dkim ?? null, dmarc: v.dmarc ?? null },
      });
  }
  return out;
}

/** The daily alert task: the vitals check, then every rule (the warmup ones over warmup_daily). */
export async function runDailyAlerts(
  db: Db,
  workspace: AlertWorkspace,
  client: InstantlyClient,
  now: number,
): Promise<ReconcileResult> {
  const { settings } = await alertSettingsOf(db, workspace.id);
  const vitals = settings.rules['domain-vitals']
    ? await checkSendingDomains(db, workspace.id, client)
    : undefined;
  return evaluateAlerts(db, workspace, now, vitals);
}
