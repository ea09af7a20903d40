import { Slot } from 'radix-ui';
import { type ComponentProps, forwardRef } from 'react';
import { cn } from './cn';

const variants = {
  primary: 'bg-primary text-primary-fg hover:opacity-90 disabled:opacity-50',
  secondary: 'border border-border bg-surface text-foreground hover:bg-surface-raised disabled:opacity-50',
  ghost: 'text-foreground hover:bg-surface-raised disabled:opacity-50',
  danger: 'bg-error text-white hover:opacity-90 disabled:opacity-50',
} as const;

const sizes = {
  sm: 'h-8 px-2.5 text-sm gap-1.5',
  md: 'h-9 px-3.5 text-sm gap-2',
  icon: 'h-9 w-9 justify-center',
} as const;

export interface ButtonProps extends ComponentProps<'button'> {
  variant?: keyof typeof variants;
  size?: keyof typeof sizes;
  /** Render the child element (e.g. a Link) with button styles. */
  asChild?: boolean;
}

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = 'secondary', size = 'md', asChild, className, type, ...props },
  ref,
) {
  const Component = asChild ? Slot.Root : 'button';
  return (
    <Component
      ref={ref}
      type={asChild ? undefined : (type ?? 'button')}
      className={cn(
        'inline-flex shrink-0 items-center rounded-md font-medium whitespace-nowrap transition-colors disabled:cursor-not-allowed',
        variants[variant],
        sizes[size],
        className,
      )}
      {...props}
    />
  );
});
