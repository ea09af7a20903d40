'use client';

import {
  Activity,
  Bell,
  Briefcase,
  Gauge,
  LayoutDashboard,
  Settings,
  Stethoscope,
  Users,
} from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { JobTray } from '@/components/jobs/job-tray';
import { WorkerWarning } from '@/components/status/worker-warning';
import { cn } from '@/components/ui/cn';
import { AlertsBell } from './alerts-bell';
import { PersonMenu } from './person-menu';
import { SessionBanner } from './session-banner';
import { ThemeToggle } from './theme-toggle';
import { WorkspaceSwitcher } from './workspace-switcher';

const nav = [
  { href: '/', label: 'Overview', icon: LayoutDashboard },
  { href: '/accounts', label: 'Accounts', icon: Users },
  { href: '/diagnostics', label: 'Diagnostics', icon: Stethoscope },
  { href: '/alerts', label: 'Alerts', icon: Bell },
  { href: '/jobs', label: 'Jobs', icon: Briefcase },
  { href: '/status', label: 'Status', icon: Gauge },
  { href: '/settings', label: 'Settings', icon: Settings },
] as const;

export function AppShell({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const isCurrent = (href: string) => (href === '/' ? pathname === '/' : pathname.startsWith(href));
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <a
        href="#main"
        className="sr-only z-50 rounded bg-primary px-3 py-2 text-primary-fg focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      {/* The aside stretches to the page's full height, so its background and border never stop
          at the first screen on a long page; its content stays in view as the page scrolls. */}
      <aside className="border-b border-border bg-surface md:w-56 md:shrink-0 md:border-r md:border-b-0">
        <div className="md:sticky md:top-0 md:max-h-screen md:overflow-y-auto">
          <div className="flex items-center gap-2 px-4 py-3 md:py-4">
            <Activity aria-hidden className="h-5 w-5 text-primary" />
            <span className="font-semibold">Fleet health</span>
          </div>
          <nav
            aria-label="Main"
            className="flex gap-1 overflow-x-auto px-2 pb-2 md:flex-col md:overflow-visible"
          >
            {nav.map(({ href, label, icon: Icon }) => (
              <Link
                key={href}
                href={href}
                aria-current={isCurrent(href) ? 'page' : undefined}
                className={cn(
                  'flex items-center gap-2 rounded-md px-3 py-2 text-sm whitespace-nowrap text-muted hover:bg-surface-raised hover:text-foreground',
                  isCurrent(href) && 'bg-primary-soft font-medium text-foreground',
                )}
              >
                <Icon aria-hidden className="h-4 w-4" />
                {label}
              </Link>
            ))}
          </nav>
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex items-center justify-between gap-3 border-b border-border bg-background/90 px-4 py-2 backdrop-blur">
          <WorkspaceSwitcher />
          <JobTray />
          <div className="flex items-center gap-2">
            <AlertsBell />
            <PersonMenu />
            <ThemeToggle />
          </div>
        </header>
        <WorkerWarning />
        <SessionBanner />
        <main id="main" className="flex-1 px-4 py-5 md:px-6">
          {children}
        </main>
      </div>
    </div>
  );
}
