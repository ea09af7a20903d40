'use client';

import dynamic from 'next/dynamic';
import { useSyncExternalStore } from 'react';
import { toasterWanted } from '@/components/ui/toast';

// sonner's Toaster with the page's theme (sonner-toaster.tsx), loaded with the first toast
// (components/ui/toast.ts) rather than with every page.
const SonnerToaster = dynamic(() => import('./sonner-toaster'), { ssr: false });

export function ThemedToaster() {
  const wanted = useSyncExternalStore(toasterWanted.subscribe, toasterWanted.get, toasterWanted.getServer);
  return wanted ? <SonnerToaster /> : null;
}
