'use client';

import { type Row, flexRender } from '@tanstack/react-table';
import { type MouseEvent, memo } from 'react';
import { Checkbox } from '@/components/ui/checkbox';
import { cn } from '@/components/ui/cn';
import type { AccountRow } from '@/lib/schemas/api-accounts';
import type { GridRow } from './fleet-columns';

export const ROW_HEIGHT = 52;
export const CHECKBOX_WIDTH = 44;
/** The account stays in view while the other columns scroll sideways. */
export const STICKY_COLUMN = 'email';

/** Sticky cells need their own opaque background, matching the row's state. */
export const stickyCell = (selected: boolean) =>
  cn('sticky z-[1]', selected ? 'bg-primary-soft' : 'bg-surface group-hover/row:bg-surface-raised');

interface FleetGridRowProps {
  /** The table's row for this slot; a new object on every render of the grid, hence not compared. */
  tableRow: Row<GridRow>;
  index: number;
  row: AccountRow | undefined;
  start: number;
  selected: boolean;
  active: boolean;
  /** Changes whenever the set of visible columns (or what they show) does. */
  columnsKey: unknown;
  /** Stable for the grid's lifetime: they read the grid's latest props when called. */
  onRowClick: (event: MouseEvent, index: number, row: AccountRow | undefined) => void;
  onToggleRow: (index: number, row: AccountRow, range: boolean) => void;
}

function FleetGridRowView({
  tableRow,
  index,
  row,
  start,
  selected,
  active,
  onRowClick,
  onToggleRow,
}: FleetGridRowProps) {
  return (
    <div
      id={`fleet-row-${index}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-busy={row ? undefined : true}
      onClick={(event) => onRowClick(event, index, row)}
      style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT }}
      className={cn(
        'group/row absolute top-0 left-0 flex w-full cursor-pointer border-b border-border hover:bg-surface-raised',
        selected && 'bg-primary-soft hover:bg-primary-soft',
        // The keyboard cursor shows only while the grid has focus.
        active && 'group-focus:outline-2 group-focus:-outline-offset-2 group-focus:outline-ring',
      )}
    >
      <div
        role="gridcell"
        className={cn('left-0 flex items-center justify-center', stickyCell(selected))}
        style={{ width: CHECKBOX_WIDTH }}
      >
        <Checkbox
          tabIndex={-1}
          aria-label={row ? `Select ${row.email}` : 'Loading row'}
          disabled={!row}
          checked={selected}
          onClick={(event) => event.stopPropagation()}
          onChange={(event) => row && onToggleRow(index, row, (event.nativeEvent as PointerEvent).shiftKey)}
        />
      </div>
      {tableRow.getVisibleCells().map((cell) => {
        const width = cell.column.getSize();
        return (
          <div
            key={cell.id}
            role="gridcell"
            style={cell.column.id === STICKY_COLUMN ? { width, left: CHECKBOX_WIDTH } : { width }}
            className={cn(
              'flex min-w-0 items-center overflow-hidden px-3',
              cell.column.columnDef.meta?.align === 'right' && 'justify-end tabular-nums',
              cell.column.id === STICKY_COLUMN && [stickyCell(selected), 'border-r border-border'],
            )}
          >
            {flexRender(cell.column.columnDef.cell, cell.getContext())}
          </div>
        );
      })}
    </div>
  );
}

/**
 * One row of the fleet grid. It renders again only when what it shows changes (its account, place,
 * selection, cursor or the columns), not on every scroll frame of the grid around it.
 */
export const FleetGridRow = memo(
  FleetGridRowView,
  (prev, next) =>
    prev.index === next.index &&
    prev.row === next.row &&
    prev.start === next.start &&
    prev.selected === next.selected &&
    prev.active === next.active &&
    prev.columnsKey === next.columnsKey &&
    prev.onRowClick === next.onRowClick &&
    prev.onToggleRow === next.onToggleRow,
);
