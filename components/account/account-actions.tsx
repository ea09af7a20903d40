'use client';

import {
  Activity,
  Flame,
  Snowflake,
  ListChecks,
  Loader2,
  Pause,
  Play,
  Stethoscope,
  Wrench,
} from 'lucide-react';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import type { AccountRow } from '@/lib/schemas/api-accounts';
import type { BulkActionDetail, BulkActionKind } from '@/lib/schemas/api-bulk-actions';

interface AccountActionsProps {
  row: AccountRow;
  busyKind: BulkActionKind | null;
  onRun: (kind: BulkActionKind) => void;
  onTestVitals: () => void;
  vitalsPending: boolean;
  actionId: string | null;
}

/** The buttons of the header: one action at a time, each a small job the job centre also lists. */
export function AccountActions({
  row,
  busyKind,
  onRun,
  onTestVitals,
  vitalsPending,
  actionId,
}: AccountActionsProps) {
  const paused = row.status === 2;
  const warmupOn = row.warmupStatus === 1;
  const inError = row.status !== null && row.status < 0;
  const busy = busyKind !== null;
  const spinner = (kind: BulkActionKind) =>
    busyKind === kind ? <Loader2 aria-hidden className="h-4 w-4 animate-spin" /> : null;
  return (
    <>
      {paused ? (
        <Button size="sm" onClick={() => onRun('resume')} disabled={busy} aria-busy={busyKind === 'resume'}>
          {spinner('resume') ?? <Play aria-hidden className="h-4 w-4" />}
          Resume
        </Button>
      ) : (
        <Button size="sm" onClick={() => onRun('pause')} disabled={busy} aria-busy={busyKind === 'pause'}>
          {spinner('pause') ?? <Pause aria-hidden className="h-4 w-4" />}
          Pause
        </Button>
      )}
      {warmupOn ? (
        <Button
          size="sm"
          onClick={() => onRun('disable-warmup')}
          disabled={busy}
          aria-busy={busyKind === 'disable-warmup'}
        >
          {spinner('disable-warmup') ?? <Snowflake aria-hidden className="h-4 w-4" />}
          Disable warmup
        </Button>
      ) : (
        <Button
          size="sm"
          onClick={() => onRun('enable-warmup')}
          disabled={busy}
          aria-busy={busyKind === 'enable-warmup'}
        >
          {spinner('enable-warmup') ?? <Flame aria-hidden className="h-4 w-4" />}
          Enable warmup
        </Button>
      )}
      <Button
        size="sm"
        onClick={() => onRun('mark-fixed')}
        disabled={busy}
        aria-busy={busyKind === 'mark-fixed'}
        title={
          inError
            ? 'Ask Instantly to retry the account after you fixed its problem'
            : 'The account reports no error'
        }
      >
        {spinner('mark-fixed') ?? <Wrench aria-hidden className="h-4 w-4" />}
        Mark fixed
      </Button>
      <Button size="sm" onClick={onTestVitals} disabled={vitalsPending} aria-busy={vitalsPending}>
        {vitalsPending ? (
          <Loader2 aria-hidden className="h-4 w-4 animate-spin" />
        ) : (
          <Stethoscope aria-hidden className="h-4 w-4" />
        )}
        Test vitals
      </Button>
      <Button size="sm" variant="ghost" asChild>
        <Link href={actionId ? `/jobs/${encodeURIComponent(actionId)}` : '/jobs'}>
          <ListChecks aria-hidden className="h-4 w-4" />
          {actionId ? 'Open in job centre' : 'Job centre'}
        </Link>
      </Button>
    </>
  );
}

/** The running (or last) action of this page, with its progress and this account's own result. */
export function ActionProgress({ job, email }: { job: BulkActionDetail | null; email: string }) {
  if (!job) return null;
  const { action } = job;
  const mine = job.items.find((i) => i.email.toLowerCase() === email.toLowerCase());
  const running = action.status === 'running';
  const tone = action.status === 'done' ? 'text-healthy-fg' : running ? 'text-foreground' : 'text-error-fg';
  return (
    <div
      role="status"
      aria-live="polite"
      className="mb-4 flex flex-wrap items-center gap-3 rounded-md border border-border bg-surface px-3 py-2 text-sm"
    >
      {running ? (
        <Loader2 aria-hidden className="h-4 w-4 animate-spin text-primary" />
      ) : (
        <Activity aria-hidden className={`h-4 w-4 ${tone}`} />
      )}
      <span className="font-medium">{action.title}</span>
      <span className={tone}>
        {running
          ? 'running'
          : action.status === 'done'
            ? 'done'
            : action.status === 'partial'
              ? 'partly failed'
              : 'failed'}
      </span>
      <div
        role="progressbar"
        aria-label={`${action.title} progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(action.progress)}
        className="h-1.5 w-32 overflow-hidden rounded-full bg-surface-raised"
      >
        <div
          className="h-full rounded-full bg-primary transition-[width]"
          style={{ width: `${Math.max(0, Math.min(100, action.progress))}%` }}
        />
      </div>
      <span className="tabular-nums text-muted">{Math.round(action.progress)}%</span>
      {mine?.error ? <span className="text-error-fg">{mine.error}</span> : null}
      {action.waitingFor ? <span className="text-muted">{action.waitingFor}</span> : null}
    </div>
  );
}
