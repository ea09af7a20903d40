'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ArrowLeft } from 'lucide-react';
import Link from 'next/link';
import { useQueryState } from 'nuqs';
import { useMemo } from 'react';
import { toast } from 'sonner';
import { DiagnosisPanel } from '@/components/diagnostics/diagnosis-panel';
import { useWorkspaces } from '@/components/shell/use-workspaces';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/components/ui/states';
import {
  accountDetailKeys,
  accountDetailMutations,
  accountDetailQueries,
} from '@/lib/queries/account-detail';
import { ApiError } from '@/lib/queries/api-fetch';
import { SETTINGS_LABELS, type SettingsField, type VitalsResponse } from '@/lib/schemas/api-account-detail';
import type { AccountKey } from '@/lib/schemas/api-bulk-actions';
import { AccountActions, ActionProgress } from './account-actions';
import { AccountCharts, rangeParser } from './account-charts';
import { AccountHeader } from './account-header';
import { SettingsForm } from './settings-form';
import { useAccountAction } from './use-account-action';
import { VitalsCard } from './vitals-card';

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
  const queryClient = useQueryClient();
  const detail = useQuery(accountDetailQueries.detail(key));
  // Started here, next to the detail, so the chart's data arrives in parallel rather than after it.
  const [range] = useQueryState('range', rangeParser);
  useQuery(accountDetailQueries.analytics(key, range));
  const save = useMutation(accountDetailMutations.saveSettings(queryClient, key));
  const vitals = useMutation(accountDetailMutations.testVitals(queryClient, key));
  const lastVitals = useQuery({
    queryKey: accountDetailKeys.vitals(key),
    queryFn: () => Promise.resolve<VitalsResponse | null>(null),
    enabled: false,
  });
  const actions = useAccountAction(key);
  const runVitals = () =>
    vitals.mutate(
      { workspaceId: key.workspaceId, emails: [key.email] },
      {
        onSuccess: (result) => {
          const failing = result.domains.filter((d) => !d.allPass).length;
          if (failing === 0) toast.success('Domain vitals: all records pass');
          else
            toast.warning('Domain vitals: some records fail', {
              description: 'See the vitals card for which and why.',
            });
        },
      },
    );

  const settingsKey = useMemo(() => JSON.stringify(detail.data?.settings ?? null), [detail.data?.settings]);

  if (detail.isPending) {
    return (
      <>
        <BackLink />
        <PageSkeleton />
      </>
    );
  }
  if (detail.isError) {
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
  const failure =
    save.error instanceof ApiError
      ? save.error.problem
      : save.error
        ? { type: 'error', title: save.error.message, status: 0 }
        : null;
  const vitalsResult = vitals.data ?? lastVitals.data ?? undefined;
  return (
    <>
      <BackLink />
      <AccountHeader
        detail={data}
        actions={
          <AccountActions
            row={data.row}
            busyKind={actions.busyKind}
            onRun={(kind) => actions.run(kind)}
            onTestVitals={runVitals}
            vitalsPending={vitals.isPending}
            actionId={actions.actionId}
          />
        }
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
            <SettingsForm
              key={settingsKey}
              settings={data.settings}
              dailyLimitMax={data.info.dailyLimitMax}
              warmupLimitMax={data.info.warmupLimitMax}
              saving={save.isPending}
              failure={save.isError ? failure : null}
              failedChanges={save.isError ? (save.variables ?? null) : null}
              onSave={(changes) =>
                save.mutate(changes, {
                  onSuccess: (saved) => {
                    const names = saved.changed
                      .map((f: SettingsField) => SETTINGS_LABELS[f].toLowerCase())
                      .join(', ');
                    toast.success('Saved', { description: `Changed ${names}.` });
                  },
                })
              }
            />
            <VitalsCard
              domain={data.row.domain}
              result={vitalsResult ?? undefined}
              pending={vitals.isPending}
              error={
                vitals.error
                  ? vitals.error instanceof ApiError
                    ? vitals.error.problem.title
                    : vitals.error.message
                  : null
              }
              onRun={runVitals}
            />
          </div>
        </div>
      </div>
    </>
  );
}
