'use client';

import { useQuery } from '@tanstack/react-query';
import { Lock, Mail, MessageSquare, Plus, Webhook } from 'lucide-react';
import Link from 'next/link';
import { useCan } from '@/components/auth/person-context';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { alertChannelQueries } from '@/lib/queries/alert-channels';
import { ALERT_CHANNEL_KIND_LABELS, type AlertChannel } from '@/lib/schemas/api-alert-channels';
import { routingSummary } from './channel-summary';
import { DeliveryStatusBadge } from './delivery-status';
import { relativeTime } from '@/lib/format';

export const channelIcons = { slack: MessageSquare, webhook: Webhook, email: Mail } as const;

function LastDelivery({ channel }: { channel: AlertChannel }) {
  const last = channel.lastDelivery;
  if (!last) return <span className="text-xs text-muted">Nothing sent yet</span>;
  return (
    <span className="flex flex-wrap items-center gap-2 text-xs text-muted">
      <DeliveryStatusBadge delivery={last} />
      <time dateTime={last.finishedAt ?? last.createdAt}>
        {relativeTime(last.finishedAt ?? last.createdAt)}
      </time>
      {last.status === 'failed' && last.lastError ? (
        <span className="text-error-fg">{last.lastError}</span>
      ) : null}
    </span>
  );
}

/** Every channel with where it goes and how its last message went; the environment's read-only. */
export function ChannelsList() {
  const query = useQuery(alertChannelQueries.list());
  const admin = useCan('admin');
  const addButton = admin ? (
    <Button asChild variant="primary">
      <Link href="/alerts/channels/new">
        <Plus aria-hidden className="h-4 w-4" />
        Add a channel
      </Link>
    </Button>
  ) : null;

  if (query.isPending)
    return (
      <Card>
        <div role="status" aria-busy="true" aria-label="Loading alert channels" className="space-y-4 p-4">
          {Array.from({ length: 3 }, (_, i) => (
            <Skeleton key={i} className="h-12 w-full" />
          ))}
        </div>
      </Card>
    );
  if (query.isError)
    return (
      <Card>
        <ErrorState
          title="Could not load the alert channels"
          detail={query.error.message}
          onRetry={() => void query.refetch()}
        />
      </Card>
    );
  const { channels, workspaces } = query.data;
  const nameOf = (id: string) => workspaces.find((w) => w.id === id)?.name ?? id;
  if (channels.length === 0)
    return (
      <Card>
        <EmptyState title="No alert channels yet" action={addButton}>
          Alerts show in the inbox. Add a Slack webhook, a webhook of your own or an e-mail address to be told
          where you work: critical ones at once, the rest in a morning digest.
        </EmptyState>
      </Card>
    );

  return (
    <div className="grid gap-3">
      {addButton ? <div className="flex justify-end">{addButton}</div> : null}
      <Card>
        <ul className="divide-y divide-border" aria-label="Alert channels">
          {channels.map((channel) => {
            const Icon = channelIcons[channel.kind];
            return (
              <li
                key={channel.id}
                className="grid gap-2 px-4 py-3 md:grid-cols-[minmax(0,1fr)_auto] md:items-center"
              >
                <div className="min-w-0">
                  <div className="flex flex-wrap items-center gap-2">
                    <Icon aria-hidden className="h-4 w-4 text-muted" />
                    <Link href={`/alerts/channels/${channel.id}`} className="font-medium hover:underline">
                      {channel.name}
                    </Link>
                    <Badge>{ALERT_CHANNEL_KIND_LABELS[channel.kind]}</Badge>
                    {channel.source === 'environment' ? (
                      <Badge tone="paused">
                        <Lock aria-hidden className="h-3 w-3" />
                        From the environment
                      </Badge>
                    ) : null}
                    {!channel.secretsReadable ? <Badge tone="error">Secrets unreadable</Badge> : null}
                  </div>
                  <p className="mt-1 truncate text-xs text-muted">
                    {channel.target}
                    {channel.to ? ` → ${channel.to.join(', ')}` : ''} · {routingSummary(channel, nameOf)}
                  </p>
                </div>
                <LastDelivery channel={channel} />
              </li>
            );
          })}
        </ul>
      </Card>
    </div>
  );
}
