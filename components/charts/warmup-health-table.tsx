import type { ChartMarker, ChartPoint } from '@/lib/schemas/api-account-detail';
import { DataTable } from './chart-frame';
import { formatPointSetting, formatValue } from './chart-theme';
import { formatLongDay } from '@/lib/format';

// The warmup chart's numbers as a table (kept apart from the chart so it never loads Recharts).

export function WarmupHealthTable({
  points,
  markers,
}: {
  points: readonly ChartPoint[];
  markers: readonly ChartMarker[];
}) {
  return (
    <DataTable
      caption="Warmup health, landings and settings per day"
      rows={points}
      rowKey={(p) => p.date}
      columns={[
        { header: 'Date', cell: (p) => formatLongDay(p.date) },
        { header: 'Health (day)', numeric: true, cell: (p) => formatValue(p.health, '%') },
        { header: 'Health (7 days)', numeric: true, cell: (p) => formatValue(p.health7d, '%') },
        { header: 'Warmup sent', numeric: true, cell: (p) => formatValue(p.warmupSent) },
        { header: 'Inbox', numeric: true, cell: (p) => formatValue(p.inbox) },
        { header: 'Spam', numeric: true, cell: (p) => formatValue(p.spam) },
        { header: 'Daily limit', numeric: true, cell: (p) => formatPointSetting(p, 'dailyLimit') },
        { header: 'Sending gap (min)', numeric: true, cell: (p) => formatPointSetting(p, 'sendingGap') },
        {
          header: 'Changes',
          wrap: true,
          cell: (p) =>
            p.markers
              .map((i) => markers[i])
              .filter((m): m is ChartMarker => m !== undefined)
              .map((m) => `${m.label} (${m.by})`)
              .join('; ') || '',
        },
      ]}
    />
  );
}
