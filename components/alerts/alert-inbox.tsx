'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Skeleton } from '@/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { alertKeys, alertMutations, alertQueries } from '@/lib/queries/alerts';
import type { AlertDto } from '@/lib/schemas/api-alerts';
import { AlertCard } from './alert-card';
import { useWorkspaceLabels } from './use-workspace-labels';

function Section({
  title,
  alerts,
  labelOf,
}: {
  title: string;
  alerts: AlertDto[];
  labelOf: (id: string) => string;
}) {
  if (alerts.length === 0) return null;
  const id = `inbox-${title.toLowerCase().replaceAll(' ', '-')}`;
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-sm font-semibold">
        {title} <span className="font-normal text-muted">({alerts.length})</span>
      </h2>
      <ul className="space-y-3">
        {alerts.map((alert) => (
          <AlertCard key={alert.id} alert={alert} workspaceLabel={labelOf(alert.workspaceId)} />
        ))}
      </ul>
    </section>
  );
}

/** Open alerts first (critical, then warnings), then the recently resolved ones. */
export function AlertInbox() {
  const inbox = useQuery(alertQueries.inbox());
  const labelOf = useWorkspaceLabels();
  const queryClient = useQueryClient();
  const { mutate: markSeen } = useMutation({
    ...alertMutations.markSeen(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertKeys.unread() }),
  });
  // Opening the inbox reads it: the bell goes back to zero (and again whenever new alerts arrive here).
  const newest = inbox.data?.open.map((a) => a.lastSeenAt).join('|');
  useEffect(() => {
    if (newest !== undefined) markSeen();
  }, [newest, markSeen]);

  if (inbox.isPending)
    return (
      <div className="space-y-3" aria-busy="true" aria-label="Loading alerts">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className="h-28 w-full" />
        ))}
      </div>
    );
  if (inbox.isError)
    return (
      <ErrorState
        title="Could not load the alerts"
        detail={inbox.error.message}
        onRetry={() => void inbox.refetch()}
      />
    );
  const { open, resolved } = inbox.data;
  return (
    <div className="space-y-6">
      {open.length === 0 ? (
        <EmptyState title="No open alerts">
          The rules run after every sync. When accounts break, stop warming up or their settings cannot work,
          the alert shows up here, grouped by cause.
        </EmptyState>
      ) : (
        <>
          <Section
            title="Critical"
            alerts={open.filter((a) => a.severity === 'critical')}
            labelOf={labelOf}
          />
          <Section title="Warnings" alerts={open.filter((a) => a.severity === 'warning')} labelOf={labelOf} />
        </>
      )}
      <Section title="Recently resolved" alerts={resolved} labelOf={labelOf} />
    </div>
  );
}
