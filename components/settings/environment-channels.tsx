'use client';

import { useQuery } from '@tanstack/react-query';
import { Lock } from 'lucide-react';
import Link from 'next/link';
import { channelIcons } from '@/components/alerts/channels/channels-list';
import { Badge } from '@/components/ui/badge';
import { Skeleton } from '@/components/ui/skeleton';
import { ErrorState } from '@/components/ui/states';
import { alertChannelQueries } from '@/lib/queries/alert-channels';
import { ALERT_CHANNEL_KIND_LABELS } from '@/lib/schemas/api-alert-channels';

/**
 * The alert channels the server's environment sets (ALERTS_* and SMTP_URL): shown here read-only, as
 * the rest of the server's configuration; they are changed where the server is deployed, not here.
 */
export function EnvironmentChannels() {
  const query = useQuery(alertChannelQueries.list());
  if (query.isPending)
    return (
      <div role="status" aria-busy="true" aria-label="Loading the environment's alert channels">
        <Skeleton className="h-10 w-full" />
      </div>
    );
  if (query.isError)
    return (
      <ErrorState
        title="Could not load the alert channels"
        detail={query.error.message}
        onRetry={() => void query.refetch()}
      />
    );
  const channels = query.data.channels.filter((c) => c.source === 'environment');
  return (
    <div className="grid gap-3 text-sm">
      {channels.length === 0 ? (
        <p className="text-muted">
          None is set in the server&apos;s environment (<code>ALERTS_SLACK_WEBHOOK_URL</code>,{' '}
          <code>ALERTS_WEBHOOK_URL</code>, <code>SMTP_URL</code> with <code>ALERTS_EMAIL_TO</code>).
        </p>
      ) : (
        <ul
          className="divide-y divide-border rounded-md border border-border"
          aria-label="Alert channels from the environment"
        >
          {channels.map((channel) => {
            const Icon = channelIcons[channel.kind];
            return (
              <li key={channel.id} className="flex flex-wrap items-center gap-2 px-3 py-2">
                <Icon aria-hidden className="h-4 w-4 text-muted" />
                <Link href={`/alerts/channels/${channel.id}`} className="font-medium hover:underline">
                  {channel.name}
                </Link>
                <Badge>{ALERT_CHANNEL_KIND_LABELS[channel.kind]}</Badge>
                <Badge tone="paused">
                  <Lock aria-hidden className="h-3 w-3" />
                  Read-only
                </Badge>
                <span className="min-w-0 truncate text-xs text-muted">
                  {channel.target}
                  {channel.to ? ` → ${channel.to.join(', ')}` : ''}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <p className="text-muted">
        They receive every workspace&apos;s alerts: critical ones at once, the rest in the morning digest.
        Channels of your own are set up under{' '}
        <Link href="/alerts/channels" className="font-medium underline">
          Alerts → Channels
        </Link>
        .
      </p>
    </div>
  );
}
