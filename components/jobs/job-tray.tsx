'use client';

import { useQuery } from '@tanstack/react-query';
import { Briefcase, Loader2 } from 'lucide-react';
import Link from 'next/link';
import { Popover } from 'radix-ui';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { bulkActionQueries } from '@/lib/queries/bulk-actions';
import { ActionProgress } from './action-progress';
import { ActionStatusBadge } from './action-status-badge';
import { useBulkActionProgress } from './use-bulk-action-progress';
import { relativeTime } from '@/lib/format';

const SHOWN = 6;

/** The header's jobs button: how many bulk actions run, and a panel with the latest ones. */
export function JobTray() {
  const [open, setOpen] = useState(false);
  const query = useQuery(bulkActionQueries.list());
  const actions = query.data?.actions;
  useBulkActionProgress(actions);

  const running = actions?.filter((a) => a.status === 'running') ?? [];
  const waiting = running.filter((a) => a.waitingFor !== null).length;
  // Unfinished first, then the most recent history.
  const shown = [...running, ...(actions?.filter((a) => a.status !== 'running') ?? [])].slice(0, SHOWN);

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <Button
          variant="ghost"
          className="ml-auto"
          aria-label={running.length > 0 ? `Jobs: ${running.length} running` : 'Jobs'}
        >
          {running.length > 0 && waiting < running.length ? (
            <Loader2 aria-hidden className="h-4 w-4 animate-spin text-paused" />
          ) : (
            <Briefcase aria-hidden className="h-4 w-4" />
          )}
          <span>Jobs</span>
          {running.length > 0 ? (
            <span className="rounded-full bg-paused-bg px-2 py-0.5 text-xs font-medium text-paused-fg">
              {running.length} running
            </span>
          ) : null}
        </Button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="end"
          sideOffset={6}
          className="z-50 w-[min(26rem,calc(100vw-2rem))] rounded-lg border border-border bg-surface p-3 text-sm shadow-lg"
        >
          <div className="mb-2 flex items-center justify-between gap-2">
            <h2 className="font-semibold">Bulk actions</h2>
            <Link
              href="/jobs"
              className="text-xs font-medium text-primary hover:underline"
              onClick={() => setOpen(false)}
            >
              All jobs
            </Link>
          </div>
          {query.isPending ? (
            <div role="status" aria-label="Loading bulk actions" className="space-y-3 py-1">
              <Skeleton className="h-10 w-full" />
              <Skeleton className="h-10 w-full" />
            </div>
          ) : query.isError ? (
            <p role="alert" className="py-3 text-error-fg">
              Could not load the jobs: {query.error.message}
            </p>
          ) : shown.length === 0 ? (
            <p role="status" className="py-3 text-muted">
              No bulk actions yet. Select accounts in the Accounts table to start one.
            </p>
          ) : (
            <ul className="divide-y divide-border">
              {shown.map((action) => (
                <li key={action.id} className="py-2.5">
                  <div className="mb-1.5 flex items-center justify-between gap-2">
                    <Link
                      href={`/jobs/${action.id}`}
                      className="min-w-0 truncate font-medium hover:underline"
                      onClick={() => setOpen(false)}
                    >
                      {action.title}
                    </Link>
                    <ActionStatusBadge action={action} />
                  </div>
                  <ActionProgress action={action} compact />
                  {action.waitingFor ? (
                    <p className="mt-1 text-xs text-warning-fg">{action.waitingFor}</p>
                  ) : (
                    <p className="mt-1 text-xs text-muted">
                      {action.workspaces.map((w) => w.label).join(', ')} · {relativeTime(action.createdAt)}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
