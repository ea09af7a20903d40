'use client';

import { useQuery } from '@tanstack/react-query';
import { Skeleton } from '@/components/ui/skeleton';
import { ErrorState } from '@/components/ui/states';
import { alertChannelQueries } from '@/lib/queries/alert-channels';
import { ChannelForm } from './channel-form';

// The form with what it needs loaded first: the workspaces to choose from, and on edit the channel.

const loading = (
  <div role="status" aria-busy="true" aria-label="Loading the form" className="grid max-w-2xl gap-4">
    {Array.from({ length: 5 }, (_, i) => (
      <Skeleton key={i} className="h-10 w-full" />
    ))}
  </div>
);

export function ChannelEditor({ id }: { id: string | null }) {
  const list = useQuery(alertChannelQueries.list());
  const detail = useQuery({ ...alertChannelQueries.detail(id ?? ''), enabled: id !== null });
  if (list.isPending || (id !== null && detail.isPending)) return loading;
  if (list.isError)
    return (
      <ErrorState
        title="Could not load the workspaces"
        detail={list.error.message}
        onRetry={() => void list.refetch()}
      />
    );
  if (id !== null && detail.isError)
    return (
      <ErrorState
        title="Could not load the channel"
        detail={detail.error.message}
        onRetry={() => void detail.refetch()}
      />
    );
  return (
    <ChannelForm channel={id !== null ? detail.data?.channel : undefined} workspaces={list.data.workspaces} />
  );
}
