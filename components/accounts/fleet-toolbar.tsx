'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { VisibilityState } from '@tanstack/react-table';
import { Columns3, Download, Loader2, RefreshCw, Search, X } from 'lucide-react';
import { type RefObject, useEffect, useRef, useState } from 'react';
import { toast } from '@/components/ui/toast';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { Input } from '@/components/ui/input';
import { accountKeys, accountMutations, accountQueries, type RowsView } from '@/lib/queries/accounts';
import { fleetSearch } from '@/lib/queries/fleet-url';
import { withWorkspaceParam } from '@/lib/queries/workspace-scope';
import type { SyncStatus } from '@/lib/schemas/api-accounts';
import { useCan } from '@/components/auth/person-context';
import { useActiveWorkspace } from '@/components/shell/use-workspaces';
import { exactTime, formatNumber, plural, relativeTime, timeOfDay } from '@/lib/format';

/** Search box: types freely, updates the URL (and the query) a moment after typing stops. */
export function SearchBox({
  value,
  onChange,
  inputRef,
}: {
  value: string;
  onChange: (q: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
}) {
  const [text, setText] = useState(value);
  const [lastValue, setLastValue] = useState(value);
  // The URL changed from elsewhere (back button, "clear filters"): show it.
  if (value !== lastValue) {
    setLastValue(value);
    setText(value);
  }
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => onChange(text), 250);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <div className="relative w-full max-w-sm">
      <Search aria-hidden className="pointer-events-none absolute top-2.5 left-2.5 h-4 w-4 text-muted" />
      <Input
        ref={inputRef}
        type="search"
        aria-label="Search accounts by email, name or domain"
        placeholder="Search email, name or domain   /"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            setText('');
            onChange('');
          }
        }}
        className="pl-8"
      />
    </div>
  );
}

/** "Retrying at 14:05": when the server tries again by itself, in the person's own time. */
function retryText(retryAt: string | null): string {
  if (!retryAt) return 'Press Refresh to try again';
  const at = new Date(retryAt);
  // Seconds matter while the wait is short (15 s after a first failure); minutes do after that.
  const soon = at.getTime() - Date.now() < 120_000;
  const clock = timeOfDay(at, { seconds: soon });
  return `Retrying at ${clock}`;
}

/** How old the index is, and a Refresh that shows its progress. */
export function SyncIndicator({ scope, initial }: { scope: RowsView['scope']; initial: SyncStatus[] }) {
  const canOperate = useCan('operator');
  const queryClient = useQueryClient();
  const active = useActiveWorkspace();
  const { data } = useQuery({ ...accountQueries.sync(active, scope), placeholderData: { sync: initial } });
  const statuses = data?.sync ?? initial;
  const running = statuses.filter((s) => s.state === 'running');
  const failed = statuses.filter((s) => s.state === 'failed');
  const oldest = statuses
    .map((s) => s.syncedAt)
    .filter((t): t is string => t !== null)
    .sort()[0];
  // While a sync runs, rows land in the index page by page: refresh what is on screen as the count
  // grows, and once more when it ends.
  const progress = running.reduce((sum, s) => sum + s.accountsSeen, 0);
  const isRunning = running.length > 0;
  const last = useRef({ progress, isRunning });
  useEffect(() => {
    const changed = progress !== last.current.progress || isRunning !== last.current.isRunning;
    const relevant = isRunning || last.current.isRunning;
    last.current = { progress, isRunning };
    if (changed && relevant) {
      void queryClient.invalidateQueries({ queryKey: accountKeys.rows() });
      void queryClient.invalidateQueries({ queryKey: accountKeys.allFacets() });
    }
  }, [progress, isRunning, queryClient]);
  const refresh = useMutation({
    ...accountMutations.refresh(active),
    onSuccess: (next) => {
      queryClient.setQueryData(accountKeys.sync(active, scope), next);
      // The server does not start another sync moments after a failed one: say so, not nothing.
      const notStarted = next.sync.filter((s) => s.state === 'failed');
      if (notStarted.length > 0 && !next.sync.some((s) => s.state === 'running'))
        toast.info('Instantly was tried moments ago', {
          description: `The last sync failed: ${notStarted[0]?.problem?.title ?? 'see details'}. ${retryText(notStarted[0]?.retryAt ?? null)}`,
        });
    },
    onError: (error) => toast.error('Could not refresh', { description: error.message }),
  });
  return (
    <div className="flex items-center gap-2 text-sm text-muted" aria-live="polite">
      {running.length > 0 ? (
        <span className="flex items-center gap-1.5">
          <Loader2 aria-hidden className="h-4 w-4 animate-spin" />
          Syncing {running.map((s) => `${s.label}: ${formatNumber(s.accountsSeen)} accounts`).join(', ')}…
        </span>
      ) : failed.length > 0 ? (
        <span role="alert" className="text-error-fg" title={failed.map((f) => f.error).join('\n')}>
          Last sync failed{statuses.length > 1 ? ` for ${failed.map((f) => f.label).join(', ')}` : ''}:{' '}
          {failed[0]?.problem?.title ?? 'see details'}, {retryText(failed[0]?.retryAt ?? null).toLowerCase()}
          {oldest ? ` · showing data from ${relativeTime(oldest)}` : ''}
        </span>
      ) : (
        <span title={oldest ? exactTime(oldest) : undefined}>
          {oldest ? `Synced ${relativeTime(oldest)}` : 'Not synced yet'}
        </span>
      )}
      {canOperate ? (
        <Button
          size="sm"
          variant="ghost"
          onClick={() => refresh.mutate(scope)}
          disabled={refresh.isPending || running.length > 0}
          aria-label="Refresh from Instantly"
        >
          <RefreshCw
            aria-hidden
            className={cn('h-4 w-4', (refresh.isPending || running.length > 0) && 'animate-spin')}
          />
          Refresh
        </Button>
      ) : null}
    </div>
  );
}

export function ExportButton({ view, total }: { view: RowsView; total: number }) {
  // The file holds the rows the table shows: of the workspace it shows, even if another tab switched.
  const active = useActiveWorkspace();
  return (
    <Button size="sm" asChild>
      <a
        href={`/api/accounts/export?${withWorkspaceParam(fleetSearch(view), view.scope, active)}`}
        download
        aria-label={`Export ${total} accounts as CSV`}
      >
        <Download aria-hidden className="h-4 w-4" />
        CSV
      </a>
    </Button>
  );
}

export function ColumnsMenu({
  columns,
  visibility,
  onChange,
}: {
  columns: Array<{ id: string; label: string }>;
  visibility: VisibilityState;
  onChange: (next: VisibilityState) => void;
}) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button size="sm">
          <Columns3 aria-hidden className="h-4 w-4" />
          Columns
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuLabel>Show columns</DropdownMenuLabel>
        {columns.map((c) => (
          <DropdownMenuCheckboxItem
            key={c.id}
            checked={visibility[c.id] !== false}
            onCheckedChange={(checked) => onChange({ ...visibility, [c.id]: checked === true })}
            onSelect={(e) => e.preventDefault()}
          >
            {c.label}
          </DropdownMenuCheckboxItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

export function ClearFiltersButton({ count, onClear }: { count: number; onClear: () => void }) {
  if (count === 0) return null;
  return (
    <Button size="sm" variant="ghost" onClick={onClear}>
      <X aria-hidden className="h-4 w-4" />
      Clear {plural(count, 'filter')}
    </Button>
  );
}
