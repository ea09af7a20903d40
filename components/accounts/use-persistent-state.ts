'use client';

import { useCallback, useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();

/** A value kept in localStorage (per browser), shared by every component that reads the same key. */
export function usePersistentState<T>(key: string, fallback: T): [T, (next: T) => void] {
  const raw = useSyncExternalStore(
    (onChange) => {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    () => localStorage.getItem(key),
    () => null,
  );
  let value = fallback;
  if (raw !== null) {
    try {
      value = JSON.parse(raw) as T;
    } catch {
      value = fallback;
    }
  }
  const set = useCallback(
    (next: T) => {
      localStorage.setItem(key, JSON.stringify(next));
      for (const listener of listeners) listener();
    },
    [key],
  );
  return [value, set];
}
