import { type ComponentProps, forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { cn } from './cn';

type CheckboxProps = Omit<ComponentProps<'input'>, 'type' | 'checked'> & {
  /** 'indeterminate' shows the mixed state (some of a set chosen); it reads as unchecked to a form. */
  checked?: boolean | 'indeterminate';
};

/**
 * A native checkbox in the house style. The mixed state has no attribute, only the DOM property,
 * so it is set on the element after each render; every other prop and aria attribute passes through.
 */
export const Checkbox = forwardRef<HTMLInputElement, CheckboxProps>(function Checkbox(
  { className, checked, ...props },
  ref,
) {
  const inner = useRef<HTMLInputElement>(null);
  useImperativeHandle(ref, () => inner.current!, []);
  const indeterminate = checked === 'indeterminate';
  useEffect(() => {
    if (inner.current) inner.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return (
    <input
      ref={inner}
      type="checkbox"
      checked={checked === undefined ? undefined : checked === true}
      className={cn('h-4 w-4 shrink-0 accent-[var(--primary)]', className)}
      {...props}
    />
  );
});
