'use client';

import type { ColumnDef } from '@tanstack/react-table';
import { ShieldAlert } from 'lucide-react';
import Link from 'next/link';
import { accountHref } from '@/components/account/account-href';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { Tooltip } from '@/components/ui/tooltip';
import { providerLabel } from '@/lib/diagnostics/account-status';
import { type CauseId, causeCatalog } from '@/lib/diagnostics/cause-catalog';
import { messagelessError } from '@/lib/diagnostics/triage-groups';
import type { AccountRow } from '@/lib/schemas/api-accounts';
import { type SettingField, knowSetting, settingWords } from '@/lib/schemas/setting-knowledge';
import { ScoreBar } from './score-bar';
import { AccountStatusBadge, WarmupStatusBadge } from './status-badges';
import { formatNumber, relativeTime, severityTone } from '@/lib/format';

/** A row on screen, or the slot of one whose block is still loading. */
export type GridRow = { index: number; row: AccountRow | undefined };

/** An error state with no status_message to read (a warmup ban, say): named, so "Has an error" rows never look empty. */
function MessagelessErrorCell({ row }: { row: AccountRow }) {
  const trouble = messagelessError(row.status, row.warmupStatus);
  if (!trouble) return <span className="text-muted">–</span>;
  return (
    <Tooltip
      content={
        <span className="block space-y-1">
          <span className="block">{trouble.explanation}</span>
          <span className="block text-muted">Instantly gave no error message for this account.</span>
        </span>
      }
    >
      <span tabIndex={-1} className="flex min-w-0 items-center">
        <Badge tone="error" className="max-w-full truncate">
          <span className="truncate">{trouble.title}</span>
        </Badge>
      </span>
    </Tooltip>
  );
}

function ErrorCell({ row }: { row: AccountRow }) {
  if (!row.errorCause) return <MessagelessErrorCell row={row} />;
  const cause = causeCatalog[row.errorCause as CauseId];
  const tone = row.errorStale ? 'neutral' : severityTone(row.errorSeverity);
  return (
    <Tooltip
      content={
        <span className="block space-y-1">
          <span className="block font-medium">{row.errorSummary}</span>
          <span className="block">{cause?.explanation}</span>
          {row.autofixFailed ? (
            <span className="block text-error-fg">
              Instantly&apos;s automatic reconnect gave up: only a person will fix it.
            </span>
          ) : null}
          {row.errorStale ? (
            <span className="block text-muted">The account is active again: this message may be stale.</span>
          ) : null}
        </span>
      }
    >
      <span tabIndex={-1} className="flex min-w-0 items-center gap-1.5">
        <Badge tone={tone} className="max-w-full truncate">
          <span className="truncate">{cause?.title ?? row.errorCause}</span>
        </Badge>
        {row.errorStale ? <span className="text-xs text-muted">stale</span> : null}
        {row.autofixFailed ? (
          <ShieldAlert
            aria-label="Instantly's automatic reconnect gave up"
            className="h-4 w-4 shrink-0 text-error-fg"
          />
        ) : null}
      </span>
    </Tooltip>
  );
}

/** A setting's cell: its value, or which kind of empty it is ("not set" is not "not read"). */
function SettingCell({ row, field }: { row: AccountRow; field: SettingField }) {
  const known = knowSetting(row, field);
  if (known.kind === 'value') return <>{formatNumber(known.value)}</>;
  const words = settingWords(known);
  return (
    <Tooltip content={words}>
      <span tabIndex={-1} className="text-xs text-muted" title={words} aria-label={words}>
        {known.kind === 'not-set' ? 'not set' : 'not read'}
      </span>
    </Tooltip>
  );
}

/** Column definitions; `workspaceLabels` names the workspace column when several are shown. */
export function fleetColumns(workspaceLabels: ReadonlyMap<string, string>): ColumnDef<GridRow>[] {
  const cell = (render: (row: AccountRow) => React.ReactNode) =>
    function Cell({ row }: { row: { original: GridRow } }) {
      return row.original.row ? (
        render(row.original.row)
      ) : (
        <span aria-hidden className="block h-3 w-3/4 animate-pulse rounded bg-surface-raised" />
      );
    };
  return [
    {
      id: 'email',
      header: 'Account',
      size: 260,
      meta: { sortKey: 'email' },
      cell: cell((r) => (
        <span className="block min-w-0">
          {/* A real link: open in a new tab, middle-click, copy its address. Out of the tab order: the
              grid's keyboard (j/k, Enter) moves and opens; a click on the row opens it too. */}
          <Link
            href={accountHref(r)}
            prefetch={false}
            tabIndex={-1}
            className="block truncate font-medium hover:underline"
            title={r.email}
          >
            {r.email}
          </Link>
          {r.unreadable !== null ? (
            // Its other cells hold what the last readable answer said (or nothing, for a new row).
            <span
              className="block truncate text-xs text-warning-fg"
              title={`could not be read: ${r.unreadable}`}
            >
              could not be read: {r.unreadable}
            </span>
          ) : (
            <span
              className="block truncate text-xs text-muted"
              title={`${r.firstName} ${r.lastName}`.trim() || undefined}
            >
              {`${r.firstName} ${r.lastName}`.trim() || '–'}
            </span>
          )}
        </span>
      )),
    },
    {
      id: 'workspace',
      header: 'Workspace',
      size: 150,
      meta: { sortKey: 'workspace' },
      cell: cell((r) => (
        <span className="truncate" title={workspaceLabels.get(r.workspaceId) ?? r.workspaceId}>
          {workspaceLabels.get(r.workspaceId) ?? r.workspaceId}
        </span>
      )),
    },
    {
      id: 'status',
      header: 'Status',
      size: 145,
      meta: { sortKey: 'status' },
      cell: cell((r) => <AccountStatusBadge status={r.status} inGrid />),
    },
    // Beside the status, so a broken account's cause is on screen without scrolling the grid
    // sideways at 1280 px (every default column together is ~1,650 px wide).
    {
      id: 'error',
      header: 'Error',
      size: 260,
      meta: { sortKey: 'error' },
      cell: cell((r) => <ErrorCell row={r} />),
    },
    {
      id: 'warmupStatus',
      header: 'Warmup',
      size: 160,
      meta: { sortKey: 'warmupStatus' },
      cell: cell((r) => <WarmupStatusBadge status={r.warmupStatus} inGrid />),
    },
    {
      id: 'warmupScore',
      header: 'Score',
      size: 105,
      meta: { sortKey: 'warmupScore' },
      cell: cell((r) => <ScoreBar score={r.warmupScore} />),
    },
    {
      id: 'dailyLimit',
      header: 'Daily limit',
      size: 90,
      meta: { sortKey: 'dailyLimit', align: 'right' },
      cell: cell((r) => <SettingCell row={r} field="dailyLimit" />),
    },
    {
      id: 'sendingGap',
      header: 'Gap (min)',
      size: 85,
      meta: { sortKey: 'sendingGap', align: 'right' },
      cell: cell((r) => <SettingCell row={r} field="sendingGap" />),
    },
    {
      // Unsortable: list rows never carry it, so most values are "not read" until the account is read.
      id: 'warmupLimit',
      header: 'Warmup / day',
      size: 105,
      meta: { align: 'right' },
      cell: cell((r) => <SettingCell row={r} field="warmupLimit" />),
    },
    {
      id: 'provider',
      header: 'Provider',
      size: 110,
      meta: { sortKey: 'provider' },
      cell: cell((r) => providerLabel(r.providerCode)),
    },
    {
      id: 'tags',
      header: 'Tags',
      size: 170,
      meta: { sortKey: 'tags' },
      cell: cell((r) =>
        r.tags.length === 0 ? (
          <span className="text-muted">–</span>
        ) : (
          <span className="flex min-w-0 gap-1 overflow-hidden" title={r.tags.map((t) => t.label).join(', ')}>
            {r.tags.map((t) => (
              <span key={t.id} className="truncate rounded bg-surface-raised px-1.5 py-0.5 text-xs">
                {t.label}
              </span>
            ))}
          </span>
        ),
      ),
    },
    {
      id: 'lastUsed',
      header: 'Last used',
      size: 120,
      meta: { sortKey: 'lastUsed' },
      cell: cell((r) => (
        <span className={cn(!r.lastUsedAt && 'text-muted')}>{relativeTime(r.lastUsedAt)}</span>
      )),
    },
  ];
}

export const DEFAULT_HIDDEN_COLUMNS: Record<string, boolean> = {};
