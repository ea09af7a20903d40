'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui/cn';

// The three views of the alerts section: what is open (the inbox), what raises an alert (rules per
// workspace) and where alerts go (channels and their deliveries).
const tabs = [
  { href: '/alerts', label: 'Inbox' },
  { href: '/alerts/rules', label: 'Rules' },
  { href: '/alerts/channels', label: 'Channels' },
] as const;

export function AlertsTabs() {
  const pathname = usePathname();
  const current = (href: string) => (href === '/alerts' ? pathname === '/alerts' : pathname.startsWith(href));
  return (
    <nav aria-label="Alerts" className="mb-5 flex gap-1 border-b border-border">
      {tabs.map(({ href, label }) => (
        <Link
          key={href}
          href={href}
          aria-current={current(href) ? 'page' : undefined}
          className={cn(
            '-mb-px border-b-2 border-transparent px-3 py-2 text-sm text-muted hover:text-foreground',
            'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-primary',
            current(href) && 'border-primary font-medium text-foreground',
          )}
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}
