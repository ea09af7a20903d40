'use client';

import { type VisibilityState, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp } from 'lucide-react';
import { useRouter } from 'next/navigation';
import {
  type KeyboardEvent,
  type MouseEvent,
  forwardRef,
  useCallback,
  useDeferredValue,
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
} from 'react';
import { accountHref } from '@/components/account/account-href';
import { Checkbox } from '@/components/ui/checkbox';
import { cn } from '@/components/ui/cn';
import type { RowsView } from '@/lib/queries/accounts';
import type { AccountRow, AccountSortKey } from '@/lib/schemas/api-accounts';
import { type GridRow, fleetColumns } from './fleet-columns';
import { CHECKBOX_WIDTH, FleetGridRow, ROW_HEIGHT, STICKY_COLUMN } from './fleet-grid-row';
import { type Selection, isSelected } from './selection';
import { useRowBlocks } from './use-row-blocks';

export interface FleetGridHandle {
  focus: () => void;
}

interface FleetGridProps {
  view: RowsView;
  total: number;
  workspaceLabels: ReadonlyMap<string, string>;
  columnVisibility: VisibilityState;
  sort: AccountSortKey;
  order: 'asc' | 'desc';
  onSort: (key: AccountSortKey) => void;
  selection: Selection;
  onToggleRow: (index: number, row: AccountRow, range: boolean) => void;
  /** Selects or unselects these rows (the header checkbox over the rows in sight). */
  onSetSelected: (rows: AccountRow[], selected: boolean) => void;
  /** Told when "every row in sight is selected" becomes true or false (not on every scroll frame). */
  onAllVisibleSelectedChange: (all: boolean) => void;
  /** Told when loading a block of rows fails, or stops failing. */
  onError: (error: Error | null) => void;
  onClearSelection: () => void;
  caption: string;
}

/**
 * The virtualised fleet grid: a constant number of DOM rows at any fleet size. The scroll position,
 * and with it the visible range and the blocks of rows it needs, lives here alone: scrolling renders
 * this grid (and only the rows that changed), never the toolbar, facets or bulk bar around it.
 * Keyboard: j/k or the arrows move, x or space select (shift extends a range), Enter opens, Home/End
 * jump, Esc clears the selection. Focus stays on the grid and the active row is announced via
 * aria-activedescendant.
 */
export const FleetGrid = forwardRef<FleetGridHandle, FleetGridProps>(function FleetGrid(props, ref) {
  const { view, total, workspaceLabels, columnVisibility, sort, order, onSort, selection } = props;
  const router = useRouter();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  useImperativeHandle(ref, () => ({ focus: () => scrollRef.current?.focus() }), []);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    // The range's change renders with the scroll event's own priority, not synchronously inside it.
    useFlushSync: false,
  });
  // The rows follow the range from a deferred copy: while a scrollbar is dragged, React renders them
  // in a render it can interrupt and resume between frames, so no frame waits for a screen of new
  // rows (each a dozen cells); they catch up as soon as the range rests.
  const items = useDeferredValue(virtualizer.getVirtualItems());
  // Consecutive indices modulo this are distinct, so the slot keys of the rendered rows are unique.
  const rowSlots = Math.max(1, items.length);
  const { rowAt, error } = useRowBlocks(view, {
    start: items[0]?.index ?? 0,
    end: items[items.length - 1]?.index ?? 0,
  });

  const { onError, onAllVisibleSelectedChange } = props;
  useEffect(() => onError(error), [error, onError]);

  const columns = useMemo(() => fleetColumns(workspaceLabels), [workspaceLabels]);
  const columnsKey = useMemo(() => ({ columns, columnVisibility }), [columns, columnVisibility]);
  // Only the rows on screen go through the table model: it stays cheap at 10,000 accounts.
  const data = useMemo(
    () => items.map((item): GridRow => ({ index: item.index, row: rowAt(item.index) })),
    [items, rowAt],
  );
  const table = useReactTable({
    data,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (r) => String(r.index),
    state: { columnVisibility },
    manualSorting: true,
    // Nothing here pages or expands; left on, each new `data` (every scroll frame) would queue a
    // state reset that renders the grid again, and again, forever once a click makes it synchronous.
    autoResetAll: false,
  });
  const visibleColumns = table.getVisibleLeafColumns();
  const width = CHECKBOX_WIDTH + table.getTotalSize();
  // One row of headers: the columns are flat, with no groups above them.
  const headers = table.getHeaderGroups()[0]?.headers ?? [];

  // The header checkbox speaks for the rows in sight.
  const visibleRows = data.flatMap((d) => (d.row ? [d.row] : []));
  const visibleSelected = visibleRows.filter((r) => isSelected(selection, r)).length;
  const headerChecked: boolean | 'indeterminate' =
    visibleRows.length > 0 && visibleSelected === visibleRows.length
      ? true
      : visibleSelected > 0
        ? 'indeterminate'
        : false;
  useEffect(
    () => onAllVisibleSelectedChange(headerChecked === true),
    [headerChecked, onAllVisibleSelectedChange],
  );

  const activeIndex = Math.min(active, Math.max(0, total - 1));
  const move = (index: number) => {
    const next = Math.max(0, Math.min(total - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== scrollRef.current || total === 0) return;
    const row = rowAt(activeIndex);
    const page = Math.max(
      1,
      Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1,
    );
    const handlers: Record<string, () => void> = {
      j: () => move(activeIndex + 1),
      ArrowDown: () => move(activeIndex + 1),
      k: () => move(activeIndex - 1),
      ArrowUp: () => move(activeIndex - 1),
      PageDown: () => move(activeIndex + page),
      PageUp: () => move(activeIndex - page),
      Home: () => move(0),
      End: () => move(total - 1),
      x: () => row && props.onToggleRow(activeIndex, row, event.shiftKey),
      X: () => row && props.onToggleRow(activeIndex, row, true),
      ' ': () => row && props.onToggleRow(activeIndex, row, event.shiftKey),
      Enter: () => row && router.push(accountHref(row)),
      Escape: () => props.onClearSelection(),
    };
    const handler = handlers[event.key];
    if (handler && !event.metaKey && !event.ctrlKey && !event.altKey) {
      event.preventDefault();
      handler();
    }
  };

  // The rows' handlers stay the same function for the grid's lifetime (so a row need not render
  // again for a new one) and read the latest props when called.
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });
  const onToggleRow = useCallback(
    (index: number, row: AccountRow, range: boolean) => latest.current.onToggleRow(index, row, range),
    [],
  );
  const onRowClick = useCallback(
    (event: MouseEvent, index: number, row: AccountRow | undefined) => {
      setActive(index);
      if (!row) return;
      if ((event.target as HTMLElement).closest('input,a,button')) return;
      if (event.shiftKey) {
        event.preventDefault();
        latest.current.onToggleRow(index, row, true);
        return;
      }
      router.push(accountHref(row));
    },
    [router],
  );

  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label={props.caption}
      aria-rowcount={total + 1}
      aria-colcount={visibleColumns.length + 1}
      aria-multiselectable="true"
      aria-activedescendant={total > 0 ? `fleet-row-${activeIndex}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      className="group relative h-[calc(100vh-18rem)] min-h-96 overflow-auto rounded-b-lg text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring"
    >
      <div style={{ width, minWidth: '100%' }}>
        <div
          role="row"
          aria-rowindex={1}
          className="sticky top-0 z-10 flex border-b border-border bg-surface text-xs text-muted"
        >
          <div
            role="columnheader"
            className="sticky left-0 z-[2] flex items-center justify-center bg-surface"
            style={{ width: CHECKBOX_WIDTH }}
          >
            <Checkbox
              aria-label="Select the visible rows"
              checked={headerChecked}
              onChange={() => props.onSetSelected(visibleRows, headerChecked !== true)}
            />
          </div>
          {headers.map((header) => {
            const { column } = header;
            const sortKey = column.columnDef.meta?.sortKey;
            const sorted = sortKey === sort;
            const label = flexRender(column.columnDef.header, header.getContext());
            return (
              <div
                key={header.id}
                role="columnheader"
                aria-sort={sorted ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
                style={
                  column.id === STICKY_COLUMN
                    ? { width: header.getSize(), left: CHECKBOX_WIDTH }
                    : { width: header.getSize() }
                }
                className={cn(
                  'flex items-center px-3 py-2 font-medium',
                  column.columnDef.meta?.align === 'right' && 'justify-end',
                  column.id === STICKY_COLUMN && 'sticky z-[2] border-r border-border bg-surface',
                )}
              >
                {sortKey ? (
                  <button
                    type="button"
                    onClick={() => onSort(sortKey)}
                    className={cn(
                      'flex items-center gap-1 rounded hover:text-foreground',
                      sorted && 'text-foreground',
                    )}
                  >
                    {label}
                    {sorted ? (
                      order === 'asc' ? (
                        <ArrowUp aria-hidden className="h-3 w-3" />
                      ) : (
                        <ArrowDown aria-hidden className="h-3 w-3" />
                      )
                    ) : null}
                  </button>
                ) : (
                  label
                )}
              </div>
            );
          })}
        </div>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {table.getRowModel().rows.map((tableRow, i) => {
            const { index, row } = tableRow.original;
            return (
              <FleetGridRow
                // Keyed by slot, not by index: a row scrolled out hands its DOM to the one scrolled
                // in, so a scrollbar drag updates rows instead of destroying and creating them.
                key={index % rowSlots}
                tableRow={tableRow}
                index={index}
                row={row}
                start={items[i]?.start ?? index * ROW_HEIGHT}
                selected={row ? isSelected(selection, row) : false}
                active={index === activeIndex}
                columnsKey={columnsKey}
                onRowClick={onRowClick}
                onToggleRow={onToggleRow}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
});
