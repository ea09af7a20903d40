'use client';

import { type VisibilityState, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp } from 'lucide-react';
import { useRouter } from 'next/navigation';
import {
  type KeyboardEvent,
  type MouseEvent,
  forwardRef,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
} from 'react';
import { cn } from '@/components/ui/cn';
import type { AccountRow, AccountSortKey } from '@/lib/schemas/api-accounts';
import { type ColumnMeta, type GridRow, fleetColumns } from './fleet-columns';
import { type Selection, isSelected } from './selection';

export const ROW_HEIGHT = 52;
const CHECKBOX_WIDTH = 44;
/** The account stays in view while the other columns scroll sideways. */
const STICKY_COLUMN = 'email';

/** Sticky cells need their own opaque background, matching the row's state. */
const stickyCell = (selected: boolean) =>
  cn('sticky z-[1]', selected ? 'bg-primary-soft' : 'bg-surface group-hover/row:bg-surface-raised');

export interface FleetGridHandle {
  focus: () => void;
}

interface FleetGridProps {
  total: number;
  rowAt: (index: number) => AccountRow | undefined;
  onVisibleChange: (range: { start: number; end: number }) => void;
  workspaceLabels: ReadonlyMap<string, string>;
  columnVisibility: VisibilityState;
  sort: AccountSortKey;
  order: 'asc' | 'desc';
  onSort: (key: AccountSortKey) => void;
  selection: Selection;
  onToggleRow: (index: number, row: AccountRow, range: boolean) => void;
  headerChecked: boolean | 'indeterminate';
  onToggleVisible: () => void;
  onClearSelection: () => void;
  caption: string;
}

export const accountHref = (row: Pick<AccountRow, 'email' | 'workspaceId'>) =>
  `/accounts/${encodeURIComponent(row.email)}?workspace=${encodeURIComponent(row.workspaceId)}`;

/**
 * The virtualised fleet grid: a constant number of DOM rows at any fleet size. Keyboard: j/k or the
 * arrows move, x or space select (shift extends a range), Enter opens, Home/End jump, Esc clears
 * the selection. Focus stays on the grid and the active row is announced via aria-activedescendant.
 */
export const FleetGrid = forwardRef<FleetGridHandle, FleetGridProps>(function FleetGrid(props, ref) {
  const { total, rowAt, onVisibleChange, workspaceLabels, columnVisibility, sort, order, onSort, selection } =
    props;
  const router = useRouter();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  useImperativeHandle(ref, () => ({ focus: () => scrollRef.current?.focus() }), []);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    onChange: (instance) => {
      const items = instance.getVirtualItems();
      const first = items[0];
      const last = items[items.length - 1];
      if (first && last) onVisibleChange({ start: first.index, end: last.index });
    },
  });
  const items = virtualizer.getVirtualItems();

  const columns = useMemo(() => fleetColumns(workspaceLabels), [workspaceLabels]);
  // Only the rows on screen go through the table model: it stays cheap at 10,000 accounts.
  const data = useMemo<GridRow[]>(
    () => items.map((item) => ({ index: item.index, row: rowAt(item.index) })),
    [items, rowAt],
  );
  const table = useReactTable({
    data,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (r) => String(r.index),
    state: { columnVisibility },
    manualSorting: true,
  });
  const visibleColumns = table.getVisibleLeafColumns();
  const width =
    CHECKBOX_WIDTH + visibleColumns.reduce((sum, c) => sum + (c.columnDef.meta as ColumnMeta).width, 0);

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

  const onRowClick = (event: MouseEvent, index: number, row: AccountRow | undefined) => {
    setActive(index);
    if (!row) return;
    if ((event.target as HTMLElement).closest('input,a,button')) return;
    if (event.shiftKey) {
      event.preventDefault();
      props.onToggleRow(index, row, true);
      return;
    }
    router.push(accountHref(row));
  };

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
            <input
              type="checkbox"
              aria-label="Select the visible rows"
              className="h-4 w-4 accent-[var(--primary)]"
              checked={props.headerChecked === true}
              ref={(el) => {
                if (el) el.indeterminate = props.headerChecked === 'indeterminate';
              }}
              onChange={props.onToggleVisible}
            />
          </div>
          {visibleColumns.map((column) => {
            const meta = column.columnDef.meta as ColumnMeta;
            const sorted = meta.sortKey === sort;
            return (
              <div
                key={column.id}
                role="columnheader"
                aria-sort={sorted ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
                style={
                  column.id === STICKY_COLUMN
                    ? { width: meta.width, left: CHECKBOX_WIDTH }
                    : { width: meta.width }
                }
                className={cn(
                  'flex items-center px-3 py-2 font-medium',
                  meta.align === 'right' && 'justify-end',
                  column.id === STICKY_COLUMN && 'sticky z-[2] border-r border-border bg-surface',
                )}
              >
                {meta.sortKey ? (
                  <button
                    type="button"
                    onClick={() => onSort(meta.sortKey!)}
                    className={cn(
                      'flex items-center gap-1 rounded hover:text-foreground',
                      sorted && 'text-foreground',
                    )}
                  >
                    {flexRender(column.columnDef.header, { column, header: undefined as never, table })}
                    {sorted ? (
                      order === 'asc' ? (
                        <ArrowUp aria-hidden className="h-3 w-3" />
                      ) : (
                        <ArrowDown aria-hidden className="h-3 w-3" />
                      )
                    ) : null}
                  </button>
                ) : (
                  flexRender(column.columnDef.header, { column, header: undefined as never, table })
                )}
              </div>
            );
          })}
        </div>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {table.getRowModel().rows.map((tableRow) => {
            const { index, row } = tableRow.original;
            const item = items.find((i) => i.index === index);
            const selected = row ? isSelected(selection, row) : false;
            return (
              <div
                key={tableRow.id}
                id={`fleet-row-${index}`}
                role="row"
                aria-rowindex={index + 2}
                aria-selected={selected}
                aria-busy={row ? undefined : true}
                onClick={(event) => onRowClick(event, index, row)}
                style={{
                  transform: `translateY(${item?.start ?? index * ROW_HEIGHT}px)`,
                  height: ROW_HEIGHT,
                }}
                className={cn(
                  'group/row absolute top-0 left-0 flex w-full cursor-pointer border-b border-border hover:bg-surface-raised',
                  selected && 'bg-primary-soft hover:bg-primary-soft',
                  // The keyboard cursor shows only while the grid has focus.
                  index === activeIndex &&
                    'group-focus:outline-2 group-focus:-outline-offset-2 group-focus:outline-ring',
                )}
              >
                <div
                  role="gridcell"
                  className={cn('left-0 flex items-center justify-center', stickyCell(selected))}
                  style={{ width: CHECKBOX_WIDTH }}
                >
                  <input
                    type="checkbox"
                    tabIndex={-1}
                    aria-label={row ? `Select ${row.email}` : 'Loading row'}
                    disabled={!row}
                    checked={selected}
                    className="h-4 w-4 accent-[var(--primary)]"
                    onClick={(event) => event.stopPropagation()}
                    onChange={(event) =>
                      row && props.onToggleRow(index, row, (event.nativeEvent as PointerEvent).shiftKey)
                    }
                  />
                </div>
                {tableRow.getVisibleCells().map((cell) => {
                  const meta = cell.column.columnDef.meta as ColumnMeta;
                  return (
                    <div
                      key={cell.id}
                      role="gridcell"
                      style={
                        cell.column.id === STICKY_COLUMN
                          ? { width: meta.width, left: CHECKBOX_WIDTH }
                          : { width: meta.width }
                      }
                      className={cn(
                        'flex min-w-0 items-center overflow-hidden px-3',
                        meta.align === 'right' && 'justify-end tabular-nums',
                        cell.column.id === STICKY_COLUMN && [stickyCell(selected), 'border-r border-border'],
                      )}
                    >
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
});
