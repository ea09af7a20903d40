import { ChevronRight, ExternalLink, History, ShieldAlert } from 'lucide-react';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import type { BulkActionSummary } from '@/lib/schemas/api-bulk-actions';
import type { DiagnosticsScope, TriageCount, TriageGroup } from '@/lib/schemas/api-diagnostics';
import { accountsTableHref } from '@/lib/queries/fleet-url';
import { faultLabels } from './diagnosis-model';
import { GroupAccounts } from './group-accounts';
import { GroupBulkActions } from './group-bulk-actions';
import { formatNumber, plural, severityLabels, severityTones } from '@/lib/format';

const kindLabels: Record<TriageGroup['kind'], string> = {
  cause: 'Error message',
  warmup: 'Warmup',
  status: 'Account status',
};

export function groupAnchor(groupId: string): string {
  return `group-${groupId}`;
}

function CountList({ label, counts, total }: { label: string; counts: TriageCount[]; total?: number }) {
  const hidden = (total ?? counts.length) - counts.length;
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-muted">{label}</dt>
      <dd className="mt-1 flex flex-wrap gap-1.5">
        {counts.map((c) => (
          <span key={c.value} className="rounded-md bg-surface-raised px-2 py-0.5 text-xs">
            {c.label} <span className="font-semibold">{formatNumber(c.count)}</span>
          </span>
        ))}
        {hidden > 0 ? (
          <span className="px-1 py-0.5 text-xs text-muted">and {formatNumber(hidden)} more</span>
        ) : null}
      </dd>
    </div>
  );
}

/**
 * One cause (or warmup trouble) across the fleet: what it is and how to fix it once, then its
 * accounts. Closed, only its title, count and severity show; its accounts are read once it opens.
 */
export function TriageGroupCard({
  group,
  scope,
  open,
  onToggle,
  onStarted,
}: {
  group: TriageGroup;
  scope: DiagnosticsScope;
  open: boolean;
  onToggle: () => void;
  onStarted: (action: BulkActionSummary, group: TriageGroup) => void;
}) {
  const titleId = `${groupAnchor(group.id)}-title`;
  const bodyId = `${groupAnchor(group.id)}-body`;
  return (
    <Card id={groupAnchor(group.id)} aria-labelledby={titleId} className="scroll-mt-20">
      <CardHeader className={cn(!open && 'border-b-0')}>
        <div className="min-w-0 space-y-1">
          <h2 id={titleId} className="text-base font-semibold">
            <button
              type="button"
              aria-expanded={open}
              aria-controls={bodyId}
              onClick={onToggle}
              className="-mx-1 flex items-center gap-1 rounded px-1 text-left hover:text-primary focus-visible:outline-2 focus-visible:outline-primary"
            >
              <ChevronRight
                aria-hidden
                className={cn('h-4 w-4 shrink-0 transition-transform', open && 'rotate-90')}
              />
              {group.title}
            </button>
          </h2>
          <p className="text-sm text-muted">
            {kindLabels[group.kind]} · {plural(group.count, 'account')}
            {group.workspaces.length > 1 ? ` in ${group.workspaces.length} workspaces` : ''}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-1.5">
          <Badge tone={severityTones[group.severity]}>Severity: {severityLabels[group.severity]}</Badge>
          <span
            className="rounded-full border border-border px-2 py-0.5 text-sm font-semibold tabular-nums"
            aria-hidden
          >
            {formatNumber(group.count)}
          </span>
        </div>
      </CardHeader>
      {open ? (
        <GroupDetails group={group} scope={scope} bodyId={bodyId} titleId={titleId} onStarted={onStarted} />
      ) : null}
    </Card>
  );
}

function GroupDetails({
  group,
  scope,
  bodyId,
  titleId,
  onStarted,
}: {
  group: TriageGroup;
  scope: DiagnosticsScope;
  bodyId: string;
  titleId: string;
  onStarted: (action: BulkActionSummary, group: TriageGroup) => void;
}) {
  const fault = faultLabels[group.fault];
  const excluded = group.target.excluded.length;
  return (
    <CardBody id={bodyId} className="space-y-4">
      {group.autofixFailed > 0 || group.stale > 0 ? (
        <div className="flex flex-wrap gap-2">
          {group.autofixFailed > 0 ? (
            <p className="flex items-center gap-1.5 rounded-md border border-error/40 bg-error-bg px-2.5 py-1 text-sm text-error-fg">
              <ShieldAlert aria-hidden className="h-4 w-4" />
              <span>
                <strong>{formatNumber(group.autofixFailed)}</strong> where Instantly&apos;s automatic
                reconnect gave up: only a person will fix {group.autofixFailed === 1 ? 'it' : 'them'}.
              </span>
            </p>
          ) : null}
          {group.stale > 0 ? (
            <p className="flex items-center gap-1.5 rounded-md border border-border bg-neutral-bg px-2.5 py-1 text-sm text-neutral-fg">
              <History aria-hidden className="h-4 w-4" />
              <span>
                <strong>{formatNumber(group.stale)}</strong> Active again with an old, probably stale message.
              </span>
            </p>
          ) : null}
        </div>
      ) : null}

      <p className="text-sm">{group.explanation}</p>
      <p className="text-sm">
        <span className="font-medium">Whose problem: </span>
        {fault.label}.
      </p>

      <dl className="grid gap-3 sm:grid-cols-3">
        <CountList label="Providers" counts={group.providers} />
        <CountList label="Domains" counts={group.domains} total={group.domainCount} />
        {group.workspaces.length > 1 ? <CountList label="Workspaces" counts={group.workspaces} /> : null}
      </dl>

      <section aria-labelledby={`${titleId}-fix`} className="space-y-2">
        <h3 id={`${titleId}-fix`} className="text-sm font-semibold">
          How to fix it
        </h3>
        <div className={group.fixes.length > 1 ? 'grid gap-4 md:grid-cols-2' : undefined}>
          {group.fixes.map((fix) => (
            <div key={fix.provider} className="min-w-0">
              {group.fixes.length > 1 ? (
                <h4 className="mb-1 text-xs font-medium text-muted">
                  {fix.label} ({formatNumber(fix.count)})
                </h4>
              ) : null}
              <ol className="list-decimal space-y-1 pl-5 text-sm">
                {fix.steps.map((step, index) => (
                  <li key={`${index}-${step}`}>{step}</li>
                ))}
              </ol>
            </div>
          ))}
        </div>
      </section>

      <section aria-labelledby={`${titleId}-act`} className="space-y-2">
        <h3 id={`${titleId}-act`} className="text-sm font-semibold">
          Act on the whole group
        </h3>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <GroupBulkActions group={group} onStarted={(action) => onStarted(action, group)} />
          <Link
            href={accountsTableHref(group.target.filters)}
            className="inline-flex items-center gap-1 text-sm text-primary hover:underline"
          >
            Open as a filtered table
            <ExternalLink aria-hidden className="h-3.5 w-3.5" />
          </Link>
        </div>
        {excluded > 0 ? (
          <p className="text-xs text-muted">
            The table filter also matches {plural(excluded, 'account')} outside this group (a stale message,
            or counted under another group); bulk actions leave {excluded === 1 ? 'it' : 'them'} out.
          </p>
        ) : null}
      </section>

      <GroupAccounts group={group} scope={scope} />
    </CardBody>
  );
}
