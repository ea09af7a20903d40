'use client';

import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  type DotItemDotProps,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ChartMarker, ChartPoint } from '@/lib/schemas/api-account-detail';
import { axisTick, chartColors, settingSeriesName } from './chart-theme';
import { WarmupHealthTooltip } from './warmup-health-tooltip';
import { formatDay } from '@/lib/format';

// Warmup health next to the settings that drive it: health per day (a line with gaps on days without
// warmup sends), the 7-day health Instantly calls the score, inbox and spam landings as stacked bars,
// daily limit and sending gap as step lines on their own axes, and a numbered line on every day a
// setting changed. Props in, SVG out: the account page fetches.

export interface WarmupHealthChartProps {
  points: readonly ChartPoint[];
  markers: readonly ChartMarker[];
  height?: number;
}

/** Markers are numbered in time order; a day with several shows "2,3". */
export function markerDays(points: readonly ChartPoint[]): Array<{ date: string; label: string }> {
  return points
    .filter((p) => p.markers.length > 0)
    .map((p) => ({ date: p.date, label: p.markers.map((i) => i + 1).join(',') }));
}

/**
 * A step line's lone point (a value known for one day only, e.g. the day history starts) draws no
 * segment; this dot makes it visible. Other points stay undotted.
 */
function loneDot(color: string) {
  return function LoneDot(props: DotItemDotProps) {
    const { index, points, cx, cy } = props;
    const isSet = (i: number) => {
      const p = points[i];
      return p !== undefined && p.y !== null && p.y !== undefined;
    };
    if (cx === undefined || cy === undefined || isSet(index - 1) || isSet(index + 1) || !isSet(index)) {
      return <g key={`lone-${index}`} />;
    }
    return (
      <circle
        key={`lone-${index}`}
        cx={cx}
        cy={cy}
        r={3.5}
        fill={color}
        stroke="var(--surface)"
        strokeWidth={1}
      />
    );
  };
}

export function WarmupHealthChart({ points, markers, height = 340 }: WarmupHealthChartProps) {
  const maxSent = Math.max(1, ...points.map((p) => p.warmupSent ?? 0));
  const days = markerDays(points);
  // An axis for a line with no value in the range would be an empty scale: the legend says why instead.
  const drawn = (field: 'dailyLimit' | 'sendingGap') => points.some((p) => p[field] !== null);
  return (
    <ComposedChart
      data={points as ChartPoint[]}
      responsive
      style={{ width: '100%', height }}
      margin={{ top: 28, right: 4, bottom: 4, left: 0 }}
      accessibilityLayer
      title="Warmup health, landings, daily limit and sending gap per day"
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
        yAxisId="health"
        domain={[0, 100]}
        ticks={[0, 25, 50, 75, 100]}
        tick={axisTick}
        stroke={chartColors.grid}
        width={40}
        unit="%"
        label={{ value: 'Health', position: 'top', offset: 10, fill: chartColors.axis, fontSize: 11 }}
      />
      {/* Bars use the lower ~40 % of the plot, so they never hide the health line. */}
      <YAxis yAxisId="count" hide width={0} orientation="right" domain={[0, maxSent * 2.5]} />
      <YAxis
        yAxisId="limit"
        orientation="right"
        hide={!drawn('dailyLimit')}
        tick={axisTick}
        stroke={chartColors.dailyLimit}
        width={40}
        allowDecimals={false}
        domain={[0, 'auto']}
        label={{ value: 'Limit', position: 'top', offset: 10, fill: chartColors.dailyLimit, fontSize: 11 }}
      />
      <YAxis
        yAxisId="gap"
        orientation="right"
        hide={!drawn('sendingGap')}
        tick={axisTick}
        stroke={chartColors.sendingGap}
        width={44}
        allowDecimals={false}
        domain={[0, 'auto']}
        unit="m"
        label={{ value: 'Gap', position: 'top', offset: 10, fill: chartColors.sendingGap, fontSize: 11 }}
      />
      <Tooltip
        content={(props) => (
          <WarmupHealthTooltip active={props.active} payload={props.payload} markers={markers} />
        )}
        cursor={{ stroke: chartColors.grid }}
      />
      <Legend wrapperStyle={{ fontSize: 12, color: 'var(--foreground)' }} />
      <Bar
        yAxisId="count"
        dataKey="inbox"
        name="Landed in inbox"
        stackId="warmup"
        fill={chartColors.inbox}
        fillOpacity={0.45}
        isAnimationActive={false}
      />
      <Bar
        yAxisId="count"
        dataKey="spam"
        name="Landed in spam"
        stackId="warmup"
        fill={chartColors.spam}
        fillOpacity={0.65}
        isAnimationActive={false}
      />
      <Line
        yAxisId="health"
        dataKey="health"
        name="Health (day)"
        type="linear"
        stroke={chartColors.health}
        strokeWidth={2}
        dot={{ r: 2 }}
        connectNulls={false}
        isAnimationActive={false}
      />
      <Line
        yAxisId="health"
        dataKey="health7d"
        name="Health (7 days)"
        type="monotone"
        stroke={chartColors.health}
        strokeOpacity={0.55}
        strokeWidth={1.5}
        strokeDasharray="2 3"
        dot={false}
        connectNulls={false}
        isAnimationActive={false}
      />
      <Line
        yAxisId="limit"
        dataKey="dailyLimit"
        name={settingSeriesName(points, 'dailyLimit', 'Daily limit')}
        type="stepAfter"
        stroke={chartColors.dailyLimit}
        strokeWidth={2}
        dot={loneDot(chartColors.dailyLimit)}
        connectNulls={false}
        isAnimationActive={false}
      />
      <Line
        yAxisId="gap"
        dataKey="sendingGap"
        name={settingSeriesName(points, 'sendingGap', 'Sending gap')}
        type="stepAfter"
        stroke={chartColors.sendingGap}
        strokeWidth={2}
        strokeDasharray="6 3"
        dot={loneDot(chartColors.sendingGap)}
        connectNulls={false}
        isAnimationActive={false}
      />
      {days.map((day) => (
        <ReferenceLine
          key={day.date}
          yAxisId="health"
          x={day.date}
          stroke={chartColors.marker}
          strokeOpacity={0.6}
          strokeDasharray="3 3"
          label={{
            value: day.label,
            position: 'top',
            fill: 'var(--foreground)',
            fontSize: 11,
            fontWeight: 600,
          }}
        />
      ))}
    </ComposedChart>
  );
}
