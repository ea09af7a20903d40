'use client';

import { useQuery } from '@tanstack/react-query';
import { Info } from 'lucide-react';
import dynamic from 'next/dynamic';
import { parseAsStringLiteral, useQueryState } from 'nuqs';
import { ToggleGroup } from 'radix-ui';
import { type ReactNode, useId, useRef } from 'react';
import { CampaignSendsTable } from '@/components/charts/campaign-sends-table';
import { ChartFrame } from '@/components/charts/chart-frame';
import { useInView } from '@/components/charts/use-in-view';
import { WarmupHealthTable } from '@/components/charts/warmup-health-table';
import { Card, CardBody, CardHeader, CardTitle } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { Skeleton } from '@/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { accountDetailQueries } from '@/lib/queries/account-detail';
import { ApiError } from '@/lib/queries/api-fetch';
import type { AccountAnalytics, SeriesNoticeCode } from '@/lib/schemas/api-account-detail';
import { CHART_RANGES, type ChartRange } from '@/lib/schemas/account-settings-rules';
import type { AccountKey } from '@/lib/schemas/api-bulk-actions';
import { formatLongDay } from '@/lib/format';

// Recharts is the page's heaviest dependency (about 130 KB gzip with d3, redux and immer): its chunk
// is fetched only once a chart's place comes into view (WhenInView below), so a first visit
// that reads the header, diagnosis and settings does not pay for it, and they never wait for it.
const WarmupHealthChart = dynamic(
  () => import('@/components/charts/warmup-health-chart').then((m) => m.WarmupHealthChart),
  {
    ssr: false,
    loading: () => <Skeleton className="h-[340px] w-full" />,
  },
);
const CampaignSendsChart = dynamic(
  () => import('@/components/charts/campaign-sends-chart').then((m) => m.CampaignSendsChart),
  {
    ssr: false,
    loading: () => <Skeleton className="h-[220px] w-full" />,
  },
);

/**
 * Holds a chart's place with a skeleton of the chart's own height until that place scrolls into view,
 * then renders the chart (whose chunk loads behind the same-sized skeleton): nothing moves either time.
 */
function WhenInView({ height, children }: { height: number; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const inView = useInView(ref);
  return inView ? children : <Skeleton ref={ref} className="w-full" style={{ height }} />;
}

/** The chart range lives in the URL (`?range=90`), so a view can be shared. */
export const rangeParser = parseAsStringLiteral(CHART_RANGES)
  .withDefault('30')
  .withOptions({ history: 'replace' });

/** Notices that explain rather than warn (a default in force is no problem). */
const INFORMATIONAL_NOTICES = new Set<SeriesNoticeCode>([
  'history-seeded',
  'history-starts',
  'settings-not-set',
]);

/** Notices that explain thin data come first; the history note sits with the chart it qualifies. */
function Notices({ analytics }: { analytics: AccountAnalytics }) {
  if (analytics.notices.length === 0) return null;
  return (
    <ul className="space-y-1.5" aria-label="About this data">
      {analytics.notices.map((notice) => (
        <li
          key={notice.code}
          data-notice={notice.code}
          className={cn(
            'flex gap-2 rounded-md px-3 py-2 text-sm',
            INFORMATIONAL_NOTICES.has(notice.code)
              ? 'bg-surface-raised text-muted'
              : 'bg-warning-bg text-warning-fg',
          )}
        >
          <Info aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
          <span>{notice.message}</span>
        </li>
      ))}
    </ul>
  );
}

function ChangeList({ analytics }: { analytics: AccountAnalytics }) {
  if (analytics.markers.length === 0) {
    return <p className="text-sm text-muted">No setting changed in this range.</p>;
  }
  return (
    <ol className="space-y-1 text-sm" aria-label="Changes in this range">
      {analytics.markers.map((marker, i) => (
        <li key={`${marker.at}-${i}`} className="flex flex-wrap gap-x-2">
          <span className="inline-flex h-5 min-w-5 items-center justify-center rounded-full bg-surface-raised px-1 text-xs font-semibold">
            {i + 1}
          </span>
          <time dateTime={marker.at} className="text-muted">
            {formatLongDay(marker.date)}
          </time>
          <span className="font-medium">{marker.label}</span>
          <span className="text-muted">— {marker.by}</span>
        </li>
      ))}
    </ol>
  );
}

/** The account's charts for 7, 30 or 90 days (the range lives in the URL, so a view can be shared). */
export function AccountCharts({ accountKey }: { accountKey: AccountKey }) {
  const [range, setRange] = useQueryState('range', rangeParser);
  const id = useId();
  const query = useQuery(accountDetailQueries.analytics(accountKey, range));
  const analytics = query.data;
  const rangeControl = (
    <ToggleGroup.Root
      type="single"
      value={range}
      onValueChange={(value) => {
        if (value) void setRange(value as ChartRange);
      }}
      aria-label="Range"
      className="inline-flex rounded-md border border-border p-0.5"
    >
      {CHART_RANGES.map((r) => (
        <ToggleGroup.Item
          key={r}
          value={r}
          aria-label={`Last ${r} days`}
          className="rounded px-2.5 py-1 text-sm text-muted data-[state=on]:bg-primary-soft data-[state=on]:font-medium data-[state=on]:text-foreground"
        >
          {r} days
        </ToggleGroup.Item>
      ))}
    </ToggleGroup.Root>
  );

  return (
    <Card aria-labelledby={`${id}-title`}>
      <CardHeader>
        <div>
          <CardTitle id={`${id}-title`}>Warmup health and sending settings</CardTitle>
          <p className="text-xs text-muted">
            Did the volume you set help or hurt? Numbered lines mark the days a setting changed.
          </p>
        </div>
        {rangeControl}
      </CardHeader>
      <CardBody className="space-y-5" aria-busy={query.isFetching}>
        {query.isPending ? (
          <div className="space-y-3" role="status" aria-label="Loading the chart">
            <Skeleton className="h-6 w-2/3" />
            <Skeleton className="h-80 w-full" />
          </div>
        ) : query.isError ? (
          <ErrorState
            title={
              query.error instanceof ApiError ? query.error.problem.title : 'The chart could not be loaded'
            }
            detail={query.error instanceof ApiError ? query.error.problem.detail : undefined}
            onRetry={() => void query.refetch()}
          />
        ) : analytics ? (
          <>
            <Notices analytics={analytics} />
            {analytics.points.every((p) => !p.warmupSent) &&
            analytics.markers.length === 0 &&
            analytics.points.every((p) => p.settingsState === 'not-read') ? (
              <EmptyState title="Nothing to draw for this range yet">
                No warmup emails were sent and no settings were recorded between{' '}
                {formatLongDay(analytics.from)} and {formatLongDay(analytics.to)}.
              </EmptyState>
            ) : (
              <>
                <ChartFrame
                  title="Warmup health with daily limit and sending gap"
                  description={
                    <>
                      Health = warmup emails landing in the inbox ÷ sent; no line on days without warmup
                      sends.
                      {analytics.score !== null ? ` Instantly’s 7-day score now: ${analytics.score}.` : null}
                    </>
                  }
                  chart={
                    <WhenInView height={340}>
                      <WarmupHealthChart points={analytics.points} markers={analytics.markers} />
                    </WhenInView>
                  }
                  table={<WarmupHealthTable points={analytics.points} markers={analytics.markers} />}
                />
                <section aria-labelledby={`${id}-changes`} className="space-y-2">
                  <h3 id={`${id}-changes`} className="text-sm font-semibold">
                    Changes in this range
                  </h3>
                  <ChangeList analytics={analytics} />
                </section>
                <ChartFrame
                  title="Campaign sends against the daily limit"
                  description="Campaign emails sent per day (not warmup), and the daily limit in force that day."
                  chart={
                    analytics.points.every((p) => p.campaignSent === null) ? (
                      <p className="text-sm text-muted">Campaign sends are not available right now.</p>
                    ) : (
                      <WhenInView height={220}>
                        <CampaignSendsChart points={analytics.points} />
                      </WhenInView>
                    )
                  }
                  table={<CampaignSendsTable points={analytics.points} />}
                />
              </>
            )}
          </>
        ) : null}
      </CardBody>
    </Card>
  );
}
