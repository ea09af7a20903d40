import 'server-only';
import { getAccount } from '@/lib/instantly/accounts';
import { getDailyAccountAnalytics } from '@/lib/instantly/analytics';
import type { InstantlyClient } from '@/lib/instantly/client';
import { InstantlyError } from '@/lib/instantly/errors';
import { getWarmupAnalytics } from '@/lib/instantly/warmup';
import type { AccountAnalytics, ChartRange } from '@/lib/schemas/api-account-detail';
import type { Account } from '@/lib/schemas/instantly-account';
import type { DailyAccountAnalyticsRow } from '@/lib/schemas/instantly-analytics';
import { getIndexedRaw, upsertAccounts } from '@/lib/store/accounts-index';
import { auditForAccount } from '@/lib/store/audit-log';
import { settingsHistory } from '@/lib/store/settings-history';
import { storedWarmupDays } from '@/lib/store/warmup-daily';
import type { AccountContext } from './account-detail';
import { addDays, buildChartSeries, campaignWindows, windowFor } from './chart-series';
import { seedDemoAccount } from './demo-history';
import { byEmail, mergeWarmupDays } from './warmup-days';

/** Campaign sends over the window, ≤31 days per call; null when any call fails (the chart says so). */
async function campaignRows(
  client: InstantlyClient,
  email: string,
  from: string,
  to: string,
  signal?: AbortSignal,
): Promise<DailyAccountAnalyticsRow[] | null> {
  try {
    const pages = await Promise.all(
      campaignWindows(from, to).map((w) =>
        getDailyAccountAnalytics(client, { emails: [email], ...w }, signal),
      ),
    );
    const lower = email.toLowerCase();
    return pages.flat().filter((row) => row.email_account.toLowerCase() === lower);
  } catch (error) {
    if (signal?.aborted) throw error;
    return null;
  }
}

/**
 * GET /api/accounts/[email]/analytics: everything the chart needs for one range, in one answer.
 * Warmup analytics has no date parameters and returns its last weeks, so one call serves every range;
 * the days the daily fetch stored (lib/worker/daily-warmup.ts) reach back past that window.
 */
export async function loadAccountAnalytics(
  ctx: AccountContext,
  email: string,
  range: ChartRange,
): Promise<AccountAnalytics> {
  const { db, workspace, client, signal } = ctx;
  const now = ctx.now?.() ?? new Date();
  let account: Account | null = await getIndexedRaw(db, workspace.id, email);
  if (!account) {
    account = await getAccount(client, email, signal);
    await seedDemoAccount(db, workspace.id, account);
    await upsertAccounts(db, workspace.id, [account], { now: now.toISOString(), source: 'read' });
  } else {
    await seedDemoAccount(db, workspace.id, account);
  }
  const key = account.email;
  const { from, to } = windowFor(Number(range), now.getTime());
  const [live, campaign] = await Promise.all([
    getWarmupAnalytics(client, [key], signal).then(
      (answer) => ({ answer, error: null }),
      (error: unknown) => {
        if (signal?.aborted || !(error instanceof InstantlyError)) throw error;
        return { answer: null, error };
      },
    ),
    campaignRows(client, key, from, to, signal),
  ]);
  const since = `${from}T00:00:00.000Z`;
  const [history, audit, stored] = await Promise.all([
    settingsHistory(db, workspace.id, key, since),
    auditForAccount(db, workspace.id, key, since),
    // Six days before the window too: the first days' 7-day health needs them.
    storedWarmupDays(db, workspace.id, key, addDays(from, -6), to),
  ]);
  // Without Instantly's answer the stored days still draw a chart (flagged); with none stored either,
  // there is nothing to show and the failure is the answer.
  if (live.error && stored.length === 0) throw live.error;
  const warmup = live.answer;
  const series = buildChartSeries({
    from,
    to,
    warmupDays: mergeWarmupDays(warmup ? byEmail(warmup.email_date_data, key) : undefined, stored, to),
    warmupStoredOnly: warmup === null,
    history,
    audit,
    campaignRows: campaign,
    account: {
      score: account.stat_warmup_score ?? null,
      warmupStartedAt: account.timestamp_warmup_start ?? null,
      createdAt: account.timestamp_created ?? null,
    },
  });
  const aggregate = warmup ? byEmail(warmup.aggregate_data, key) : undefined;
  return { range, from, to, ...series, score: aggregate?.health_score ?? account.stat_warmup_score ?? null };
}
