'use client';

import { useQuery } from '@tanstack/react-query';
import { Bell } from 'lucide-react';
import Link from 'next/link';
import { alertQueries } from '@/lib/queries/alerts';

/** The header's bell: alerts opened or reminded since the inbox was last opened. */
export function AlertsBell() {
  const { data } = useQuery(alertQueries.unread());
  const unread = data?.unread ?? 0;
  const label = unread === 0 ? 'Alerts, none unread' : `Alerts, ${unread} unread`;
  return (
    <Link
      href="/alerts"
      aria-label={label}
      title={label}
      className="relative inline-flex h-9 w-9 items-center justify-center rounded-md text-foreground hover:bg-surface-raised focus-visible:outline-2 focus-visible:outline-primary"
    >
      <Bell aria-hidden className="h-4 w-4" />
      {unread > 0 ? (
        <span
          aria-hidden
          data-testid="alerts-unread"
          className="absolute -top-0.5 -right-0.5 min-w-4 rounded-full bg-error-fg px-1 text-center text-[10px] leading-4 font-semibold text-error-bg"
        >
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </Link>
  );
}
