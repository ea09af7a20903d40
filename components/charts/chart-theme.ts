import type { StatusTone } from '@/lib/diagnostics/account-status';
import type { ChartPoint } from '@/lib/schemas/api-account-detail';
import { NOT_READ_SHORT, knowReadValue, settingWords } from '@/lib/schemas/setting-knowledge';
import { formatNumber } from '@/lib/format';

// Chart colours are the app's CSS variables (app/globals.css), never hex values: the same SVG then
// follows light and dark mode with the class on <html>, and badges and charts agree on meaning.
export const chartColors = {
  health: 'var(--primary)',
  inbox: 'var(--status-healthy)',
  spam: 'var(--status-error)',
  dailyLimit: 'var(--status-warning)',
  sendingGap: 'var(--status-paused)',
  campaign: 'var(--primary)',
  overLimit: 'var(--status-error)',
  marker: 'var(--foreground)',
  grid: 'var(--border)',
  axis: 'var(--muted)',
} as const;

export const toneColors: Record<StatusTone, string> = {
  healthy: 'var(--status-healthy)',
  warning: 'var(--status-warning)',
  error: 'var(--status-error)',
  paused: 'var(--status-paused)',
  neutral: 'var(--status-neutral)',
};

export const axisTick = { fill: 'var(--muted)', fontSize: 12 } as const;

/** A number for a table or tooltip cell; an unknown value is a dash, never a made-up 0. */
export function formatValue(value: number | null | undefined, unit = ''): string {
  if (value === null || value === undefined) return '–';
  return `${formatNumber(value)}${unit}`;
}

/**
 * A setting on a day of the account's charts: its value, "not set (Instantly's default)" on a day a
 * read of the account said it is empty, "not read yet" before the first read; never a dash or a 0.
 */
export function formatPointSetting(
  point: ChartPoint,
  field: 'dailyLimit' | 'sendingGap' | 'warmupLimit',
  unit = '',
): string {
  return settingWords(knowReadValue(point[field], point.settingsState === 'read'), unit, NOT_READ_SHORT);
}

/**
 * A settings line's legend name: its label, or, when the range has no value to draw at all, the label
 * with why ("Daily limit: not set (Instantly's default)"), so an absent line is never a silent one.
 */
export function settingSeriesName(
  points: readonly ChartPoint[],
  field: 'dailyLimit' | 'sendingGap' | 'warmupLimit',
  label: string,
): string {
  if (points.length === 0 || points.some((p) => p[field] !== null)) return label;
  const read = points.some((p) => p.settingsState === 'read');
  return `${label}: ${settingWords(read ? { kind: 'not-set' } : { kind: 'not-read' }, '', NOT_READ_SHORT)}`;
}
