'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ArrowLeft, CloudOff } from 'lucide-react';
import Link from 'next/link';
import { useQueryState } from 'nuqs';
import { useState } from 'react';
import { toast } from '@/components/ui/toast';
import { DiagnosisPanel } from '@/components/diagnostics/diagnosis-panel';
import { useWorkspaces } from '@/components/shell/use-workspaces';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { accountDetailMutations, accountDetailQueries } from '@/lib/queries/account-detail';
import { ApiError, problemOf } from '@/lib/queries/api-fetch';
import type { AccountDetail } from '@/lib/schemas/api-account-detail';
import { SETTINGS_LABELS, type SettingsField } from '@/lib/schemas/account-settings-rules';
import type { Problem } from '@/lib/schemas/api-problem';
import type { AccountKey } from '@/lib/schemas/api-bulk-actions';
import { AccountActions, ActionProgress } from './account-actions';
import { AccountCharts, rangeParser } from './account-charts';
import { AccountHeader } from './account-header';
import { SettingsForm } from './settings-form';
import { useCan } from '@/components/auth/person-context';
import { useAccountAction } from './use-account-action';
import { DomainVitals } from './vitals-card';
import { relativeTime } from '@/lib/format';

function BackLink() {
  return (
    <Button variant="ghost" size="sm" asChild className="mb-3 -ml-2">
      <Link href="/accounts">
        <ArrowLeft aria-hidden className="h-4 w-4" />
        All accounts
      </Link>
    </Button>
  );
}

/**
 * Says plainly that what the page shows is not a fresh read: either the server answered the account's
 * indexed copy (Instantly could not be read), or refreshing failed and the last answer stays on screen.
 */
function StaleNotice({
  detail,
  refreshProblem,
  onRetry,
  retrying,
}: {
  detail: AccountDetail;
  refreshProblem: Problem | null;
  onRetry: () => void;
  retrying: boolean;
}) {
  const { freshness } = detail;
  const problem = freshness.source === 'index' ? freshness.readProblem : refreshProblem;
  if (freshness.source !== 'index' && !refreshProblem) return null;
  const age = relativeTime(freshness.readAt);
  return (
    <div
      role="status"
      className="mb-4 flex flex-wrap items-start gap-3 rounded-md border border-warning/40 bg-warning-bg px-3 py-2 text-sm text-warning-fg"
    >
      <CloudOff aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
      <div className="min-w-0 flex-1 space-y-0.5">
        <p className="font-medium">
          Instantly could not be read just now{problem ? `: ${problem.title}` : ''}.
        </p>
        <p className="text-foreground">
          {freshness.source === 'index'
            ? `Showing the account as the last sync stored it, ${age}.`
            : `Showing the account as last read, ${age}.`}{' '}
          Values may have changed in Instantly since.
        </p>
      </div>
      <Button size="sm" variant="secondary" onClick={onRetry} disabled={retrying}>
        {retrying ? 'Reading…' : 'Read again'}
      </Button>
    </div>
  );
}

function PageSkeleton() {
  return (
    <div role="status" aria-label="Loading the account" className="space-y-4">
      <Skeleton className="h-7 w-80" />
      <Skeleton className="h-4 w-64" />
      <Skeleton className="h-20 w-full" />
      <Skeleton className="h-96 w-full" />
    </div>
  );
}

/** One account: who it is, what is wrong, how it has done against its settings, and the means to change them. */
export function AccountPage({ email, workspaceId }: { email: string; workspaceId: string | null }) {
  const workspaces = useWorkspaces();
  const resolvedWorkspace = workspaceId ?? workspaces.active?.id ?? null;
  if (!resolvedWorkspace) {
    return (
      <>
        <BackLink />
        {workspaces.isPending ? (
          <PageSkeleton />
        ) : (
          <EmptyState title="No workspace to read this account from">
            Connect a workspace in Settings, then open the account from the table.
          </EmptyState>
        )}
      </>
    );
  }
  return <AccountView accountKey={{ workspaceId: resolvedWorkspace, email }} />;
}

function AccountView({ accountKey: key }: { accountKey: AccountKey }) {
  // Viewers read only: no account actions, no settings form (the server would refuse them with 403).
  const canOperate = useCan('operator');
  const queryClient = useQueryClient();
  const detail = useQuery(accountDetailQueries.detail(key));
  // Started here, next to the detail, so the chart's data arrives in parallel rather than after it.
  const [range] = useQueryState('range', rangeParser);
  useQuery(accountDetailQueries.analytics(key, range));
  const save = useMutation(accountDetailMutations.saveSettings(queryClient, key));
  const actions = useAccountAction(key);
  const testVitals = useMutation(accountDetailMutations.testVitals(queryClient));
  const runVitals = () =>
    testVitals.mutate(
      { workspaceId: key.workspaceId, emails: [key.email] },
      {
        onSuccess: (result) => {
          const failing = result.domains.filter((d) => !d.allPass).length;
          if (result.domains.length === 0) toast.warning('Domain vitals: Instantly returned no result');
          else if (failing === 0) toast.success('Domain vitals: all records pass');
          else
            toast.warning('Domain vitals: some records fail', {
              description: 'See the vitals card for which and why.',
            });
        },
      },
    );

  // Bumped by a successful save only: the form then starts from the saved values. A failed save keeps
  // the form (and what was typed) as it is.
  const [savedRevision, setSavedRevision] = useState(0);

  if (detail.isPending) {
    return (
      <>
        <BackLink />
        <PageSkeleton />
      </>
    );
  }
  if (detail.isError && detail.data === undefined) {
    const problem = detail.error instanceof ApiError ? detail.error.problem : null;
    return (
      <>
        <BackLink />
        <ErrorState
          title={
            problem?.status === 404
              ? 'This account was not found in Instantly'
              : (problem?.title ?? 'The account could not be loaded')
          }
          detail={
            problem?.status === 404
              ? 'It may have been deleted or moved to another workspace.'
              : problem?.detail
          }
          onRetry={() => void detail.refetch()}
        />
      </>
    );
  }

  const data = detail.data;
  const refreshProblem = detail.isError ? problemOf(detail.error) : null;
  const failure = save.error ? problemOf(save.error) : null;
  return (
    <>
      <BackLink />
      <AccountHeader
        detail={data}
        actions={
          canOperate ? (
            <AccountActions
              row={data.row}
              busyKind={actions.busyKind}
              onRun={(kind) => actions.run(kind)}
              onTestVitals={runVitals}
              vitalsPending={testVitals.isPending}
              actionId={actions.actionId}
            />
          ) : null
        }
      />
      <StaleNotice
        detail={data}
        refreshProblem={refreshProblem}
        onRetry={() => void detail.refetch()}
        retrying={detail.isFetching}
      />
      <ActionProgress job={actions.job} email={key.email} />
      <div className="space-y-5">
        <DiagnosisPanel
          account={data.row}
          onAction={actions.runDashboardAction}
          busyAction={actions.busyAction}
        />
        <div className="grid gap-5 xl:grid-cols-3">
          <div className="min-w-0 xl:col-span-2">
            <AccountCharts accountKey={key} />
          </div>
          <div className="min-w-0 space-y-5">
            {canOperate ? (
              <SettingsForm
                key={savedRevision}
                settings={data.settings}
                dailyLimitMax={data.info.dailyLimitMax}
                warmupLimitMax={data.info.warmupLimitMax}
                settingsRead={data.freshness.source === 'instantly' || data.row.settingsReadAt !== null}
                saving={save.isPending}
                failure={save.isError ? failure : null}
                onSave={(changes) =>
                  save.mutate(changes, {
                    onSuccess: (saved) => {
                      setSavedRevision((r) => r + 1);
                      const names = saved.changed
                        .map((f: SettingsField) => SETTINGS_LABELS[f].toLowerCase())
                        .join(', ');
                      toast.success('Saved', {
                        description:
                          saved.confirmedBy === 're-read'
                            ? `Changed ${names}. Instantly's answer was lost, but reading the account back shows the new values.`
                            : `Changed ${names}.`,
                      });
                    },
                  })
                }
              />
            ) : null}
            <DomainVitals
              workspaceId={key.workspaceId}
              domain={data.row.domain}
              pending={testVitals.isPending}
              error={testVitals.error ? problemOf(testVitals.error).title : null}
              onRun={runVitals}
            />
          </div>
        </div>
      </div>
    </>
  );
}
