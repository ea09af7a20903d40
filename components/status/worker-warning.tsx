'use client';

import { useQuery } from '@tanstack/react-query';
import { ServerCrash } from 'lucide-react';
import Link from 'next/link';
import { statusQueries } from '@/lib/queries/status';

/** The header warning: no worker has beaten for two sync intervals, so nothing runs in the background. */
export function WorkerWarning() {
  const { data } = useQuery(statusQueries.status());
  if (!data || data.worker.running) return null;
  return (
    <div
      role="alert"
      className="flex flex-wrap items-center gap-2 border-b border-border bg-error-bg px-4 py-1.5 text-sm text-error-fg"
    >
      <ServerCrash aria-hidden className="h-4 w-4 shrink-0" />
      <span className="min-w-0 flex-1">
        <strong>The background worker is not running.</strong> Scheduled syncs and bulk actions are on hold
        until it runs again (start the app, or <code>npm run worker</code>).{' '}
        <Link href="/status" className="underline underline-offset-2">
          Status
        </Link>
      </span>
    </div>
  );
}
