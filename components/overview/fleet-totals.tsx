'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader, CardTitle } from '@/components/ui/card';
import { describeAccountStatus, describeWarmupStatus } from '@/lib/diagnostics/account-status';
import { accountsTableHref } from '@/lib/queries/fleet-url';
import type { OverviewResponse } from '@/lib/schemas/api-account-detail';
import { formatNumber } from '@/lib/format';

function Stat({
  label,
  value,
  hint,
  href,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  href?: string;
}) {
  const body = (
    <>
      <p className="text-xs font-medium text-muted">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums">{value}</p>
      {hint ? <p className="mt-0.5 text-xs text-muted">{hint}</p> : null}
    </>
  );
  return href ? (
    <Link
      href={href}
      className="block rounded-lg border border-border bg-surface px-4 py-3 hover:bg-surface-raised"
    >
      {body}
    </Link>
  ) : (
    <div className="rounded-lg border border-border bg-surface px-4 py-3">{body}</div>
  );
}

function Breakdown({
  title,
  rows,
  describe,
  param,
  scope,
  total,
}: {
  title: string;
  rows: OverviewResponse['byStatus'];
  describe: typeof describeAccountStatus;
  param: 'status' | 'warmup';
  scope: 'active' | 'all';
  total: number;
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardBody>
        {rows.length === 0 ? (
          <p className="text-sm text-muted">No accounts yet.</p>
        ) : (
          <ul className="space-y-1.5">
            {rows.map((row) => {
              const info = describe(row.value);
              const share = total > 0 ? Math.round((100 * row.count) / total) : 0;
              const content = (
                <>
                  <Badge tone={info.tone}>{info.label}</Badge>
                  <span className="ml-auto tabular-nums">{formatNumber(row.count)}</span>
                  <span className="w-10 text-right text-xs text-muted tabular-nums">{share}%</span>
                </>
              );
              return (
                <li key={String(row.value)}>
                  {row.value === null ? (
                    <div className="flex items-center gap-2 px-2 py-1">{content}</div>
                  ) : (
                    <Link
                      href={accountsTableHref({ scope, [param]: [row.value] })}
                      className="flex items-center gap-2 rounded px-2 py-1 hover:bg-surface-raised"
                      aria-label={`${row.count} accounts with ${title.toLowerCase()} ${info.label}: open in the table`}
                    >
                      {content}
                    </Link>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}

/** The fleet in numbers; each number opens the table filtered to exactly those accounts. */
export function FleetTotals({ overview, scope }: { overview: OverviewResponse; scope: 'active' | 'all' }) {
  return (
    <div className="space-y-4">
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat
          label="Accounts"
          value={formatNumber(overview.total)}
          href={accountsTableHref({ scope })}
          hint="Open the table"
        />
        <Stat
          label="Average warmup score"
          value={overview.averageScore === null ? '–' : formatNumber(overview.averageScore)}
          hint={`over ${formatNumber(overview.scoredCount)} accounts with a score`}
        />
        <Stat
          label="Accounts with errors"
          value={formatNumber(overview.errors)}
          href={accountsTableHref({ scope, error: 'yes' })}
          hint="Account or warmup in an error state"
        />
        <Stat
          label="Sending hard for their health"
          value={formatNumber(overview.sendingTooHard)}
          href={accountsTableHref({ scope, status: [1], sort: 'warmupScore', order: 'asc' })}
          hint="Active, score under 80, daily limit above the fleet’s median"
        />
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <Breakdown
          title="Status"
          rows={overview.byStatus}
          describe={describeAccountStatus}
          param="status"
          scope={scope}
          total={overview.total}
        />
        <Breakdown
          title="Warmup status"
          rows={overview.byWarmup}
          describe={describeWarmupStatus}
          param="warmup"
          scope={scope}
          total={overview.total}
        />
      </div>
    </div>
  );
}
