'use client';

import { type RefObject, useEffect, useState, useSyncExternalStore } from 'react';

// Whether the browser has IntersectionObserver never changes: nothing to subscribe to.
const never = () => () => {};

/**
 * True from the first moment the element enters the viewport (grown by `margin`), and then for good.
 * The account page's charts (Recharts, about 130 KB gzip with its d3 and state libraries) sit below
 * the first screen on an ordinary laptop: they load when a person scrolls to them, not with the page;
 * on a screen tall enough to show them at once they load at once. No margin by default: the first
 * chart starts only a few pixels below a 720-pixel screen, and a margin would fetch it with the page
 * for everyone. Without IntersectionObserver (old browsers, jsdom) it is true once mounted.
 */
export function useInView(ref: RefObject<Element | null>, margin = '0px'): boolean {
  const [inView, setInView] = useState(false);
  // False on the server and while hydrating (so both render the same), the browser's answer after.
  const noObserver = useSyncExternalStore(
    never,
    () => typeof IntersectionObserver === 'undefined',
    () => false,
  );
  useEffect(() => {
    const element = ref.current;
    if (inView || noObserver || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          setInView(true);
          observer.disconnect();
        }
      },
      { rootMargin: margin },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, inView, noObserver, margin]);
  return inView || noObserver;
}
