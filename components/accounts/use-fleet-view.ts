'use client';

import { useQueryStates } from 'nuqs';
import { useMemo } from 'react';
import type { RowsView } from '@/lib/queries/accounts';
import { fleetUrlParsers } from '@/lib/queries/fleet-url';
import type { AccountFilters, FacetKey } from '@/lib/schemas/api-accounts';

// Every filter, the sort and the search live in the URL, under the same names the API uses, so a
// view can be bookmarked and shared and the CSV export asks for exactly what is on screen. The
// parsers (and the one serializer built on them) are in lib/queries/fleet-url.ts.
export { fleetUrlParsers };

export type FleetUrlState = ReturnType<typeof useFleetView>['state'];

/** The facet called "workspace" travels as `ws` (short, and `workspace` is the API's own selector). */
const urlKeyOf = (facet: FacetKey) => (facet === 'workspace' ? 'ws' : facet);

const emptyToUndefined = <T>(values: T[]) => (values.length > 0 ? values : undefined);

export function useFleetView() {
  const [state, setState] = useQueryStates(fleetUrlParsers, { history: 'replace', clearOnDefault: true });

  const filters = useMemo<AccountFilters>(
    () => ({
      scope: state.scope,
      ws: emptyToUndefined(state.ws),
      q: state.q.trim() || undefined,
      status: emptyToUndefined(state.status),
      warmup: emptyToUndefined(state.warmup),
      provider: emptyToUndefined(state.provider),
      tag: emptyToUndefined(state.tag),
      domain: emptyToUndefined(state.domain),
      cause: emptyToUndefined(state.cause),
      error: state.error ?? undefined,
    }),
    [
      state.scope,
      state.ws,
      state.q,
      state.status,
      state.warmup,
      state.provider,
      state.tag,
      state.domain,
      state.cause,
      state.error,
    ],
  );
  const view = useMemo<RowsView>(
    () => ({ ...filters, sort: state.sort, order: state.order }),
    [filters, state.sort, state.order],
  );

  /** Facet values as strings, whatever their URL type. */
  const selectedValues = (facet: FacetKey): string[] => {
    const value = state[urlKeyOf(facet)];
    if (value === null || value === undefined) return [];
    return Array.isArray(value) ? value.map(String) : [String(value)];
  };

  const toggleFacetValue = (facet: FacetKey, value: string) => {
    const current = selectedValues(facet);
    const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
    if (facet === 'error') {
      void setState({ error: next.length === 1 ? (next[0] as 'yes' | 'no') : null });
    } else if (facet === 'status' || facet === 'warmup' || facet === 'provider') {
      void setState({ [facet]: next.map(Number) });
    } else {
      void setState({ [urlKeyOf(facet)]: next });
    }
  };

  const clearFilters = () =>
    void setState({
      q: null,
      ws: null,
      status: null,
      warmup: null,
      provider: null,
      tag: null,
      domain: null,
      cause: null,
      error: null,
    });

  const activeFilterCount =
    (state.q.trim() ? 1 : 0) +
    state.ws.length +
    state.status.length +
    state.warmup.length +
    state.provider.length +
    state.tag.length +
    state.domain.length +
    state.cause.length +
    (state.error ? 1 : 0);

  return {
    state,
    setState,
    filters,
    view,
    selectedValues,
    toggleFacetValue,
    clearFilters,
    activeFilterCount,
  };
}
