'use client';

import type { ReactNode } from 'react';
import { Tag } from 'lucide-react';
import { ScoreBar } from '@/components/accounts/score-bar';
import { AccountStatusBadge, WarmupStatusBadge } from '@/components/accounts/status-badges';
import { WorkspaceLabel } from '@/components/shell/workspace-label';
import { providerLabel } from '@/lib/diagnostics/account-status';
import type { AccountDetail } from '@/lib/schemas/api-account-detail';
import { formatDate, relativeTime } from '@/lib/format';

const dateOf = (iso: string | null): string => (iso ? formatDate(iso) : '–');

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-muted">{term}</dt>
      <dd className="mt-0.5 text-sm">{children}</dd>
    </div>
  );
}

/** Who the account is and how it is doing, at a glance; the badges explain themselves on hover or focus. */
export function AccountHeader({ detail, actions }: { detail: AccountDetail; actions: ReactNode }) {
  const { row, workspace, info, freshness } = detail;
  const name = `${row.firstName} ${row.lastName}`.trim();
  return (
    <header className="mb-5 space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold tracking-tight break-all">{row.email}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-muted">
            {name ? <span className="text-foreground">{name}</span> : <span>No sender name</span>}
            <span aria-hidden>·</span>
            <WorkspaceLabel
              workspace={{
                label: workspace.label,
                kind: workspace.kind === 'demo' ? 'demo' : 'user',
                keyHint: null,
              }}
            />
            <span aria-hidden>·</span>
            <span>{providerLabel(row.providerCode)}</span>
            {row.isManaged ? (
              <>
                <span aria-hidden>·</span>
                <span>Managed (done-for-you) mailbox</span>
              </>
            ) : null}
          </p>
          {row.tags.length > 0 ? (
            <ul aria-label="Tags" className="mt-2 flex flex-wrap items-center gap-1.5">
              {row.tags.map((tag) => (
                <li
                  key={tag.id}
                  className="inline-flex items-center gap-1 rounded-full border border-border bg-surface-raised px-2 py-0.5 text-xs font-medium"
                >
                  <Tag aria-hidden className="h-3 w-3 text-muted" />
                  {tag.label}
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-2 text-xs text-muted">No tags</p>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-2">{actions}</div>
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-3 rounded-lg border border-border bg-surface px-4 py-3 sm:grid-cols-3 lg:grid-cols-6">
        <Fact term="Status">
          <AccountStatusBadge status={row.status} />
        </Fact>
        <Fact term="Warmup">
          <WarmupStatusBadge status={row.warmupStatus} />
        </Fact>
        <Fact term="Warmup score">
          <ScoreBar score={row.warmupScore} />
        </Fact>
        <Fact term="Last used">
          <time dateTime={row.lastUsedAt ?? undefined} title={row.lastUsedAt ?? undefined}>
            {relativeTime(row.lastUsedAt)}
          </time>
        </Fact>
        <Fact term="Warmup started">
          <time dateTime={info.warmupStartedAt ?? undefined}>{dateOf(info.warmupStartedAt)}</time>
        </Fact>
        <Fact term="Data">
          {freshness.source === 'index' ? (
            <span title={`Indexed at ${freshness.readAt}; Instantly could not be read now`}>
              From the last sync, {relativeTime(freshness.readAt)}
            </span>
          ) : (
            <span title={`Read from Instantly at ${freshness.readAt}`}>
              Read {relativeTime(freshness.readAt)}
            </span>
          )}
          <span className="block text-xs text-muted">
            Fleet index{' '}
            {freshness.index.syncedAt
              ? `synced ${relativeTime(freshness.index.syncedAt)}`
              : freshness.index.state === 'running'
                ? 'syncing…'
                : 'not synced yet'}
          </span>
        </Fact>
      </dl>
    </header>
  );
}
