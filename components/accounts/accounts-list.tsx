'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { Loader2 } from 'lucide-react';
import { useWorkspaces } from '@/components/shell/use-workspaces';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { providerLabel } from '@/lib/diagnostics/account-status';
import { diagnose } from '@/lib/diagnostics/diagnose';
import { accountQueries } from '@/lib/queries/accounts';
import type { AccountRow } from '@/lib/schemas/api-accounts';
import { AccountStatusBadge, WarmupStatusBadge } from './status-badges';
import { ScoreBar } from './score-bar';

function ErrorCell({ row }: { row: AccountRow }) {
  const diagnosis = diagnose(row.statusMessage, {
    provider_code: row.providerCode,
    status: row.status,
    warmup_status: row.warmupStatus,
    autofix_failed: row.autofixFailed,
  });
  if (!diagnosis) return <span className="text-muted">–</span>;
  return (
    <span className={diagnosis.stale ? 'text-muted' : 'text-error-fg'} title={diagnosis.explanation}>
      {diagnosis.summary}
      {diagnosis.stale ? ' (may be stale)' : ''}
    </span>
  );
}

export function AccountsList() {
  const { active, error: workspaceError } = useWorkspaces();
  const workspaceId = active?.id ?? null;
  const query = useInfiniteQuery({
    ...accountQueries.pages(workspaceId ?? ''),
    enabled: workspaceId !== null,
  });

  if (workspaceError) return <ErrorState title={workspaceError.message} />;
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Card>
      {query.isPending ? (
        <div role="status" aria-busy="true" aria-label="Loading accounts" className="space-y-3 p-4">
          {Array.from({ length: 8 }, (_, i) => (
            <Skeleton key={i} className="h-6 w-full" />
          ))}
        </div>
      ) : query.isError ? (
        <ErrorState
          title={query.error.message}
          detail={detailOf(query.error)}
          onRetry={() => query.refetch()}
        />
      ) : rows.length === 0 ? (
        <EmptyState title="No accounts in this workspace yet">
          Connect sending accounts in Instantly; they appear here on the next refresh.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">Sending accounts of the active workspace</caption>
            <thead className="text-left text-xs text-muted">
              <tr className="border-b border-border">
                <th scope="col" className="px-4 py-2 font-medium">
                  Account
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Provider
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Status
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Warmup
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Score
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Daily limit
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Gap (min)
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Last error
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.email} className="border-b border-border last:border-0">
                  <td className="px-4 py-2">
                    <div className="font-medium">{row.email}</div>
                    <div className="text-xs text-muted">
                      {`${row.firstName} ${row.lastName}`.trim() || '–'}
                    </div>
                  </td>
                  <td className="px-3 py-2">{providerLabel(row.providerCode)}</td>
                  <td className="px-3 py-2">
                    <AccountStatusBadge status={row.status} />
                  </td>
                  <td className="px-3 py-2">
                    <WarmupStatusBadge status={row.warmupStatus} />
                  </td>
                  <td className="px-3 py-2">
                    <ScoreBar score={row.warmupScore} />
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{row.dailyLimit ?? '–'}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{row.sendingGap ?? '–'}</td>
                  <td className="max-w-80 truncate px-4 py-2">
                    <ErrorCell row={row} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="flex items-center justify-between border-t border-border px-4 py-2 text-sm text-muted">
            <span>{rows.length} accounts shown</span>
            {query.hasNextPage ? (
              <Button size="sm" onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
                {query.isFetchingNextPage ? <Loader2 aria-hidden className="h-4 w-4 animate-spin" /> : null}
                Load more
              </Button>
            ) : null}
          </div>
        </div>
      )}
    </Card>
  );
}

function detailOf(error: Error): string | undefined {
  return 'problem' in error ? (error as { problem: { detail?: string } }).problem.detail : undefined;
}
