'use client';

import { useTheme } from 'next-themes';
import { Toaster } from 'sonner';

/**
 * Toasts in the page's theme, in sonner's plain style: its "rich" colours put small text below the
 * WCAG contrast minimum, and the icon already says success, warning or error.
 */
export function ThemedToaster() {
  const { resolvedTheme } = useTheme();
  return <Toaster theme={resolvedTheme === 'dark' ? 'dark' : 'light'} closeButton position="bottom-right" />;
}
