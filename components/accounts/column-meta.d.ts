import type { RowData } from '@tanstack/react-table';
import type { AccountSortKey } from '@/lib/schemas/api-accounts';

// What a column definition may say beyond TanStack's own fields, typed once for every table here
// (the fleet grid is the only one). A column's width is TanStack's `size`, read with getSize().
declare module '@tanstack/react-table' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the declaration merged with must repeat both parameters
  interface ColumnMeta<TData extends RowData, TValue> {
    /** The sort key when the header is clicked; none for unsortable columns. */
    sortKey?: AccountSortKey;
    align?: 'right';
  }
}
