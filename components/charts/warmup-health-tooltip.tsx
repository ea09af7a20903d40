import type { ChartMarker, ChartPoint } from '@/lib/schemas/api-account-detail';
import { formatPointSetting, formatValue } from './chart-theme';
import type { TooltipInput } from './tooltip-input';
import { formatLongDay } from '@/lib/format';

// The warmup chart's tooltip: one day's numbers, its settings (a value, "not set (Instantly's
// default)" or "not read yet", never a dash) and the changes made that day.

export function WarmupHealthTooltip({
  active,
  payload,
  markers,
}: TooltipInput & { markers: readonly ChartMarker[] }) {
  const point = payload?.[0]?.payload as ChartPoint | undefined;
  if (!active || !point) return null;
  const rows: Array<[string, string]> = [
    ['Health (day)', formatValue(point.health, '%')],
    ['Health (7 days)', formatValue(point.health7d, '%')],
    ['Warmup sent', formatValue(point.warmupSent)],
    ['Landed in inbox', formatValue(point.inbox)],
    ['Landed in spam', formatValue(point.spam)],
    ['Daily limit', formatPointSetting(point, 'dailyLimit')],
    ['Sending gap', formatPointSetting(point, 'sendingGap', ' min')],
    ['Warmup limit', formatPointSetting(point, 'warmupLimit')],
    ['Campaign sends', formatValue(point.campaignSent)],
  ];
  return (
    <div className="max-w-xs rounded-md border border-border bg-surface px-3 py-2 text-xs text-foreground shadow-lg">
      <p className="mb-1 font-semibold">{formatLongDay(point.date)}</p>
      <dl className="grid grid-cols-[auto_auto] gap-x-4 gap-y-0.5">
        {rows.map(([name, value]) => (
          <div key={name} className="contents">
            <dt className="text-muted">{name}</dt>
            <dd className="text-right tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      {point.markers.length > 0 ? (
        <ul className="mt-2 space-y-1 border-t border-border pt-1.5">
          {point.markers.map((i) => {
            const marker = markers[i];
            return marker ? (
              <li key={i}>
                <span className="font-medium">
                  {i + 1}. {marker.label}
                </span>{' '}
                <span className="text-muted">({marker.by})</span>
              </li>
            ) : null;
          })}
        </ul>
      ) : null}
    </div>
  );
}
