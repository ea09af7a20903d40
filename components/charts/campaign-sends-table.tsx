import type { ChartPoint } from '@/lib/schemas/api-account-detail';
import { DataTable } from './chart-frame';
import { formatPointSetting, formatValue } from './chart-theme';
import { formatLongDay } from '@/lib/format';

export function CampaignSendsTable({ points }: { points: readonly ChartPoint[] }) {
  return (
    <DataTable
      caption="Campaign sends per day and the daily limit"
      rows={points}
      rowKey={(p) => p.date}
      columns={[
        { header: 'Date', cell: (p) => formatLongDay(p.date) },
        { header: 'Campaign sends', numeric: true, cell: (p) => formatValue(p.campaignSent) },
        { header: 'Bounced', numeric: true, cell: (p) => formatValue(p.bounced) },
        { header: 'Daily limit', numeric: true, cell: (p) => formatPointSetting(p, 'dailyLimit') },
      ]}
    />
  );
}
