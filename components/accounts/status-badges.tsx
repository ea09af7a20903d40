'use client';

import { Badge } from '@/components/ui/badge';
import { Tooltip } from '@/components/ui/tooltip';
import { describeAccountStatus, describeWarmupStatus } from '@/lib/diagnostics/account-status';

type StatusInfo = ReturnType<typeof describeAccountStatus>;

/**
 * A status badge with what it means and what to do on hover. `inGrid`: inside the fleet grid the
 * keyboard moves by row, so the badge takes no tab stop of its own (the account page explains it).
 */
export function StatusBadge({ info, inGrid = false }: { info: StatusInfo; inGrid?: boolean }) {
  const badge = <Badge tone={info.tone}>{info.label}</Badge>;
  return (
    <Tooltip
      content={
        <span className="block space-y-1">
          <span className="block">{info.meaning}</span>
          <span className="block text-muted">{info.action}</span>
        </span>
      }
    >
      {inGrid ? (
        <span tabIndex={-1}>{badge}</span>
      ) : (
        <button type="button" className="rounded-full">
          {badge}
        </button>
      )}
    </Tooltip>
  );
}

export function AccountStatusBadge({ status, inGrid }: { status: number | null; inGrid?: boolean }) {
  return <StatusBadge info={describeAccountStatus(status)} inGrid={inGrid} />;
}

export function WarmupStatusBadge({ status, inGrid }: { status: number | null; inGrid?: boolean }) {
  return <StatusBadge info={describeWarmupStatus(status)} inGrid={inGrid} />;
}
