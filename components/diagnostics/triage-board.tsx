'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { CheckCircle2, Loader2, X } from 'lucide-react';
import Link from 'next/link';
import { parseAsStringLiteral, useQueryState } from 'nuqs';
import { useState } from 'react';
import { toast } from '@/components/ui/toast';
import { ActionProgress } from '@/components/jobs/action-progress';
import { useBulkActionJob } from '@/components/jobs/use-bulk-action-job';
import { ScopeToggle } from '@/components/shell/scope-toggle';
import { useActiveWorkspace } from '@/components/shell/use-workspaces';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { Skeleton } from '@/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { accountKeys } from '@/lib/queries/accounts';
import { diagnosticsKeys, diagnosticsQueries } from '@/lib/queries/diagnostics';
import type { BulkActionSummary } from '@/lib/schemas/api-bulk-actions';
import type { DiagnosticsResponse, DiagnosticsScope, TriageGroup } from '@/lib/schemas/api-diagnostics';
import { DomainProblems } from './domain-problems';
import { GroupIndex } from './group-index';
import { TriageGroupCard } from './triage-group-card';
import { useOpenGroups } from './use-open-groups';
import { formatNumber, plural } from '@/lib/format';

const scopeParser = parseAsStringLiteral(['all', 'active'] as const)
  .withDefault('all')
  .withOptions({ history: 'replace', clearOnDefault: true });

interface StartedAction {
  id: string;
  groupTitle: string;
}

/**
 * The triage board: every account in trouble, grouped by cause, most urgent first, with the fix said
 * once per group and bulk actions on the whole group.
 */
export function TriageBoard() {
  const [scope, setScope] = useQueryState('scope', scopeParser);
  const board = useQuery(diagnosticsQueries.board(useActiveWorkspace(), scope));
  const [started, setStarted] = useState<StartedAction[]>([]);

  const onStarted = (action: BulkActionSummary, group: TriageGroup) => {
    setStarted((list) => [
      { id: action.id, groupTitle: group.title },
      ...list.filter((s) => s.id !== action.id),
    ]);
    toast.success(`Started: ${action.title} (${group.title})`);
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <ScopeToggle value={scope} onChange={(next) => void setScope(next)} order={['all', 'active']} />
        {board.data ? <BoardSummary data={board.data} /> : null}
        {board.isFetching && board.data ? (
          <Loader2 aria-label="Updating" className="h-4 w-4 animate-spin text-muted" />
        ) : null}
      </div>

      {started.length > 0 ? (
        <StartedActions
          started={started}
          onDismiss={(id) => setStarted((list) => list.filter((s) => s.id !== id))}
        />
      ) : null}

      {board.isPending ? (
        <BoardSkeleton />
      ) : board.isError && !board.data ? (
        <Card>
          <ErrorState
            title="Could not load the triage board"
            detail={board.error.message}
            onRetry={() => void board.refetch()}
          />
        </Card>
      ) : board.data ? (
        // While another scope loads, the previous board stays, dimmed, instead of a flash of skeletons.
        <div
          aria-busy={board.isPlaceholderData || undefined}
          className={cn('space-y-4', board.isPlaceholderData && 'opacity-60')}
        >
          <BoardContent data={board.data} scope={scope} onStarted={onStarted} />
        </div>
      ) : null}
    </div>
  );
}

function BoardSummary({ data }: { data: DiagnosticsResponse }) {
  const running = data.sync.filter((s) => s.state === 'running');
  const failed = data.sync.filter((s) => s.state === 'failed');
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted" role="status">
      <span>
        <strong className="text-foreground">{formatNumber(data.total)}</strong> of{' '}
        {formatNumber(data.fleetTotal)} accounts need attention, in {plural(data.groups.length, 'group')}
      </span>
      {running.length > 0 ? (
        <span className="flex items-center gap-1">
          <Loader2 aria-hidden className="h-3.5 w-3.5 animate-spin" />
          Indexing {running.map((s) => s.label).join(', ')}: the groups grow as accounts arrive
        </span>
      ) : null}
      {failed.length > 0 ? (
        <span className="text-warning-fg">
          Could not refresh {failed.map((s) => s.label).join(', ')}; showing the last index.
        </span>
      ) : null}
    </div>
  );
}

function BoardContent({
  data,
  scope,
  onStarted,
}: {
  data: DiagnosticsResponse;
  scope: DiagnosticsScope;
  onStarted: (action: BulkActionSummary, group: TriageGroup) => void;
}) {
  if (data.groups.length === 0) {
    const indexing = data.sync.some((s) => s.state === 'running' || s.state === 'never');
    return (
      <Card>
        {indexing ? (
          <EmptyState title="Reading the accounts…">
            The board fills in as the fleet index is built.
          </EmptyState>
        ) : data.fleetTotal === 0 ? (
          <EmptyState title="No accounts in this scope">
            Connect a workspace in Settings to see its accounts here.
          </EmptyState>
        ) : (
          <div role="status" className="flex flex-col items-center gap-2 px-6 py-12 text-center">
            <CheckCircle2 aria-hidden className="h-8 w-8 text-healthy" />
            <p className="font-medium">No errors: every account is healthy</p>
            <p className="max-w-md text-sm text-muted">
              None of the {formatNumber(data.fleetTotal)} accounts is in an error state, in warmup trouble or
              carrying a current error message.
            </p>
          </div>
        )}
      </Card>
    );
  }
  return <Groups data={data} scope={scope} onStarted={onStarted} />;
}

function Groups({
  data,
  scope,
  onStarted,
}: {
  data: DiagnosticsResponse;
  scope: DiagnosticsScope;
  onStarted: (action: BulkActionSummary, group: TriageGroup) => void;
}) {
  const groups = useOpenGroups(data.groups.map((g) => g.id));
  return (
    <>
      <DomainProblems problems={data.domainProblems} scope={scope} />
      <GroupIndex groups={data.groups} onOpen={groups.openGroup} />
      <div className="flex justify-end gap-1">
        <Button size="sm" variant="ghost" disabled={groups.allOpen} onClick={groups.openAll}>
          Open every group
        </Button>
        <Button size="sm" variant="ghost" disabled={groups.noneOpen} onClick={groups.closeAll}>
          Close every group
        </Button>
      </div>
      <div className="space-y-4">
        {data.groups.map((group) => (
          <TriageGroupCard
            key={group.id}
            group={group}
            scope={scope}
            open={groups.isOpen(group.id)}
            onToggle={() => groups.toggle(group.id)}
            onStarted={onStarted}
          />
        ))}
      </div>
    </>
  );
}

function StartedActions({
  started,
  onDismiss,
}: {
  started: StartedAction[];
  onDismiss: (id: string) => void;
}) {
  return (
    <section
      aria-labelledby="started-actions-title"
      className="rounded-lg border border-primary/40 bg-primary-soft px-4 py-3"
    >
      <h2 id="started-actions-title" className="text-sm font-semibold">
        Started from this board
      </h2>
      <ul className="mt-2 space-y-3">
        {started.map((s) => (
          <StartedActionLine key={s.id} started={s} onDismiss={() => onDismiss(s.id)} />
        ))}
      </ul>
    </section>
  );
}

/** Follows one action; when it finishes, the board and the table are read again so fixed accounts leave. */
function StartedActionLine({ started, onDismiss }: { started: StartedAction; onDismiss: () => void }) {
  const queryClient = useQueryClient();
  const detail = useBulkActionJob(started.id, {
    view: { limit: 1 },
    onFinish: () => {
      void queryClient.invalidateQueries({ queryKey: diagnosticsKeys.all });
      void queryClient.invalidateQueries({ queryKey: accountKeys.all });
    },
  });
  const action = detail.data?.action;
  return (
    <li className="flex flex-wrap items-center gap-3">
      <div className="min-w-0 flex-1 basis-72">
        <p className="text-sm">
          <span className="font-medium">{action?.title ?? 'Starting…'}</span>{' '}
          <span className="text-muted">· {started.groupTitle}</span>
        </p>
        {action ? <ActionProgress action={action} compact /> : null}
        {detail.isError ? (
          <p role="alert" className="text-xs text-error-fg">
            {detail.error.message}
          </p>
        ) : null}
      </div>
      <Link href={`/jobs/${encodeURIComponent(started.id)}`} className="text-sm text-primary hover:underline">
        Results per account
      </Link>
      <Button
        size="icon"
        variant="ghost"
        aria-label={`Dismiss ${action?.title ?? 'action'}`}
        onClick={onDismiss}
      >
        <X aria-hidden className="h-4 w-4" />
      </Button>
    </li>
  );
}

function BoardSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading the triage board" className="space-y-4">
      {[0, 1, 2].map((i) => (
        <Card key={i} className="space-y-3 p-4">
          <Skeleton className="h-5 w-64" />
          <Skeleton className="h-4 w-full max-w-xl" />
          <Skeleton className="h-4 w-full max-w-md" />
          <div className="flex gap-2">
            <Skeleton className="h-8 w-28" />
            <Skeleton className="h-8 w-28" />
          </div>
        </Card>
      ))}
    </div>
  );
}
