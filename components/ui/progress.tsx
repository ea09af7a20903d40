import type { Tone } from './badge';
import { cn } from './cn';

const fills: Record<Tone, string> = {
  healthy: 'bg-healthy',
  warning: 'bg-warning',
  error: 'bg-error',
  paused: 'bg-paused',
  neutral: 'bg-neutral',
};

/** A labelled progress bar: screen readers hear the label and the percentage. */
export function Progress({
  value,
  label,
  tone = 'paused',
  valueText,
  className,
}: {
  value: number;
  label: string;
  tone?: Tone;
  valueText?: string;
  className?: string;
}) {
  const clamped = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={clamped}
      aria-valuetext={valueText ?? `${clamped}%`}
      className={cn('h-2 w-full overflow-hidden rounded-full bg-surface-raised', className)}
    >
      <div
        className={cn('h-full rounded-full transition-[width] duration-500', fills[tone])}
        style={{ width: `${clamped}%` }}
      />
    </div>
  );
}
