'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Loader2, Lock, Pencil, Send, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { toast } from '@/components/ui/toast';
import { useCan } from '@/components/auth/person-context';
import { PageHeader } from '@/components/shell/page-header';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { alertChannelKeys, alertChannelMutations, alertChannelQueries } from '@/lib/queries/alert-channels';
import { ApiError } from '@/lib/queries/api-fetch';
import {
  ALERT_CHANNEL_KIND_LABELS,
  type AlertChannel,
  type AlertDelivery,
} from '@/lib/schemas/api-alert-channels';
import { cn } from '@/components/ui/cn';
import { routingSummary } from './channel-summary';
import { DeliveryStatusBadge } from './delivery-status';
import { exactTime, plural, relativeTime } from '@/lib/format';
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@/components/ui/table';

const explain = (e: unknown) =>
  e instanceof ApiError ? `${e.problem.title}. ${e.problem.detail ?? ''}` : String(e);

function When({ iso }: { iso: string | null }) {
  if (!iso) return <span className="text-muted">–</span>;
  return (
    <time dateTime={iso} title={exactTime(iso)}>
      {relativeTime(iso)}
    </time>
  );
}

function DeliveryRows({ deliveries }: { deliveries: readonly AlertDelivery[] }) {
  if (deliveries.length === 0)
    return (
      <EmptyState title="No deliveries yet">
        Each alert this channel takes is listed here with its status, attempts and last error. Send a test
        alert to see one.
      </EmptyState>
    );
  return (
    <div className="overflow-x-auto">
      <Table>
        <TableCaption>Deliveries of this channel, newest first</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead className="px-4">Message</TableHead>
            <TableHead className="px-4">Status</TableHead>
            <TableHead className="px-4 text-right">Attempts</TableHead>
            <TableHead className="px-4">Queued</TableHead>
            <TableHead className="px-4">Next / done</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {deliveries.map((d) => (
            <TableRow
              key={d.id}
              className={cn(d.status === 'failed' && 'bg-error-bg/40')}
              data-status={d.status}
            >
              <TableCell className="max-w-md px-4 align-top">
                <div className="font-medium">{d.title}</div>
                <div className="text-xs text-muted">
                  {d.kind === 'digest'
                    ? `Digest of ${plural(d.events, 'warning')}`
                    : `${d.severity ?? ''} · event ${d.eventId ?? ''}`}
                </div>
                {d.lastError ? (
                  <div
                    className={cn(
                      'mt-1 text-xs',
                      d.status === 'failed' ? 'font-medium text-error-fg' : 'text-warning-fg',
                    )}
                  >
                    {d.status === 'failed' ? 'Failed for good: ' : 'Last error: '}
                    {d.lastError}
                  </div>
                ) : null}
              </TableCell>
              <TableCell className="px-4 align-top">
                <DeliveryStatusBadge delivery={d} />
              </TableCell>
              <TableCell className="px-4 text-right align-top tabular-nums">{d.attempts}</TableCell>
              <TableCell className="px-4 align-top whitespace-nowrap">
                <When iso={d.createdAt} />
              </TableCell>
              <TableCell className="px-4 align-top whitespace-nowrap">
                <When iso={d.finishedAt ?? d.nextAttemptAt} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function ChannelFacts({ channel, nameOf }: { channel: AlertChannel; nameOf: (id: string) => string }) {
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
      <dt className="text-muted">Kind</dt>
      <dd>{ALERT_CHANNEL_KIND_LABELS[channel.kind]}</dd>
      <dt className="text-muted">Sends to</dt>
      <dd className="break-all">
        {channel.target}
        {channel.to ? ` → ${channel.to.join(', ')} (from ${channel.from ?? ''})` : ''}
      </dd>
      <dt className="text-muted">Routing</dt>
      <dd>{routingSummary(channel, nameOf)}</dd>
      {!channel.secretsReadable ? (
        <>
          <dt className="text-muted">Secrets</dt>
          <dd className="text-error-fg">
            They no longer open (the server secret changed): edit the channel and enter them again.
          </dd>
        </>
      ) : null}
    </dl>
  );
}

export function ChannelDetail({ id }: { id: string }) {
  const query = useQuery(alertChannelQueries.detail(id));
  const names = useQuery(alertChannelQueries.list());
  const admin = useCan('admin');
  const router = useRouter();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: alertChannelKeys.all });
  const test = useMutation({
    ...alertChannelMutations.test(id),
    onSuccess: async () => {
      toast.success('Test alert queued: its delivery shows below');
      await refresh();
    },
    onError: (e) => toast.error(explain(e)),
  });
  const remove = useMutation({
    ...alertChannelMutations.remove(id),
    onSuccess: async () => {
      toast.success('Channel deleted');
      await refresh();
      router.push('/alerts/channels');
    },
    onError: (e) => toast.error(explain(e)),
  });

  if (query.isPending)
    return (
      <div role="status" aria-busy="true" aria-label="Loading the channel" className="space-y-4">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-32 w-full" />
        <Skeleton className="h-48 w-full" />
      </div>
    );
  if (query.isError)
    return (
      <Card>
        <ErrorState
          title="Could not load the channel"
          detail={explain(query.error)}
          onRetry={() => void query.refetch()}
        />
      </Card>
    );
  const { channel, deliveries } = query.data;
  const nameOf = (wid: string) => names.data?.workspaces.find((w) => w.id === wid)?.name ?? wid;
  const failed = deliveries.filter((d) => d.status === 'failed').length;
  const stored = channel.source === 'database';

  return (
    <>
      <PageHeader
        title={channel.name}
        description={
          stored ? (
            'Where this channel sends alerts, and every delivery it made.'
          ) : (
            <span className="inline-flex items-center gap-1">
              <Lock aria-hidden className="h-3.5 w-3.5" /> From the server’s environment: change it there.
            </span>
          )
        }
        actions={
          <>
            {admin ? (
              <Button variant="primary" onClick={() => test.mutate()} disabled={test.isPending}>
                {test.isPending ? (
                  <Loader2 aria-hidden className="h-4 w-4 animate-spin" />
                ) : (
                  <Send aria-hidden className="h-4 w-4" />
                )}
                Send a test alert
              </Button>
            ) : null}
            {admin && stored ? (
              <>
                <Button asChild>
                  <Link href={`/alerts/channels/${id}/edit`}>
                    <Pencil aria-hidden className="h-4 w-4" />
                    Edit
                  </Link>
                </Button>
                <Button
                  className="text-error-fg"
                  disabled={remove.isPending}
                  onClick={() => {
                    if (window.confirm(`Delete “${channel.name}” and its delivery history?`)) remove.mutate();
                  }}
                >
                  <Trash2 aria-hidden className="h-4 w-4" />
                  Delete
                </Button>
              </>
            ) : null}
          </>
        }
      />
      <div className="grid gap-5">
        <Card>
          <CardBody>
            <ChannelFacts channel={channel} nameOf={nameOf} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Deliveries</CardTitle>
            {failed > 0 ? <Badge tone="error">{failed} failed for good</Badge> : null}
          </CardHeader>
          <DeliveryRows deliveries={deliveries} />
        </Card>
      </div>
    </>
  );
}
