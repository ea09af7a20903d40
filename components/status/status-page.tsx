'use client';

import { useQuery } from '@tanstack/react-query';
import { ActionRow } from '@/components/jobs/action-row';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { ErrorState } from '@/components/ui/states';
import { statusQueries } from '@/lib/queries/status';
import type { StatusResponse } from '@/lib/schemas/api-status';
import { exactTime, formatNumber, relativeTime } from '@/lib/format';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';

function When({ iso }: { iso: string | null }) {
  if (!iso) return <span className="text-muted">–</span>;
  return (
    <time dateTime={iso} title={exactTime(iso)}>
      {relativeTime(iso)}
    </time>
  );
}

function WorkerCard({ worker }: { worker: StatusResponse['worker'] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Worker</CardTitle>
        <Badge tone={worker.running ? 'healthy' : 'error'}>
          {worker.running ? 'Running' : 'Not running'}
        </Badge>
      </CardHeader>
      <CardBody className="space-y-3 text-sm">
        <p className="text-muted">
          Syncs every workspace every {formatNumber(worker.intervalSeconds)} s and drives bulk actions with
          nobody&apos;s browser open. Counted as not running when no process has beaten for{' '}
          {formatNumber(worker.staleAfterSeconds)} s.
        </p>
        {worker.processes.length === 0 ? (
          <p>No worker has run in the last day.</p>
        ) : (
          <Table className="text-left">
            <TableHeader>
              <TableRow className="border-b-0">
                <TableHead className="px-0 py-1 pr-4">Process</TableHead>
                <TableHead className="px-0 py-1 pr-4">Version</TableHead>
                <TableHead className="px-0 py-1 pr-4">Started</TableHead>
                <TableHead className="px-0 py-1 pr-4">Last heartbeat</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {worker.processes.map((p) => (
                <TableRow key={p.processId} className="border-t border-b-0">
                  <TableCell className="px-0 py-1.5 pr-4 font-mono text-xs break-all">
                    {p.processId}
                  </TableCell>
                  <TableCell className="px-0 py-1.5 pr-4">{p.version}</TableCell>
                  <TableCell className="px-0 py-1.5 pr-4">
                    <When iso={p.startedAt} />
                  </TableCell>
                  <TableCell className="px-0 py-1.5 pr-4">
                    <When iso={p.beatAt} /> {p.live ? null : <Badge tone="warning">stale</Badge>}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardBody>
    </Card>
  );
}

function WorkspacesCard({ workspaces }: { workspaces: StatusResponse['workspaces'] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Syncs</CardTitle>
      </CardHeader>
      <CardBody>
        <Table className="text-left">
          <TableHeader>
            <TableRow className="border-b-0">
              <TableHead className="px-0 py-1 pr-4">Workspace</TableHead>
              <TableHead className="px-0 py-1 pr-4">Last sync</TableHead>
              <TableHead className="px-0 py-1 pr-4">Next sync</TableHead>
              <TableHead className="px-0 py-1 pr-4">Last error</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {workspaces.map((w) => (
              <TableRow key={w.workspaceId} className="border-t border-b-0 align-top">
                <TableCell className="px-0 py-1.5 pr-4 font-medium">{w.label}</TableCell>
                <TableCell className="px-0 py-1.5 pr-4">
                  {w.syncState === 'running' ? (
                    <Badge tone="paused">syncing</Badge>
                  ) : (
                    <When iso={w.lastSyncAt} />
                  )}
                </TableCell>
                <TableCell className="px-0 py-1.5 pr-4">
                  {w.background ? (
                    <When iso={w.nextSyncAt} />
                  ) : (
                    <span className="text-muted">only when opened (no key on the server)</span>
                  )}
                </TableCell>
                <TableCell className="px-0 py-1.5 pr-4">
                  {w.lastError ? (
                    <span className="text-error-fg">
                      {w.lastError}{' '}
                      <span className="text-muted">
                        (<When iso={w.lastErrorAt} />)
                      </span>
                    </span>
                  ) : (
                    <span className="text-muted">none</span>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardBody>
    </Card>
  );
}

function QueueCard({ queue }: { queue: StatusResponse['queue'] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Queue</CardTitle>
        <span className="text-xs text-muted">{formatNumber(queue.length)} unfinished</span>
      </CardHeader>
      {queue.length === 0 ? (
        <CardBody className="text-sm text-muted">No bulk action is waiting or running.</CardBody>
      ) : (
        <ul className="divide-y divide-border" aria-label="Unfinished bulk actions">
          {queue.map((action) => (
            <ActionRow key={action.id} action={action} compact />
          ))}
        </ul>
      )}
    </Card>
  );
}

/** The status page: is the worker alive, when did each workspace sync and when next, what is queued. */
export function StatusPage() {
  const query = useQuery(statusQueries.status());
  if (query.isPending) {
    return (
      <div role="status" aria-busy="true" aria-label="Loading the status" className="space-y-4">
        <Skeleton className="h-32 w-full" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  }
  if (query.isError) {
    return (
      <Card>
        <ErrorState
          title="Could not load the status"
          detail={query.error.message}
          onRetry={() => void query.refetch()}
        />
      </Card>
    );
  }
  return (
    <div className="space-y-4">
      <WorkerCard worker={query.data.worker} />
      <WorkspacesCard workspaces={query.data.workspaces} />
      <QueueCard queue={query.data.queue} />
    </div>
  );
}
