'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { cn } from '@/components/ui/cn';
import { Skeleton } from '@/components/ui/skeleton';
import { useActiveWorkspace } from '@/components/shell/use-workspaces';
import { accountQueries } from '@/lib/queries/accounts';
import type { AccountFilters, FacetKey, FacetValue } from '@/lib/schemas/api-accounts';
import { formatNumber } from '@/lib/format';

const groups: Array<{ facet: FacetKey; title: string; onlyWhenSeveral?: boolean }> = [
  { facet: 'workspace', title: 'Workspace', onlyWhenSeveral: true },
  { facet: 'status', title: 'Status' },
  { facet: 'warmup', title: 'Warmup' },
  { facet: 'error', title: 'Errors' },
  { facet: 'cause', title: 'Error cause' },
  { facet: 'provider', title: 'Provider' },
  { facet: 'tag', title: 'Tag' },
  { facet: 'domain', title: 'Domain' },
];

const SHOWN = 8;

function FacetGroup({
  facet,
  title,
  values,
  selected,
  onToggle,
}: {
  facet: FacetKey;
  title: string;
  values: FacetValue[];
  selected: string[];
  onToggle: (facet: FacetKey, value: string) => void;
}) {
  const [expanded, setExpanded] = useState(false);
  // Selected values stay listed even when the other filters leave them at zero.
  const missing = selected
    .filter((v) => !values.some((x) => x.value === v))
    .map((value) => ({ value, label: value, count: 0 }));
  const all = [...values, ...missing];
  // A value in use is always in sight, even when it is not among the most common ones.
  const shown = expanded ? all : all.filter((v, i) => i < SHOWN || selected.includes(v.value));
  return (
    // min-w-0: a fieldset is at least as wide as its content by default, which pushed counts out of view.
    <fieldset className="min-w-0 border-b border-border px-3 py-3 last:border-0">
      <legend className="float-left mb-1.5 w-full text-xs font-semibold tracking-wide text-muted uppercase">
        {title}
      </legend>
      <ul className="clear-left space-y-0.5">
        {shown.map((v) => {
          const id = `facet-${facet}-${v.value}`;
          const checked = selected.includes(v.value);
          return (
            <li key={v.value}>
              <label
                htmlFor={id}
                className={cn(
                  'flex w-full min-w-0 cursor-pointer items-center gap-2 rounded px-1 py-0.5 text-sm hover:bg-surface-raised',
                  v.count === 0 && !checked && 'text-muted',
                )}
              >
                <Checkbox
                  id={id}
                  checked={checked}
                  onChange={() => onToggle(facet, v.value)}
                  className="h-3.5 w-3.5"
                />
                <span className="min-w-0 flex-1 truncate" title={v.label}>
                  {v.label}
                </span>
                <span className="shrink-0 text-xs text-muted tabular-nums">{formatNumber(v.count)}</span>
              </label>
            </li>
          );
        })}
      </ul>
      {all.length > SHOWN ? (
        <Button
          variant="ghost"
          size="sm"
          className="mt-1 h-7 px-1 text-xs text-muted"
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? 'Show fewer' : `Show all ${all.length}`}
        </Button>
      ) : null}
    </fieldset>
  );
}

/** Filters with counts: each count is what you would get by changing only that filter. */
export function FacetPanel({
  filters,
  selectedValues,
  onToggle,
}: {
  filters: AccountFilters;
  selectedValues: (facet: FacetKey) => string[];
  onToggle: (facet: FacetKey, value: string) => void;
}) {
  const { data, isPending, isError } = useQuery(accountQueries.facets(useActiveWorkspace(), filters));
  return (
    <aside
      aria-label="Filters"
      className="overflow-hidden rounded-lg border border-border bg-surface lg:sticky lg:top-16 lg:max-h-[calc(100vh-5rem)] lg:self-start lg:overflow-y-auto"
    >
      {isPending ? (
        <div className="space-y-2 p-3">
          {Array.from({ length: 10 }, (_, i) => (
            <Skeleton key={i} className="h-4 w-full" />
          ))}
        </div>
      ) : isError ? (
        <p role="alert" className="p-3 text-sm text-error-fg">
          Filter counts could not be loaded.
        </p>
      ) : data.total === 0 && Object.values(data.facets).every((values) => values.length === 0) ? (
        <p className="p-3 text-sm text-muted">Filters appear once accounts are indexed.</p>
      ) : (
        groups
          .filter(
            (g) =>
              !g.onlyWhenSeveral || data.facets[g.facet].length > 1 || selectedValues(g.facet).length > 0,
          )
          .filter((g) => data.facets[g.facet].length > 0 || selectedValues(g.facet).length > 0)
          .map((g) => (
            <FacetGroup
              key={g.facet}
              facet={g.facet}
              title={g.title}
              values={data.facets[g.facet]}
              selected={selectedValues(g.facet)}
              onToggle={onToggle}
            />
          ))
      )}
    </aside>
  );
}
