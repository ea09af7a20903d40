import Link from 'next/link';
import type { ReactNode } from 'react';
import type { BulkActionSummary } from '@/lib/schemas/api-bulk-actions';
import { ActionProgress } from './action-progress';
import { ActionStatusBadge } from './action-status-badge';

/**
 * One bulk action in a list (the job centre, the status page's queue): its title linking to its page,
 * its status, what it waits for, and its progress. `children`: more about it under the title.
 */
export function ActionRow({
  action,
  compact = false,
  children,
}: {
  action: BulkActionSummary;
  compact?: boolean;
  children?: ReactNode;
}) {
  return (
    <li className="grid gap-x-6 gap-y-2 px-4 py-3 md:grid-cols-[minmax(0,1fr)_minmax(14rem,22rem)]">
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <Link href={`/jobs/${action.id}`} className="truncate font-medium hover:underline">
            {action.title}
          </Link>
          <ActionStatusBadge action={action} />
        </div>
        {children}
        {action.waitingFor ? (
          <p className="mt-1 text-xs font-medium text-warning-fg">{action.waitingFor}</p>
        ) : null}
      </div>
      <ActionProgress action={action} compact={compact} />
    </li>
  );
}
