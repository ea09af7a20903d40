'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { VisibilityState } from '@tanstack/react-table';
import { createLoader } from 'nuqs';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  type NewSavedView,
  savedViewKeys,
  savedViewQueries,
  savedViewRequests,
} from '@/lib/queries/saved-views';
import { serializeFleet } from '@/lib/queries/fleet-url';
import type { SavedView } from '@/lib/schemas/api-saved-views';
import { VIEW_KEYS, canonicalViewSearch } from '@/lib/schemas/view-search';
import { type FleetUrlState, fleetUrlParsers } from './use-fleet-view';

const loadView = createLoader(fleetUrlParsers);

/** The view on screen as a saved view's search: the page's own URL names, in the canonical order. */
export const searchOfState = (state: FleetUrlState): string => canonicalViewSearch(serializeFleet(state));

const sameColumns = (a: VisibilityState, b: VisibilityState) => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? true) === (b[k] ?? true));
};

/**
 * The person's saved views, the one on screen (same filters, sort and columns), and how to save,
 * change and open them. `apply` puts a view's filters in the URL and its columns in the table.
 * Once per visit, a page opened with no filter in its URL opens on the person's default view.
 */
export function useSavedViews({
  state,
  columns,
  apply,
}: {
  state: FleetUrlState;
  columns: VisibilityState;
  apply: (state: FleetUrlState, columns: VisibilityState) => void;
}) {
  const client = useQueryClient();
  const list = useQuery(savedViewQueries.list());
  const search = searchOfState(state);
  const views = useMemo(() => list.data?.views ?? [], [list.data]);
  const current = views.find((v) => v.search === search && sameColumns(v.columns, columns)) ?? null;

  const open = (view: SavedView) => apply(loadView(new URLSearchParams(view.search)), view.columns);

  // Decided from the URL the page was opened with, before anything (a remembered sort) changed it.
  const [openedBare] = useState(
    () =>
      typeof window !== 'undefined' &&
      ![...new URLSearchParams(window.location.search).keys()].some((k) =>
        (VIEW_KEYS as readonly string[]).includes(k),
      ),
  );
  const defaultDone = useRef(false);
  const defaultView = views.find((v) => v.id === list.data?.defaultViewId);
  useEffect(() => {
    if (!openedBare || defaultDone.current || !list.data) return;
    defaultDone.current = true;
    if (defaultView) apply(loadView(new URLSearchParams(defaultView.search)), defaultView.columns);
  }, [openedBare, list.data, defaultView, apply]);

  const settled = { onSettled: () => client.invalidateQueries({ queryKey: savedViewKeys.all }) };
  const create = useMutation({
    mutationFn: (input: Omit<NewSavedView, 'search' | 'columns'>) =>
      savedViewRequests.create({ ...input, search, columns }),
    ...settled,
  });
  const update = useMutation({
    mutationFn: ({ id, ...patch }: { id: string } & Parameters<typeof savedViewRequests.update>[1]) =>
      savedViewRequests.update(id, patch),
    ...settled,
  });
  const remove = useMutation({ mutationFn: savedViewRequests.remove, ...settled });
  const setDefault = useMutation({ mutationFn: savedViewRequests.setDefault, ...settled });

  return {
    list,
    views,
    current,
    defaultViewId: list.data?.defaultViewId ?? null,
    open,
    /** What "update with what is on screen" writes into a view. */
    onScreen: { search, columns },
    create,
    update,
    remove,
    setDefault,
  };
}

export type SavedViews = ReturnType<typeof useSavedViews>;
