'use client';

import {
  CartesianGrid,
  Legend,
  ReferenceLine,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
} from 'recharts';
import { describeAccountStatus } from '@/lib/diagnostics/account-status';
import type { ScatterPoint } from '@/lib/schemas/api-account-detail';
import { axisTick, chartColors, formatValue, toneColors } from './chart-theme';
import type { TooltipInput } from './tooltip-input';

// Warmup score against daily limit, one point per account, sized by sending gap and coloured by
// status: accounts low and to the right send hard for the health they have. A click opens the account.

export interface FleetScatterChartProps {
  points: readonly ScatterPoint[];
  onOpen: (point: ScatterPoint) => void;
  /** Workspace labels, for the tooltip when several workspaces are shown. */
  workspaceLabels?: ReadonlyMap<string, string>;
  height?: number;
}

/** Instantly's own threshold for a healthy warmup score. */
export const HEALTHY_SCORE = 80;

interface Plotted extends ScatterPoint {
  gap: number;
}

type Shape = 'circle' | 'square' | 'diamond' | 'triangle' | 'star' | 'cross' | 'wye';

/** Statuses that share a colour (two errors, paused and maintenance) differ by shape: never colour alone. */
const SHAPES: Record<string, Shape> = {
  '1': 'circle',
  '2': 'square',
  '3': 'diamond',
  '-1': 'triangle',
  '-2': 'star',
  '-3': 'cross',
};

/** One series per status label, so the legend names what each colour and shape means. */
export function groupByStatus(
  points: readonly ScatterPoint[],
): Array<{ label: string; color: string; shape: Shape; points: Plotted[] }> {
  const groups = new Map<string, { label: string; color: string; shape: Shape; points: Plotted[] }>();
  for (const point of points) {
    const info = describeAccountStatus(point.status);
    const shape = SHAPES[String(point.status)] ?? 'wye';
    const group = groups.get(info.label) ?? {
      label: info.label,
      color: toneColors[info.tone],
      shape,
      points: [],
    };
    group.points.push({ ...point, gap: point.sendingGap ?? 0 });
    groups.set(info.label, group);
  }
  return [...groups.values()].sort((a, b) => b.points.length - a.points.length);
}

function ScatterTooltip({
  active,
  payload,
  workspaceLabels,
}: TooltipInput & { workspaceLabels?: ReadonlyMap<string, string> }) {
  const point = payload?.[0]?.payload as Plotted | undefined;
  if (!active || !point) return null;
  return (
    <div className="max-w-xs rounded-md border border-border bg-surface px-3 py-2 text-xs text-foreground shadow-lg">
      <p className="mb-1 font-semibold break-all">{point.email}</p>
      <dl className="grid grid-cols-[auto_auto] gap-x-4 gap-y-0.5">
        {workspaceLabels && workspaceLabels.size > 1 ? (
          <>
            <dt className="text-muted">Workspace</dt>
            <dd className="text-right">{workspaceLabels.get(point.workspaceId) ?? point.workspaceId}</dd>
          </>
        ) : null}
        <dt className="text-muted">Warmup score</dt>
        <dd className="text-right tabular-nums">{point.score}</dd>
        <dt className="text-muted">Daily limit</dt>
        <dd className="text-right tabular-nums">{formatValue(point.dailyLimit)}</dd>
        <dt className="text-muted">Sending gap</dt>
        <dd className="text-right tabular-nums">{formatValue(point.sendingGap, ' min')}</dd>
        <dt className="text-muted">Status</dt>
        <dd className="text-right">{describeAccountStatus(point.status).label}</dd>
      </dl>
      <p className="mt-1 text-muted">Click to open the account</p>
    </div>
  );
}

export function FleetScatterChart({ points, onOpen, workspaceLabels, height = 360 }: FleetScatterChartProps) {
  const groups = groupByStatus(points);
  return (
    <ScatterChart
      responsive
      style={{ width: '100%', height }}
      margin={{ top: 8, right: 12, bottom: 8, left: 0 }}
      accessibilityLayer
      title="Warmup score against daily limit, one point per account"
    >
      <CartesianGrid stroke={chartColors.grid} strokeDasharray="3 3" />
      <XAxis
        type="number"
        dataKey="dailyLimit"
        name="Daily limit"
        tick={axisTick}
        stroke={chartColors.grid}
        allowDecimals={false}
        domain={[0, 'auto']}
        label={{
          value: 'Daily limit (campaign emails a day)',
          position: 'insideBottom',
          offset: 0,
          fill: chartColors.axis,
          fontSize: 11,
        }}
        height={48}
      />
      <YAxis
        type="number"
        dataKey="score"
        name="Warmup score"
        domain={[0, 100]}
        ticks={[0, 20, 40, 60, 80, 100]}
        tick={axisTick}
        stroke={chartColors.grid}
        width={40}
        label={{
          value: 'Warmup score',
          angle: -90,
          position: 'insideLeft',
          fill: chartColors.axis,
          fontSize: 11,
          dy: 40,
        }}
      />
      <ZAxis type="number" dataKey="gap" range={[24, 220]} name="Sending gap" />
      <ReferenceLine
        y={HEALTHY_SCORE}
        stroke={chartColors.inbox}
        strokeDasharray="4 4"
        label={{
          value: `healthy ≥ ${HEALTHY_SCORE}`,
          position: 'insideTopRight',
          fill: chartColors.axis,
          fontSize: 11,
        }}
      />
      <Tooltip
        content={(props) => (
          <ScatterTooltip active={props.active} payload={props.payload} workspaceLabels={workspaceLabels} />
        )}
        cursor={{ strokeDasharray: '3 3', stroke: chartColors.grid }}
      />
      <Legend wrapperStyle={{ fontSize: 12, color: 'var(--foreground)' }} />
      {groups.map((group) => (
        <Scatter
          key={group.label}
          name={group.label}
          data={group.points}
          fill={group.color}
          shape={group.shape}
          legendType={group.shape}
          fillOpacity={0.7}
          stroke={group.color}
          isAnimationActive={false}
          cursor="pointer"
          onClick={(item) => {
            const datum = item.payload as Plotted | undefined;
            if (datum) onOpen(datum);
          }}
        />
      ))}
    </ScatterChart>
  );
}
