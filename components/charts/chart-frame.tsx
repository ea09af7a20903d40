'use client';

import { Table2, ChartLine } from 'lucide-react';
import { type ReactNode, useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@/components/ui/table';

/**
 * A chart with a "show as table" switch: the same numbers as a table, for screen readers and for
 * copying. The SVG itself is hidden from assistive technology only when the table is shown.
 */
export function ChartFrame({
  title,
  description,
  chart,
  table,
  actions,
}: {
  title: string;
  description?: ReactNode;
  chart: ReactNode;
  table: ReactNode;
  actions?: ReactNode;
}) {
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  return (
    <figure aria-labelledby={`${id}-title`} className="m-0 space-y-3">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <figcaption id={`${id}-title`} className="text-sm font-semibold">
            {title}
          </figcaption>
          {description ? <div className="mt-0.5 text-xs text-muted">{description}</div> : null}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {actions}
          <Button size="sm" variant="ghost" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
            {asTable ? (
              <ChartLine aria-hidden className="h-4 w-4" />
            ) : (
              <Table2 aria-hidden className="h-4 w-4" />
            )}
            {asTable ? 'Show as chart' : 'Show as table'}
          </Button>
        </div>
      </div>
      {asTable ? (
        // Scrollable, so it must be reachable by keyboard too.
        <div
          tabIndex={0}
          role="region"
          aria-label={`${typeof title === 'string' ? title : 'Chart'} as a table`}
          className="max-h-96 overflow-auto rounded-md border border-border"
        >
          {table}
        </div>
      ) : (
        chart
      )}
    </figure>
  );
}

/** A plain data table with a caption; numbers right-aligned and tabular. */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
}: {
  caption: string;
  columns: ReadonlyArray<{
    header: string;
    cell: (row: Row) => ReactNode;
    numeric?: boolean;
    wrap?: boolean;
  }>;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
}) {
  return (
    <Table>
      <TableCaption>{caption}</TableCaption>
      <TableHeader className="sticky top-0 bg-surface-raised text-sm text-inherit">
        <TableRow className="border-b-0">
          {columns.map((c) => (
            <TableHead
              key={c.header}
              scope="col"
              className={`px-3 py-2 font-medium whitespace-nowrap ${c.numeric ? 'text-right' : 'text-left'}`}
            >
              {c.header}
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={rowKey(row)} className="border-t border-b-0">
            {columns.map((c) => (
              <TableCell
                key={c.header}
                className={`px-3 py-1.5 ${c.numeric ? 'text-right tabular-nums' : ''} ${c.wrap ? 'min-w-48' : 'whitespace-nowrap'}`}
              >
                {c.cell(row)}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
