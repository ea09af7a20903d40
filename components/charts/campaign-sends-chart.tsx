'use client';

import { Bar, CartesianGrid, Cell, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartPoint } from '@/lib/schemas/api-account-detail';
import { axisTick, chartColors, formatPointSetting, formatValue, settingSeriesName } from './chart-theme';
import type { TooltipInput } from './tooltip-input';
import { formatDay, formatLongDay } from '@/lib/format';

// Campaign emails sent per day against the daily limit in force that day: how much of the limit the
// campaigns actually use, and whether a limit change changed anything. A bar above the line is drawn
// in the error colour (and says so in the tooltip), as Instantly should never send past the limit.

export interface CampaignSendsChartProps {
  points: readonly ChartPoint[];
  height?: number;
}

const overLimit = (p: ChartPoint) =>
  p.campaignSent !== null && p.dailyLimit !== null && p.campaignSent > p.dailyLimit;

function SendsTooltip({ active, payload }: TooltipInput) {
  const point = payload?.[0]?.payload as ChartPoint | undefined;
  if (!active || !point) return null;
  const used =
    point.campaignSent !== null && point.dailyLimit
      ? Math.round((100 * point.campaignSent) / point.dailyLimit)
      : null;
  return (
    <div className="rounded-md border border-border bg-surface px-3 py-2 text-xs text-foreground shadow-lg">
      <p className="mb-1 font-semibold">{formatLongDay(point.date)}</p>
      <dl className="grid grid-cols-[auto_auto] gap-x-4 gap-y-0.5">
        <dt className="text-muted">Campaign sends</dt>
        <dd className="text-right tabular-nums">{formatValue(point.campaignSent)}</dd>
        <dt className="text-muted">Bounced</dt>
        <dd className="text-right tabular-nums">{formatValue(point.bounced)}</dd>
        <dt className="text-muted">Daily limit</dt>
        <dd className="text-right tabular-nums">{formatPointSetting(point, 'dailyLimit')}</dd>
        <dt className="text-muted">Limit used</dt>
        <dd className="text-right tabular-nums">{formatValue(used, '%')}</dd>
      </dl>
      {overLimit(point) ? <p className="mt-1 font-medium text-error-fg">Above the daily limit</p> : null}
    </div>
  );
}

export function CampaignSendsChart({ points, height = 220 }: CampaignSendsChartProps) {
  return (
    <ComposedChart
      data={points as ChartPoint[]}
      responsive
      style={{ width: '100%', height }}
      margin={{ top: 8, right: 4, bottom: 4, left: 0 }}
      accessibilityLayer
      title="Campaign sends per day against the daily limit"
    >
      <CartesianGrid stroke={chartColors.grid} strokeDasharray="3 3" vertical={false} />
      <XAxis
        dataKey="date"
        tickFormatter={formatDay}
        tick={axisTick}
        stroke={chartColors.grid}
        minTickGap={20}
      />
      <YAxis
        tick={axisTick}
        stroke={chartColors.grid}
        width={40}
        allowDecimals={false}
        domain={[0, 'auto']}
      />
      <Tooltip
        content={(props) => <SendsTooltip active={props.active} payload={props.payload} />}
        cursor={{ fill: 'var(--surface-raised)' }}
      />
      <Legend wrapperStyle={{ fontSize: 12, color: 'var(--foreground)' }} />
      <Bar
        dataKey="campaignSent"
        name="Campaign sends"
        fill={chartColors.campaign}
        fillOpacity={0.7}
        isAnimationActive={false}
      >
        {points.map((p) => (
          <Cell key={p.date} fill={overLimit(p) ? chartColors.overLimit : chartColors.campaign} />
        ))}
      </Bar>
      <Line
        dataKey="dailyLimit"
        name={settingSeriesName(points, 'dailyLimit', 'Daily limit')}
        type="stepAfter"
        stroke={chartColors.dailyLimit}
        strokeWidth={2}
        dot={false}
        connectNulls={false}
        isAnimationActive={false}
      />
    </ComposedChart>
  );
}
