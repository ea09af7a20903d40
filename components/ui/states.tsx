import { AlertTriangle, Inbox, type LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button } from './button';

/** The one layout for "nothing here yet" and "this failed": an icon, a sentence, a way forward. */
function StatePanel({
  icon: Icon,
  title,
  children,
  action,
  role,
}: {
  icon: LucideIcon;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  role?: 'alert' | 'status';
}) {
  return (
    <div role={role} className="flex flex-col items-center gap-2 px-6 py-12 text-center">
      <Icon aria-hidden className="h-8 w-8 text-muted" />
      <p className="font-medium">{title}</p>
      {children ? <div className="max-w-md text-sm text-muted">{children}</div> : null}
      {action ? <div className="mt-2">{action}</div> : null}
    </div>
  );
}

export function EmptyState(props: { title: string; children?: ReactNode; action?: ReactNode }) {
  return <StatePanel icon={Inbox} role="status" {...props} />;
}

export function ErrorState({
  title,
  detail,
  onRetry,
}: {
  title: string;
  detail?: string;
  onRetry?: () => void;
}) {
  return (
    <StatePanel
      icon={AlertTriangle}
      role="alert"
      title={title}
      action={onRetry ? <Button onClick={onRetry}>Try again</Button> : undefined}
    >
      {detail}
    </StatePanel>
  );
}
