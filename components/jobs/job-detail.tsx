'use client';

import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { ArrowLeft, Loader2, RotateCcw } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from '@/components/ui/toast';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader, CardTitle } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { Skeleton } from '@/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { ApiError } from '@/lib/queries/api-fetch';
import { bulkActionMutations, bulkActionQueries } from '@/lib/queries/bulk-actions';
import type { BulkActionSummary, ItemState } from '@/lib/schemas/api-bulk-actions';
import { ActionProgress } from './action-progress';
import { ActionStatusBadge } from './action-status-badge';
import { ChangedAgainMarker, ChangedAgainNotice } from './changed-again';
import { itemStateOf } from './format';
import { useCan } from '@/components/auth/person-context';
import { exactTime, formatNumber, relativeTime } from '@/lib/format';
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@/components/ui/table';

const PAGE = 100;

const filters: Array<{
  value: ItemState | 'all';
  label: string;
  count: (c: BulkActionSummary['counts']) => number;
}> = [
  { value: 'all', label: 'All', count: (c) => c.total },
  { value: 'failed', label: 'Failed', count: (c) => c.failed },
  { value: 'done', label: 'Done', count: (c) => c.done },
  { value: 'pending', label: 'Not yet attempted', count: (c) => c.pending },
];

function JobsFacts({ action }: { action: BulkActionSummary }) {
  const started = action.jobs.filter((j) => j.id !== null);
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-4">
      <div>
        <dt className="text-xs text-muted">Started</dt>
        <dd>
          <time dateTime={action.createdAt} title={exactTime(action.createdAt)}>
            {relativeTime(action.createdAt)}
          </time>{' '}
          by <span className="font-medium">{action.startedBy}</span>
        </dd>
      </div>
      <div>
        <dt className="text-xs text-muted">{action.finishedAt ? 'Finished' : 'Last change'}</dt>
        <dd>
          <time
            dateTime={action.finishedAt ?? action.updatedAt}
            title={exactTime(action.finishedAt ?? action.updatedAt)}
          >
            {relativeTime(action.finishedAt ?? action.updatedAt)}
          </time>
        </dd>
      </div>
      <div>
        <dt className="text-xs text-muted">Workspaces</dt>
        <dd>{action.workspaces.map((w) => `${w.label} (${formatNumber(w.count)})`).join(', ')}</dd>
      </div>
      {action.jobs.length > 0 ? (
        <div>
          <dt className="text-xs text-muted">Instantly jobs</dt>
          <dd>
            {started.length} of {action.jobs.length} sent
            {started.length > 0 ? (
              <details className="mt-1">
                <summary className="cursor-pointer text-xs text-muted">Job ids</summary>
                <ul className="mt-1 space-y-0.5 font-mono text-xs">
                  {started.map((job) => (
                    <li key={job.id}>
                      {job.id} · {job.size} accounts · {job.state}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

/** One bulk action: progress, the Instantly jobs behind it, and the result of every account. */
export function JobDetail({ id }: { id: string }) {
  const canOperate = useCan('operator');
  const router = useRouter();
  const [state, setState] = useState<ItemState | 'all'>('all');
  const [page, setPage] = useState(0);
  const view = { state: state === 'all' ? undefined : state, offset: page * PAGE, limit: PAGE };
  const query = useQuery({ ...bulkActionQueries.detail(id, view), placeholderData: keepPreviousData });
  const retry = useMutation({
    ...bulkActionMutations.retry({
      onSuccess: (next) => {
        toast.success(`Started: ${next.title}`);
        router.push(`/jobs/${next.id}`);
      },
    }),
    onError: (error) => toast.error('Could not retry', { description: error.message }),
  });

  if (query.isPending) {
    return (
      <div role="status" aria-busy="true" aria-label="Loading the bulk action" className="space-y-4">
        <Skeleton className="h-8 w-1/2" />
        <Skeleton className="h-24 w-full" />
        <Skeleton className="h-64 w-full" />
      </div>
    );
  }
  if (query.isError) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Card>
        <ErrorState
          title={missing ? 'No such bulk action' : 'Could not load this bulk action'}
          detail={
            query.error instanceof ApiError
              ? (query.error.problem.detail ?? query.error.message)
              : query.error.message
          }
          onRetry={missing ? undefined : () => void query.refetch()}
        />
      </Card>
    );
  }

  const { action, items, itemsTotal, changedAgain } = query.data;
  const labels = new Map(action.workspaces.map((w) => [w.workspaceId, w.label]));
  const pages = Math.max(1, Math.ceil(itemsTotal / PAGE));
  const choose = (next: ItemState | 'all') => {
    setState(next);
    setPage(0);
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <Link
            href="/jobs"
            className="mb-1 inline-flex items-center gap-1 text-sm text-muted hover:text-foreground"
          >
            <ArrowLeft aria-hidden className="h-4 w-4" /> All jobs
          </Link>
          <h1 className="flex flex-wrap items-center gap-2 text-xl font-semibold tracking-tight">
            {action.title} <ActionStatusBadge action={action} />
          </h1>
          {action.retryOf ? (
            <p className="mt-1 text-sm text-muted">
              Retry of{' '}
              <Link href={`/jobs/${action.retryOf}`} className="text-primary hover:underline">
                an earlier action
              </Link>
            </p>
          ) : null}
        </div>
        {action.counts.failed > 0 && canOperate ? (
          <Button variant="primary" onClick={() => retry.mutate(action.id)} disabled={retry.isPending}>
            {retry.isPending ? (
              <Loader2 aria-hidden className="h-4 w-4 animate-spin" />
            ) : (
              <RotateCcw aria-hidden className="h-4 w-4" />
            )}
            Retry the {formatNumber(action.counts.failed)} failed
          </Button>
        ) : null}
      </div>

      {action.waitingFor ? (
        <p
          role="status"
          className="rounded-md border border-warning/40 bg-warning-bg px-3 py-2 text-sm text-warning-fg"
        >
          {action.waitingFor}. Until then its accounts stay “not yet attempted”; nothing is lost.
        </p>
      ) : null}

      <ChangedAgainNotice groups={changedAgain} />

      <Card>
        <CardBody className="space-y-4">
          <ActionProgress action={action} />
          <JobsFacts action={action} />
        </CardBody>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Accounts</CardTitle>
          <div role="group" aria-label="Show accounts" className="flex flex-wrap gap-1">
            {filters.map((f) => (
              <Button
                key={f.value}
                size="sm"
                variant={state === f.value ? 'primary' : 'ghost'}
                aria-pressed={state === f.value}
                onClick={() => choose(f.value)}
              >
                {f.label} ({formatNumber(f.count(action.counts))})
              </Button>
            ))}
          </div>
        </CardHeader>
        {items.length === 0 ? (
          <EmptyState
            title={
              state === 'all'
                ? 'No accounts'
                : `No accounts are “${filters.find((f) => f.value === state)?.label}”`
            }
          />
        ) : (
          <div className="overflow-x-auto">
            <Table>
              <TableCaption>Result per account</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHead className="px-4">Account</TableHead>
                  {action.workspaces.length > 1 ? <TableHead>Workspace</TableHead> : null}
                  <TableHead>Result</TableHead>
                  <TableHead>Reason</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {items.map((item) => {
                  const info = itemStateOf(item);
                  const waiting = item.state !== 'failed' && item.error;
                  return (
                    <TableRow key={`${item.workspaceId}/${item.email}`}>
                      <TableCell className="px-4 font-mono text-xs">{item.email}</TableCell>
                      {action.workspaces.length > 1 ? (
                        <TableCell>{labels.get(item.workspaceId) ?? item.workspaceId}</TableCell>
                      ) : null}
                      <TableCell>
                        <Badge tone={info.tone}>{info.label}</Badge>
                        <ChangedAgainMarker item={item} />
                      </TableCell>
                      <TableCell
                        className={cn(
                          'px-3 py-2',
                          waiting ? 'text-warning-fg' : item.error ? 'text-error-fg' : 'text-muted',
                        )}
                      >
                        {item.error ?? '–'}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </div>
        )}
        {pages > 1 ? (
          <nav
            aria-label="Pages of accounts"
            className="flex items-center justify-between gap-2 border-t border-border px-4 py-2 text-sm"
          >
            <Button size="sm" onClick={() => setPage((p) => Math.max(0, p - 1))} disabled={page === 0}>
              Previous
            </Button>
            <span className="text-muted">
              Page {page + 1} of {pages} · {formatNumber(itemsTotal)} accounts
            </span>
            <Button
              size="sm"
              onClick={() => setPage((p) => Math.min(pages - 1, p + 1))}
              disabled={page >= pages - 1}
            >
              Next
            </Button>
          </nav>
        ) : null}
      </Card>
    </div>
  );
}
