import { Activity } from 'lucide-react';
import type { ReactNode } from 'react';

/** The frame of the pages outside the app shell: sign-in and accepting an invite. */
export function AuthCard({
  title,
  description,
  children,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2">
          <Activity aria-hidden className="h-6 w-6 text-primary" />
          <span className="text-lg font-semibold">Fleet health</span>
        </div>
        <section className="rounded-lg border border-border bg-surface p-6 shadow-sm">
          <h1 className="text-lg font-semibold">{title}</h1>
          {description ? <p className="mt-1 text-sm text-muted">{description}</p> : null}
          <div className="mt-5">{children}</div>
        </section>
      </div>
    </main>
  );
}
