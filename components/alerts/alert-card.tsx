'use client';

import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import type { AlertDto } from '@/lib/schemas/api-alerts';
import { AlertActions } from './alert-actions';
import { ruleLabels } from '@/lib/alerts/rule-labels';
import { alertState, scopeLabel } from './alert-labels';
import { relativeTime } from '@/lib/format';

/** One alert in the inbox: what, where, how many, the fix, and what to do now. */
export function AlertCard({ alert, workspaceLabel }: { alert: AlertDto; workspaceLabel: string }) {
  const open = alert.resolvedAt === null;
  const headingId = `alert-${alert.id}`;
  return (
    <li aria-labelledby={headingId} className="rounded-lg border border-border bg-surface p-4 shadow-xs">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={!open ? 'healthy' : alert.severity === 'critical' ? 'error' : 'warning'}>
              {!open ? alertState(alert) : alert.severity === 'critical' ? 'Critical' : 'Warning'}
            </Badge>
            <span className="text-xs text-muted">{ruleLabels[alert.rule].title}</span>
          </div>
          <h3 id={headingId} className="font-medium">
            <Link href={`/alerts/${encodeURIComponent(alert.id)}`} className="hover:underline">
              {alert.title}
            </Link>
          </h3>
          <p className="text-sm text-muted">
            {scopeLabel(alert, workspaceLabel)} · {alert.count} {alert.count === 1 ? 'account' : 'accounts'} ·{' '}
            {open ? `since ${relativeTime(alert.openedAt)}` : `resolved ${relativeTime(alert.resolvedAt)}`}
            {open && alertState(alert) !== 'Open' ? ` · ${alertState(alert)}` : ''}
          </p>
        </div>
        {open ? <AlertActions alert={alert} /> : null}
      </div>
      {open && alert.fix.length > 0 ? (
        <div className="mt-3">
          <p className="text-xs font-medium text-muted">The fix</p>
          <ol className="mt-1 list-decimal space-y-0.5 pl-5 text-sm">
            {alert.fix.slice(0, 3).map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </div>
      ) : null}
      <div className="mt-3 flex flex-wrap gap-4 text-sm">
        <Link href={alert.accountsHref} className="text-primary hover:underline">
          Show the {alert.count} {alert.count === 1 ? 'account' : 'accounts'} in the table
        </Link>
        <Link href={`/alerts/${encodeURIComponent(alert.id)}`} className="text-primary hover:underline">
          Details
        </Link>
      </div>
    </li>
  );
}
