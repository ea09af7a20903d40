'use client';

import type { VisibilityState } from '@tanstack/react-table';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ScopeToggle } from '@/components/shell/scope-toggle';
import { useWorkspaces } from '@/components/shell/use-workspaces';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { ApiError } from '@/lib/queries/api-fetch';
import type { AccountRow, AccountSortKey } from '@/lib/schemas/api-accounts';
import { FacetPanel } from './facet-panel';
import { fleetColumns } from './fleet-columns';
import { FleetGrid, type FleetGridHandle } from './fleet-grid';
import { ClearFiltersButton, ColumnsMenu, ExportButton, SearchBox, SyncIndicator } from './fleet-toolbar';
import {
  type Selection,
  emptySelection,
  isSelected,
  rangeBetween,
  selectAllMatching,
  selectedCount,
  setSelected,
  toggle,
} from './selection';
import { SavedViewsMenu } from './saved-views-menu';
import { type FleetUrlState, useFleetView } from './use-fleet-view';
import { usePersistentState } from './use-persistent-state';
import { useSavedViews } from './use-saved-views';
import { useRowsHead } from './use-row-blocks';
import { formatNumber, plural } from '@/lib/format';

// The bulk bar and its dialogs (with the preview and the job queries behind them) load on the first
// selection: a first visit that only looks does not pay for them.
const BulkBar = dynamic(() => import('./bulk-bar').then((m) => m.BulkBar), { ssr: false });

/** Numeric columns read best largest-first; names and dates alphabetically/oldest-first. */
const descendingFirst = new Set<AccountSortKey>([
  'warmupScore',
  'dailyLimit',
  'sendingGap',
  'lastUsed',
  'created',
  'error',
]);

export function FleetTable() {
  const {
    state,
    setState,
    filters,
    view,
    selectedValues,
    toggleFacetValue,
    clearFilters,
    activeFilterCount,
  } = useFleetView();
  const { data: workspaceData } = useWorkspaces();
  const searchRef = useRef<HTMLInputElement>(null);
  const gridRef = useRef<FleetGridHandle>(null);
  const blocks = useRowsHead(view);
  const { total } = blocks;
  // What the grid reports of the rows in sight; it changes rarely, not with every scroll frame.
  const [allVisibleSelected, setAllVisibleSelected] = useState(false);
  const [gridError, setGridError] = useState<Error | null>(null);

  const workspaceLabels = useMemo(
    () => new Map((workspaceData?.workspaces ?? []).map((w) => [w.id, w.label])),
    [workspaceData],
  );
  const severalWorkspaces = blocks.sync.length > 1;

  // Column visibility and the last sort are remembered per browser; the URL wins when it has a sort.
  const [storedVisibility, setStoredVisibility] = usePersistentState<VisibilityState>('fleet.columns', {});
  const columnVisibility = useMemo(
    () => ({ workspace: severalWorkspaces, ...storedVisibility }),
    [severalWorkspaces, storedVisibility],
  );
  const [storedSort, setStoredSort] = usePersistentState<{
    sort: AccountSortKey;
    order: 'asc' | 'desc';
  } | null>('fleet.sort', null);
  const restoredSort = useRef(false);
  useEffect(() => {
    if (restoredSort.current) return;
    restoredSort.current = true;
    const urlHasSort = new URLSearchParams(window.location.search).has('sort');
    if (!urlHasSort && storedSort) void setState(storedSort);
  }, [storedSort, setState]);

  // Opening a saved view replaces the whole view: every filter, the sort and the columns.
  const applyView = useCallback(
    (next: FleetUrlState, columns: VisibilityState) => {
      setStoredVisibility(columns);
      setStoredSort({ sort: next.sort, order: next.order });
      void setState(next);
    },
    [setState, setStoredSort, setStoredVisibility],
  );
  const saved = useSavedViews({ state, columns: storedVisibility, apply: applyView });

  const onSort = (key: AccountSortKey) => {
    const order =
      state.sort === key
        ? state.order === 'asc'
          ? 'desc'
          : 'asc'
        : descendingFirst.has(key)
          ? 'desc'
          : 'asc';
    setStoredSort({ sort: key, order });
    void setState({ sort: key, order });
  };

  // The selection belongs to the filter it was made under: a new filter starts a new selection.
  const filtersKey = JSON.stringify(filters);
  const [selection, setSelection] = useState<{ key: string; value: Selection }>({
    key: filtersKey,
    value: emptySelection,
  });
  const current = selection.key === filtersKey ? selection.value : emptySelection;
  const setCurrent = useCallback(
    (value: Selection) => setSelection({ key: filtersKey, value }),
    [filtersKey],
  );
  const [anchor, setAnchor] = useState<number | null>(null);

  const onToggleRow = async (index: number, row: AccountRow, range: boolean) => {
    if (range && anchor !== null && anchor !== index) {
      const indices = rangeBetween(anchor, index);
      const rows = await blocks.loadRange(indices[0]!, indices[indices.length - 1]!);
      setCurrent(setSelected(current, rows, !isSelected(current, row)));
    } else {
      setCurrent(toggle(current, row));
    }
    setAnchor(index);
  };

  const onSetSelected = (rows: AccountRow[], value: boolean) => setCurrent(setSelected(current, rows, value));
  const count = selectedCount(current, total);

  // "/" jumps to the search box from anywhere on the page.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.key !== '/' || target.closest('input, textarea, select, [contenteditable="true"]')) return;
      event.preventDefault();
      searchRef.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const columns = useMemo(
    () => fleetColumns(workspaceLabels).map((c) => ({ id: c.id!, label: String(c.header) })),
    [workspaceLabels],
  );
  const error = blocks.error ?? gridError;

  return (
    <div className="grid gap-4 lg:grid-cols-[15rem_minmax(0,1fr)]">
      <FacetPanel filters={filters} selectedValues={selectedValues} onToggle={toggleFacetValue} />
      <div className="flex min-w-0 flex-col gap-3">
        <div className="flex flex-wrap items-center gap-2">
          <ScopeToggle value={state.scope} onChange={(scope) => void setState({ scope, ws: null })} />
          <SearchBox value={state.q} onChange={(q) => void setState({ q: q || null })} inputRef={searchRef} />
          <ClearFiltersButton count={activeFilterCount} onClear={clearFilters} />
          <div className="ml-auto flex flex-wrap items-center gap-2">
            <SyncIndicator scope={state.scope} initial={blocks.sync} />
            <SavedViewsMenu saved={saved} />
            <ColumnsMenu columns={columns} visibility={columnVisibility} onChange={setStoredVisibility} />
            <ExportButton view={view} total={total} />
          </div>
        </div>

        {count > 0 ? (
          <BulkBar
            selection={current}
            total={total}
            filters={filters}
            onClear={() => setCurrent(emptySelection)}
          />
        ) : null}

        <div className="rounded-lg border border-border bg-surface">
          <div className="flex flex-wrap items-center gap-2 border-b border-border px-3 py-2 text-sm">
            <span aria-live="polite" className={cn(blocks.isPlaceholder && 'text-muted')}>
              {blocks.isPending ? 'Loading accounts…' : plural(total, 'account')}
            </span>
            {current.mode === 'keys' && allVisibleSelected && total > count ? (
              <Button
                size="sm"
                variant="ghost"
                className="h-7 text-primary"
                onClick={() => setCurrent(selectAllMatching())}
              >
                Select all {formatNumber(total)} matching
              </Button>
            ) : null}
            {current.mode === 'all' ? (
              <span className="text-muted">All {formatNumber(total)} matching this filter are selected.</span>
            ) : null}
            <span className="ml-auto hidden text-xs text-muted md:inline">
              <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>x</kbd> select · <kbd>Enter</kbd> open · <kbd>/</kbd>{' '}
              search · <kbd>Esc</kbd> clear
            </span>
          </div>
          {error ? (
            <ErrorState
              title={error.message}
              detail={error instanceof ApiError ? error.problem.detail : undefined}
              onRetry={() => {
                // The grid mounts again and asks for its failed blocks anew.
                setGridError(null);
                void blocks.refetch();
              }}
            />
          ) : !blocks.isPending && total === 0 ? (
            activeFilterCount > 0 ? (
              <EmptyState
                title="No account matches these filters"
                action={<Button onClick={clearFilters}>Clear filters</Button>}
              />
            ) : blocks.sync.some((s) => s.state === 'running') ? (
              <EmptyState title="Indexing the workspace…">
                Accounts appear here as Instantly sends them, 100 at a time.
              </EmptyState>
            ) : (
              <EmptyState
                title="No accounts in this workspace yet"
                action={
                  <Button asChild>
                    <Link href="/settings">Connect another workspace</Link>
                  </Button>
                }
              >
                Connect sending accounts in Instantly, then refresh.
              </EmptyState>
            )
          ) : (
            <FleetGrid
              ref={gridRef}
              view={view}
              total={total}
              workspaceLabels={workspaceLabels}
              columnVisibility={columnVisibility}
              sort={state.sort}
              order={state.order}
              onSort={onSort}
              selection={current}
              onToggleRow={(i, r, range) => void onToggleRow(i, r, range)}
              onSetSelected={onSetSelected}
              onAllVisibleSelectedChange={setAllVisibleSelected}
              onError={setGridError}
              onClearSelection={() => setCurrent(emptySelection)}
              caption="Sending accounts"
            />
          )}
        </div>
      </div>
    </div>
  );
}
