import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RowsView } from '@/lib/queries/accounts';
import type { AccountSortKey } from '@/lib/schemas/api-accounts';
import { FleetGrid } from './fleet-grid';

// The grid's header row, built from the table's header groups: one column header per visible
// column (after the select-all box), named by the column definitions, sized by them, with a sort
// button only where the column sorts and aria-sort on the sorted one.

vi.mock('next/navigation', () => ({ useRouter: () => ({ push: vi.fn() }) }));

const view: RowsView = { scope: 'active', sort: 'email', order: 'asc' };

function renderGrid(props: { sort?: AccountSortKey; order?: 'asc' | 'desc'; hidden?: string[] } = {}) {
  vi.stubGlobal('fetch', async () => Response.json({ rows: [], total: 0, sync: [] }));
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  const onSort = vi.fn();
  render(
    <FleetGrid
      view={view}
      total={0}
      workspaceLabels={new Map()}
      columnVisibility={Object.fromEntries((props.hidden ?? []).map((id) => [id, false]))}
      sort={props.sort ?? 'email'}
      order={props.order ?? 'asc'}
      onSort={onSort}
      selection={{ mode: 'keys', keys: new Map() }}
      onToggleRow={vi.fn()}
      onSetSelected={vi.fn()}
      onAllVisibleSelectedChange={vi.fn()}
      onError={vi.fn()}
      onClearSelection={vi.fn()}
      caption="Accounts"
    />,
    { wrapper },
  );
  return { onSort };
}

const headerNames = () => screen.getAllByRole('columnheader').map((h) => h.textContent?.trim() ?? '');

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('FleetGrid header', () => {
  it('names every visible column, in order, after the select-all box', () => {
    renderGrid({ hidden: ['tags'] });
    expect(headerNames()).toEqual([
      '',
      'Account',
      'Workspace',
      'Status',
      'Error',
      'Warmup',
      'Score',
      'Daily limit',
      'Gap (min)',
      'Warmup / day',
      'Provider',
      'Last used',
    ]);
    const grid = screen.getByRole('grid', { name: 'Accounts' });
    expect(grid.getAttribute('aria-colcount')).toBe('12');
    expect(screen.queryAllByRole('checkbox', { name: 'Select the visible rows' })).toHaveLength(1);
  });

  it('sizes each header from its column definition', () => {
    renderGrid();
    const [, account, workspace] = screen.getAllByRole('columnheader');
    expect(account?.style.width).toBe('260px');
    expect(account?.style.left).toBe('44px');
    expect(workspace?.style.width).toBe('150px');
  });

  it('marks the sorted column and sorts by the key of the header clicked', () => {
    const { onSort } = renderGrid({ sort: 'warmupScore', order: 'desc' });
    const score = screen.getAllByRole('columnheader').find((h) => h.textContent === 'Score')!;
    expect(score.getAttribute('aria-sort')).toBe('descending');
    const sorted = screen.getAllByRole('columnheader').filter((h) => h.hasAttribute('aria-sort'));
    expect(sorted).toEqual([score]);

    fireEvent.click(screen.getByRole('button', { name: 'Gap (min)' }));
    expect(onSort).toHaveBeenCalledWith('sendingGap');
  });

  it('gives an unsortable column no sort button', () => {
    renderGrid();
    const header = screen.getAllByRole('columnheader').find((h) => h.textContent === 'Warmup / day')!;
    expect(within(header).queryByRole('button')).toBeNull();
    expect(screen.getAllByRole('button')).toHaveLength(11);
  });
});
