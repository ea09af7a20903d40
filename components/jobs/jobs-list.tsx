'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { bulkActionQueries } from '@/lib/queries/bulk-actions';
import { ActionRow } from './action-row';
import { workspaceNames } from './format';
import { exactTime, relativeTime } from '@/lib/format';

/** Every bulk action this browser may see, newest first, each with its progress in words. */
export function JobsList() {
  const query = useQuery(bulkActionQueries.list());

  if (query.isPending) {
    return (
      <Card>
        <div role="status" aria-busy="true" aria-label="Loading bulk actions" className="space-y-4 p-4">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-12 w-full" />
          ))}
        </div>
      </Card>
    );
  }
  if (query.isError) {
    return (
      <Card>
        <ErrorState
          title="Could not load the jobs"
          detail={query.error.message}
          onRetry={() => void query.refetch()}
        />
      </Card>
    );
  }
  const actions = query.data.actions;
  if (actions.length === 0) {
    return (
      <Card>
        <EmptyState
          title="No bulk actions yet"
          action={
            <Link href="/accounts" className="text-sm font-medium text-primary hover:underline">
              Go to Accounts
            </Link>
          }
        >
          Select accounts in the Accounts table to enable or disable warmup, pause, resume or mark them fixed.
          Each change appears here with its progress, account by account.
        </EmptyState>
      </Card>
    );
  }

  return (
    <Card>
      <ul className="divide-y divide-border" aria-label="Bulk actions, newest first">
        {actions.map((action) => (
          <ActionRow key={action.id} action={action}>
            <p className="mt-1 text-xs text-muted">
              {workspaceNames(action)} · started{' '}
              <time dateTime={action.createdAt} title={exactTime(action.createdAt)}>
                {relativeTime(action.createdAt)}
              </time>{' '}
              by <span className="font-medium text-foreground">{action.startedBy}</span>
              {action.retryOf ? (
                <>
                  {' · '}
                  <Link href={`/jobs/${action.retryOf}`} className="hover:underline">
                    retry of an earlier action
                  </Link>
                </>
              ) : null}
            </p>
          </ActionRow>
        ))}
      </ul>
    </Card>
  );
}
