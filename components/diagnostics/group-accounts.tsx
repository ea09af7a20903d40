'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { ChevronRight, Loader2 } from 'lucide-react';
import Link from 'next/link';
import { Collapsible } from 'radix-ui';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { describeAccountStatus, describeWarmupStatus, providerLabel } from '@/lib/diagnostics/account-status';
import { useActiveWorkspace } from '@/components/shell/use-workspaces';
import { diagnosticsQueries } from '@/lib/queries/diagnostics';
import { accountKey } from '@/lib/schemas/account-key';
import type { DiagnosticsScope, TriageAccount, TriageGroup } from '@/lib/schemas/api-diagnostics';
import { accountHref } from './diagnosis-model';
import { formatNumber, plural } from '@/lib/format';

/** The group's accounts, folded away until asked for; the first ones came with the board, the rest page in. */
export function GroupAccounts({ group, scope }: { group: TriageGroup; scope: DiagnosticsScope }) {
  const [open, setOpen] = useState(false);
  const [wantMore, setWantMore] = useState(false);
  const options = diagnosticsQueries.groupAccounts(
    useActiveWorkspace(),
    scope,
    group.id,
    group.accounts.length,
  );
  const more = useInfiniteQuery({
    ...options,
    enabled: options.enabled && open && wantMore && group.accounts.length < group.count,
  });
  const extra = more.data?.pages.flatMap((p) => p.accounts) ?? [];
  const shown = [...group.accounts, ...extra];
  const showWorkspace = group.workspaces.length > 1;
  // The board's count is a snapshot: once pages arrive, the server's answer says whether more exist.
  const remaining = more.data && !more.hasNextPage ? 0 : group.count - shown.length;
  return (
    <Collapsible.Root open={open} onOpenChange={setOpen}>
      <Collapsible.Trigger asChild>
        <Button size="sm" variant="ghost" className="-ml-2.5">
          <ChevronRight aria-hidden className={cn('h-4 w-4 transition-transform', open && 'rotate-90')} />
          {open ? 'Hide' : 'Show'} the {plural(group.count, 'account')}
        </Button>
      </Collapsible.Trigger>
      <Collapsible.Content className="mt-2">
        <ul
          aria-label={`Accounts: ${group.title}`}
          className="divide-y divide-border rounded-md border border-border"
        >
          {shown.map((account) => (
            <AccountLine key={accountKey(account)} account={account} showWorkspace={showWorkspace} />
          ))}
        </ul>
        {remaining > 0 ? (
          <div className="mt-2 flex items-center gap-2">
            <Button
              size="sm"
              disabled={more.isFetching}
              onClick={() => (wantMore ? void more.fetchNextPage() : setWantMore(true))}
            >
              {more.isFetching ? <Loader2 aria-hidden className="h-4 w-4 animate-spin" /> : null}
              Show more ({formatNumber(remaining)} left)
            </Button>
            {more.isError ? (
              <span role="alert" className="text-sm text-error-fg">
                {more.error.message}
              </span>
            ) : null}
          </div>
        ) : null}
      </Collapsible.Content>
    </Collapsible.Root>
  );
}

function AccountLine({ account, showWorkspace }: { account: TriageAccount; showWorkspace: boolean }) {
  const status = describeAccountStatus(account.status);
  const warmup = describeWarmupStatus(account.warmupStatus);
  const name = `${account.firstName} ${account.lastName}`.trim();
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
      <div className="min-w-0 flex-1 basis-64">
        <Link
          href={accountHref(account.email, account.workspaceId)}
          className="font-medium break-all text-primary hover:underline"
        >
          {account.email}
        </Link>
        <span className="block truncate text-xs text-muted">
          {[name, showWorkspace ? account.workspaceLabel : null, providerLabel(account.providerCode)]
            .filter(Boolean)
            .join(' · ')}
          {account.summary ? ` · ${account.summary}` : ''}
        </span>
      </div>
      <div className="flex flex-wrap items-center gap-1.5">
        <Badge tone={status.tone}>{status.label}</Badge>
        {account.warmupStatus !== null && account.warmupStatus < 0 ? (
          <Badge tone={warmup.tone}>Warmup: {warmup.label}</Badge>
        ) : null}
        {account.autofixFailed ? <Badge tone="error">Autofix gave up</Badge> : null}
        {account.stale ? <Badge tone="neutral">Message may be stale</Badge> : null}
        {account.dailyLimit !== null ? (
          <span className="text-xs text-muted">{account.dailyLimit}/day</span>
        ) : null}
      </div>
    </li>
  );
}
