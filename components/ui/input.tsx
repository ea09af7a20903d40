import { type ComponentProps, forwardRef } from 'react';
import { cn } from './cn';

export const Input = forwardRef<HTMLInputElement, ComponentProps<'input'>>(function Input(
  { className, ...props },
  ref,
) {
  return (
    <input
      ref={ref}
      className={cn(
        'h-9 w-full rounded-md border border-border bg-surface px-3 text-sm text-foreground placeholder:text-muted',
        'aria-[invalid=true]:border-error disabled:opacity-60',
        className,
      )}
      {...props}
    />
  );
});

export function Label({ className, htmlFor, ...props }: ComponentProps<'label'> & { htmlFor: string }) {
  return <label htmlFor={htmlFor} className={cn('text-sm font-medium', className)} {...props} />;
}

/** The message under a field, linked to it with aria-describedby by the caller. */
export function FieldError({ id, children }: { id: string; children?: string | null }) {
  if (!children) return null;
  return (
    <p id={id} role="alert" className="text-sm text-error-fg">
      {children}
    </p>
  );
}
