'use client';

import { useEffect, useRef } from 'react';
import { usePersistentState } from '@/components/accounts/use-persistent-state';
import { groupAnchor } from './triage-group-card';

/**
 * Which triage groups are open. The board shows every group collapsed below its index (the demo's
 * board was 13,000 px tall with all of them open); a person opens the ones they work on, from the
 * index or the card, and this browser remembers them. A link to `#group-…` opens its group.
 */
export function useOpenGroups(groupIds: readonly string[]) {
  const [stored, setStored] = usePersistentState<string[]>('diagnostics.open', []);
  const open = new Set(Array.isArray(stored) ? stored : []);
  const openGroup = (id: string) => {
    if (!open.has(id)) setStored([...open, id]);
  };
  const toggle = (id: string) => setStored(open.has(id) ? [...open].filter((o) => o !== id) : [...open, id]);

  // The hash listener outlives renders: it opens through the latest state, not the first one's.
  const latest = useRef({ groupIds, openGroup });
  useEffect(() => {
    latest.current = { groupIds, openGroup };
  });
  const idsKey = groupIds.join('\n');
  useEffect(() => {
    const openFromHash = () => {
      const id = latest.current.groupIds.find((g) => `#${groupAnchor(g)}` === window.location.hash);
      if (id) {
        latest.current.openGroup(id);
        // Opening makes the card taller; bring its top back into view.
        requestAnimationFrame(() => document.getElementById(groupAnchor(id))?.scrollIntoView());
      }
    };
    openFromHash();
    window.addEventListener('hashchange', openFromHash);
    return () => window.removeEventListener('hashchange', openFromHash);
  }, [idsKey]);

  return {
    isOpen: (id: string) => open.has(id),
    openGroup,
    toggle,
    openAll: () => setStored([...groupIds]),
    closeAll: () => setStored([]),
    allOpen: groupIds.every((id) => open.has(id)),
    noneOpen: !groupIds.some((id) => open.has(id)),
  };
}
