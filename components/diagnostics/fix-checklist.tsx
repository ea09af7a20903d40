'use client';

import { useId, useState } from 'react';
import { Checkbox } from '@/components/ui/checkbox';
import { cn } from '@/components/ui/cn';

/**
 * The fix as a checklist a person ticks off while working through it. The ticks are local to this
 * view: they help keep one's place, they are not a record of what was done (the audit log is).
 */
export function FixChecklist({ steps, headingId }: { steps: readonly string[]; headingId: string }) {
  const id = useId();
  const [done, setDone] = useState<ReadonlySet<number>>(() => new Set());
  const toggle = (index: number) =>
    setDone((previous) => {
      const next = new Set(previous);
      if (next.has(index)) next.delete(index);
      else next.add(index);
      return next;
    });
  return (
    <div>
      <ol aria-labelledby={headingId} className="space-y-1.5">
        {steps.map((step, index) => {
          const inputId = `${id}-${index}`;
          const checked = done.has(index);
          return (
            <li key={`${index}-${step}`} className="flex items-start gap-2">
              <Checkbox id={inputId} checked={checked} onChange={() => toggle(index)} className="mt-0.5" />
              <label htmlFor={inputId} className={cn('text-sm', checked && 'text-muted line-through')}>
                <span className="sr-only">Step {index + 1}: </span>
                {step}
              </label>
            </li>
          );
        })}
      </ol>
      <p className="mt-2 text-xs text-muted" aria-live="polite">
        {done.size} of {steps.length} done
      </p>
    </div>
  );
}
