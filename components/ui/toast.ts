'use client';

import type { ReactNode } from 'react';
import type { ExternalToast } from 'sonner';

// Toasts without sonner in the first load (about 9 KB gzip on every page): nothing is shown until a
// person does something, so sonner and its toaster load on the first toast. The app calls this
// `toast` instead of sonner's; ThemedToaster (components/shell) mounts sonner's Toaster once the
// first toast asks for it, and that toast is handed over only after the Toaster listens, as sonner
// drops toasts nobody listens to yet.

type Kind = 'success' | 'error' | 'warning' | 'info';
type Sonner = typeof import('sonner');

let wanted = false;
const listeners = new Set<() => void>();
let markMounted: () => void = () => {};
const mounted = new Promise<void>((resolve) => {
  markMounted = resolve;
});
let ready: Promise<Sonner['toast']> | null = null;

function load(): Promise<Sonner['toast']> {
  if (!ready) {
    wanted = true;
    for (const listener of listeners) listener();
    ready = Promise.all([import('sonner'), mounted]).then(([sonner]) => sonner.toast);
    // A chunk that could not be fetched (the server went away): the next toast tries again.
    ready.catch(() => {
      ready = null;
    });
  }
  return ready;
}

/** For ThemedToaster: whether a toast has asked for the toaster yet. */
export const toasterWanted = {
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  get: () => wanted,
  getServer: () => false,
};

/**
 * Called by the toaster once mounted (its listener is in place then). A screen reader announces a
 * live region's changes only once the region is in the page: the first toast waits a moment more.
 */
export function toasterMounted() {
  setTimeout(markMounted, 100);
}

function show(kind: Kind) {
  return (message: ReactNode, options?: ExternalToast): void => {
    load().then(
      (sonnerToast) => sonnerToast[kind](message, options),
      // Nothing on screen can say it (the toaster itself did not load): the console does.
      (error: unknown) => console.error('A notice could not be shown: its toaster did not load.', error),
    );
  };
}

export const toast = {
  success: show('success'),
  error: show('error'),
  warning: show('warning'),
  info: show('info'),
};
