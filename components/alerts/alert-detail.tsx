'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { accountHref } from '@/components/account/account-href';
import { PageHeader } from '@/components/shell/page-header';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { ErrorState } from '@/components/ui/states';
import { alertQueries } from '@/lib/queries/alerts';
import { AlertActions } from './alert-actions';
import { ruleLabels } from '@/lib/alerts/rule-labels';
import { alertState, scopeLabel } from './alert-labels';
import { AlertsTabs } from './alerts-tabs';
import { useWorkspaceLabels } from './use-workspace-labels';
import { exactTime, relativeTime } from '@/lib/format';

const eventLabels = { opened: 'Opened', reminder: 'Reminder', recovered: 'Recovered', test: 'Test' } as const;

const when = (iso: string | null) => (iso ? `${exactTime(iso)} (${relativeTime(iso)})` : '–');

/** One alert: what, since when, the accounts, the fix, and acknowledge/snooze. */
export function AlertDetail({ id }: { id: string }) {
  const query = useQuery(alertQueries.detail(id));
  const labelOf = useWorkspaceLabels();
  if (query.isPending)
    return (
      <div aria-busy="true" aria-label="Loading the alert" className="space-y-3">
        <Skeleton className="h-8 w-2/3" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  if (query.isError)
    return (
      <>
        <AlertsTabs />
        <ErrorState
          title="Could not load this alert"
          detail={query.error.message}
          onRetry={() => void query.refetch()}
        />
      </>
    );
  const { alert, events } = query.data;
  const open = alert.resolvedAt === null;
  return (
    <>
      <AlertsTabs />
      <PageHeader title={alert.title} description={alert.summary} />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <Badge tone={!open ? 'healthy' : alert.severity === 'critical' ? 'error' : 'warning'}>
            {open ? (alert.severity === 'critical' ? 'Critical' : 'Warning') : 'Resolved'}
          </Badge>
          <span>{alertState(alert)}</span>
          <span className="text-muted">· {ruleLabels[alert.rule].title}</span>
          <span className="text-muted">· {scopeLabel(alert, labelOf(alert.workspaceId))}</span>
        </div>
        <AlertActions alert={alert} />
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>When</CardTitle>
          </CardHeader>
          <CardBody>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-muted">Opened</dt>
              <dd>{when(alert.openedAt)}</dd>
              <dt className="text-muted">Last seen</dt>
              <dd>{when(alert.lastSeenAt)}</dd>
              {alert.resolvedAt ? (
                <>
                  <dt className="text-muted">Resolved</dt>
                  <dd>{when(alert.resolvedAt)}</dd>
                </>
              ) : null}
              {alert.acknowledgedAt ? (
                <>
                  <dt className="text-muted">Acknowledged</dt>
                  <dd>
                    {when(alert.acknowledgedAt)} by {alert.acknowledgedBy}
                  </dd>
                </>
              ) : null}
              {alert.snoozedUntil ? (
                <>
                  <dt className="text-muted">Snoozed until</dt>
                  <dd>{when(alert.snoozedUntil)}</dd>
                </>
              ) : null}
              <dt className="text-muted">Reminders sent</dt>
              <dd>{alert.reminders}</dd>
            </dl>
            <h3 className="mt-3 text-xs font-medium text-muted">Sent to the channels</h3>
            <ul className="mt-1 space-y-0.5 text-sm">
              {events.map((e) => (
                <li key={e.eventId}>
                  <span className="font-medium">{eventLabels[e.kind]}</span>{' '}
                  <span className="text-muted">{relativeTime(e.occurredAt)}</span>
                </li>
              ))}
            </ul>
          </CardBody>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>The fix</CardTitle>
          </CardHeader>
          <CardBody>
            {alert.fix.length > 0 ? (
              <ol className="list-decimal space-y-1 pl-5 text-sm">
                {alert.fix.map((step) => (
                  <li key={step}>{step}</li>
                ))}
              </ol>
            ) : (
              <p className="text-sm text-muted">Nothing to do.</p>
            )}
          </CardBody>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>
              Accounts ({alert.count}
              {alert.count > alert.accounts.length ? `, the first ${alert.accounts.length} shown` : ''})
            </CardTitle>
            <Link href={alert.accountsHref} className="text-sm text-primary hover:underline">
              Show all {alert.count} in the accounts table
            </Link>
          </CardHeader>
          <CardBody>
            <ul className="grid gap-1 text-sm sm:grid-cols-2">
              {alert.accounts.map((email) => (
                <li key={email}>
                  <Link
                    href={accountHref({ email, workspaceId: alert.workspaceId })}
                    className="hover:underline"
                  >
                    {email}
                  </Link>
                </li>
              ))}
            </ul>
          </CardBody>
        </Card>
      </div>
    </>
  );
}
