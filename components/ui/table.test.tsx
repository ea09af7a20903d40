import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from './table';

afterEach(cleanup);

it('renders a semantic table: named by its caption, column and row headers scoped, caller classes last', () => {
  render(
    <Table>
      <TableCaption>Vitals per domain</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Domain</TableHead>
          <TableHead className="text-right">Accounts</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        <TableRow>
          <TableHead scope="row">acme.io</TableHead>
          <TableCell className="px-4">3</TableCell>
        </TableRow>
      </TableBody>
    </Table>,
  );
  const table = screen.getByRole('table', { name: 'Vitals per domain' });
  const [head, body] = within(table).getAllByRole('row');
  expect(
    within(head!)
      .getAllByRole('columnheader')
      .map((h) => h.getAttribute('scope')),
  ).toEqual(['col', 'col']);
  expect(within(body!).getByRole('rowheader', { name: 'acme.io' }).getAttribute('scope')).toBe('row');
  const cell = within(body!).getByRole('cell', { name: '3' });
  expect(cell.className.split(' ')).toContain('px-4');
  expect(cell.className.split(' ')).not.toContain('px-3');
});
