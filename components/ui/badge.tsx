import type { ComponentProps } from 'react';
import { cn } from './cn';

export type Tone = 'healthy' | 'warning' | 'error' | 'paused' | 'neutral';

const tones: Record<Tone, string> = {
  healthy: 'bg-healthy-bg text-healthy-fg',
  warning: 'bg-warning-bg text-warning-fg',
  error: 'bg-error-bg text-error-fg',
  paused: 'bg-paused-bg text-paused-fg',
  neutral: 'bg-neutral-bg text-neutral-fg',
};

const dots: Record<Tone, string> = {
  healthy: 'bg-healthy',
  warning: 'bg-warning',
  error: 'bg-error',
  paused: 'bg-paused',
  neutral: 'bg-neutral',
};

/** A status pill: the colour is backed by a dot and the text, never colour alone. */
export function Badge({
  tone = 'neutral',
  className,
  children,
  ...props
}: ComponentProps<'span'> & { tone?: Tone }) {
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap',
        tones[tone],
        className,
      )}
      {...props}
    >
      <span aria-hidden className={cn('h-1.5 w-1.5 rounded-full', dots[tone])} />
      {children}
    </span>
  );
}
