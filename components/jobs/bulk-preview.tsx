import { Loader2 } from 'lucide-react';
import type { ReactNode } from 'react';
import type { BulkPreview } from '@/lib/schemas/api-bulk-actions';
import { formatNumber, plural } from '@/lib/format';

/** What a confirm dialog says before a bulk action: how many accounts, in which workspaces. */
export function PreviewSummary({ preview }: { preview: BulkPreview }) {
  return (
    <div className="space-y-2 text-sm">
      <p>
        <strong>{plural(preview.total, 'account')}</strong> in{' '}
        {plural(preview.workspaces.length, 'workspace')}:
      </p>
      <ul className="list-inside list-disc text-muted">
        {preview.workspaces.map((w) => (
          <li key={w.workspaceId}>
            {w.label}: {formatNumber(w.count)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Why starting the action failed, under the dialog's content. */
export function StartError({ error }: { error: Error | null }) {
  if (!error) return null;
  return (
    <p role="alert" className="mt-3 rounded-md bg-error-bg px-3 py-2 text-sm text-error-fg">
      {error.message}
    </p>
  );
}

/** The confirm dialog's count while it loads, fails or is known; `children` adds to the known count. */
export function PreviewState({
  preview,
  children,
}: {
  preview: { isPending: boolean; error: Error | null; data: BulkPreview | undefined };
  children?: (data: BulkPreview) => ReactNode;
}) {
  if (preview.isPending) {
    return (
      <p className="flex items-center gap-2 text-sm text-muted">
        <Loader2 aria-hidden className="h-4 w-4 animate-spin" /> Counting the accounts…
      </p>
    );
  }
  if (preview.error) {
    return (
      <p role="alert" className="text-sm text-error-fg">
        {preview.error.message}
      </p>
    );
  }
  if (!preview.data) return null;
  return (
    <div className="space-y-2 text-sm">
      <PreviewSummary preview={preview.data} />
      {children?.(preview.data)}
    </div>
  );
}
