'use client';

import { useQuery } from '@tanstack/react-query';
import { parseAsStringLiteral, useQueryState } from 'nuqs';
import { PageHeader } from '@/components/shell/page-header';
import { ScopeToggle } from '@/components/shell/scope-toggle';
import { useActiveWorkspace } from '@/components/shell/use-workspaces';
import { Skeleton } from '@/components/ui/skeleton';
import { ErrorState } from '@/components/ui/states';
import { ApiError } from '@/lib/queries/api-fetch';
import { overviewQueries } from '@/lib/queries/overview';
import { FleetScatterCard } from './fleet-scatter-card';
import { FleetTotals } from './fleet-totals';
import { relativeTime } from '@/lib/format';

const scopeParser = parseAsStringLiteral(['active', 'all'] as const).withDefault('active');

/** The fleet at a glance: totals that open the filtered table, and who sends too hard for their health. */
export function OverviewPage() {
  const [scope, setScope] = useQueryState(
    'scope',
    scopeParser.withOptions({ history: 'replace', clearOnDefault: true }),
  );
  const query = useQuery(overviewQueries.fleet(useActiveWorkspace(), scope));
  const overview = query.data;
  const syncing = overview?.sync.some((s) => s.state === 'running') ?? false;
  const syncedAt =
    overview?.sync
      .map((s) => s.syncedAt)
      .filter((s): s is string => s !== null)
      .sort()[0] ?? null;
  return (
    <>
      <PageHeader
        title="Overview"
        description={
          overview
            ? `${overview.workspaces.map((w) => w.label).join(', ')} · ${syncing ? 'syncing the fleet index…' : `index synced ${relativeTime(syncedAt)}`}`
            : 'The health of your sending fleet.'
        }
        actions={<ScopeToggle value={scope} onChange={(next) => void setScope(next)} />}
      />
      {query.isPending ? (
        <div role="status" aria-label="Loading the overview" className="space-y-4">
          <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} className="h-20" />
            ))}
          </div>
          <Skeleton className="h-96 w-full" />
        </div>
      ) : query.isError ? (
        <ErrorState
          title={
            query.error instanceof ApiError ? query.error.problem.title : 'The overview could not be loaded'
          }
          detail={query.error instanceof ApiError ? query.error.problem.detail : undefined}
          onRetry={() => void query.refetch()}
        />
      ) : overview ? (
        <div className="space-y-5">
          <FleetTotals overview={overview} scope={scope} />
          <FleetScatterCard overview={overview} />
        </div>
      ) : null}
    </>
  );
}
