import Link from 'next/link';
import { describeAccountStatus } from '@/lib/diagnostics/account-status';
import type { ScatterPoint } from '@/lib/schemas/api-account-detail';
import { DataTable } from './chart-frame';
import { formatValue } from './chart-theme';

/** The same accounts as a table, riskiest first (low score, high limit), each a link to its page. */
export function FleetScatterTable({
  points,
  hrefOf,
}: {
  points: readonly ScatterPoint[];
  hrefOf: (p: ScatterPoint) => string;
}) {
  const rows = [...points].sort(
    (a, b) => a.score - b.score || b.dailyLimit - a.dailyLimit || a.email.localeCompare(b.email),
  );
  return (
    <DataTable
      caption="Warmup score and daily limit per account, lowest score first"
      rows={rows}
      rowKey={(p) => `${p.workspaceId}/${p.email}`}
      columns={[
        {
          header: 'Account',
          cell: (p) => (
            <Link href={hrefOf(p)} className="text-primary underline-offset-2 hover:underline">
              {p.email}
            </Link>
          ),
        },
        { header: 'Warmup score', numeric: true, cell: (p) => formatValue(p.score) },
        { header: 'Daily limit', numeric: true, cell: (p) => formatValue(p.dailyLimit) },
        { header: 'Sending gap (min)', numeric: true, cell: (p) => formatValue(p.sendingGap) },
        { header: 'Status', cell: (p) => describeAccountStatus(p.status).label },
      ]}
    />
  );
}
