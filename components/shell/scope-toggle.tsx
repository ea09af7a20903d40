'use client';

import { cn } from '@/components/ui/cn';

export type Scope = 'active' | 'all';

const labels: Record<Scope, string> = { active: 'This workspace', all: 'All workspaces' };

/** The one switch between the active workspace and every connected workspace, on every page that has it. */
export function ScopeToggle({
  value,
  onChange,
  order = ['active', 'all'],
}: {
  value: Scope;
  onChange: (next: Scope) => void;
  order?: readonly Scope[];
}) {
  return (
    <div
      role="group"
      aria-label="Which workspaces"
      className="flex rounded-md border border-border bg-surface p-0.5"
    >
      {order.map((scope) => (
        <button
          key={scope}
          type="button"
          aria-pressed={value === scope}
          onClick={() => onChange(scope)}
          className={cn(
            'rounded px-2.5 py-1 text-sm',
            value === scope ? 'bg-primary text-primary-fg' : 'text-muted hover:text-foreground',
          )}
        >
          {labels[scope]}
        </button>
      ))}
    </div>
  );
}
