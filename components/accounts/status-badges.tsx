'use client';

import { Badge } from '@/components/ui/badge';
import { Tooltip } from '@/components/ui/tooltip';
import { describeAccountStatus, describeWarmupStatus } from '@/lib/diagnostics/account-status';

function StatusBadgeWithMeaning({ info }: { info: ReturnType<typeof describeAccountStatus> }) {
  return (
    <Tooltip
      content={
        <span className="block space-y-1">
          <span className="block">{info.meaning}</span>
          <span className="block text-muted">{info.action}</span>
        </span>
      }
    >
      <button type="button" className="rounded-full">
        <Badge tone={info.tone}>{info.label}</Badge>
      </button>
    </Tooltip>
  );
}

/** Account status with what it means and what to do on hover or focus. */
export function AccountStatusBadge({ status }: { status: number | null }) {
  return <StatusBadgeWithMeaning info={describeAccountStatus(status)} />;
}

export function WarmupStatusBadge({ status }: { status: number | null }) {
  return <StatusBadgeWithMeaning info={describeWarmupStatus(status)} />;
}
