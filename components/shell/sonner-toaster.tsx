'use client';

import { useTheme } from 'next-themes';
import { useEffect } from 'react';
import { Toaster } from 'sonner';
import { toasterMounted } from '@/components/ui/toast';

/**
 * Toasts in the page's theme, in sonner's plain style: its "rich" colours put small text below the
 * WCAG contrast minimum, and the icon already says success, warning or error.
 */
export default function SonnerToaster() {
  const { resolvedTheme } = useTheme();
  // After the Toaster's own effect (children's effects run first): it listens for toasts by then.
  useEffect(() => toasterMounted(), []);
  return <Toaster theme={resolvedTheme === 'dark' ? 'dark' : 'light'} closeButton position="bottom-right" />;
}
