'use client';

import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { useMemo } from 'react';
import { accountHref } from '@/components/account/account-href';
import { ChartFrame } from '@/components/charts/chart-frame';
import { FleetScatterTable } from '@/components/charts/fleet-scatter-table';
import { Card, CardBody } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { EmptyState } from '@/components/ui/states';
import type { OverviewResponse } from '@/lib/schemas/api-account-detail';
import { formatNumber } from '@/lib/format';

// Recharts loads in parallel with the overview's data instead of before the first paint.
const FleetScatterChart = dynamic(
  () => import('@/components/charts/fleet-scatter-chart').then((m) => m.FleetScatterChart),
  {
    ssr: false,
    loading: () => <Skeleton className="h-[360px] w-full" />,
  },
);

/** Who sends too hard for their health: score against daily limit; a click opens the account. */
export function FleetScatterCard({ overview }: { overview: OverviewResponse }) {
  const router = useRouter();
  const labels = useMemo(
    () => new Map(overview.workspaces.map((w) => [w.id, w.label])),
    [overview.workspaces],
  );
  const { points, plottable, sampled } = overview.scatter;
  const unplotted = overview.total - plottable;
  return (
    <Card>
      <CardBody>
        {points.length === 0 ? (
          <EmptyState title="No accounts to plot yet">
            Accounts appear here once they have a warmup score and a daily limit.
          </EmptyState>
        ) : (
          <ChartFrame
            title="Warmup score against daily limit"
            description={
              <>
                One point per account, sized by sending gap, coloured by status. Low and to the right: sending
                hard for the health it has.
                {sampled
                  ? ` Showing ${formatNumber(points.length)} of ${formatNumber(plottable)} accounts: dense areas are thinned evenly, and every region keeps at least one point, so outliers stay visible.`
                  : null}
                {unplotted > 0
                  ? ` ${formatNumber(unplotted)} accounts without a score or daily limit are not drawn.`
                  : null}
              </>
            }
            chart={
              <FleetScatterChart
                points={points}
                workspaceLabels={labels}
                onOpen={(point) => router.push(accountHref(point))}
              />
            }
            table={<FleetScatterTable points={points} hrefOf={accountHref} />}
          />
        )}
      </CardBody>
    </Card>
  );
}
