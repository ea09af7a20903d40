'use client';

import { Loader2 } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent } from '@/components/ui/dialog';
import { BULK_KIND_CATALOG, bulkActionLabel } from '@/lib/bulk/catalog';
import type { BulkPreview } from '@/lib/schemas/api-bulk-actions';
import type { BulkActionKind } from '@/lib/schemas/bulk-action-kinds';
import { plural } from '@/lib/format';
import { PreviewState, StartError } from './bulk-preview';

/** The confirm button's words: the kind's verb from the catalog and the count ("Pause 3 accounts"). */
export function confirmText(kind: BulkActionKind, total: number, value?: number): string {
  return kind === 'set-daily-limit' && value !== undefined
    ? `${bulkActionLabel(kind, value)} for ${plural(total, 'account')}`
    : `${BULK_KIND_CATALOG[kind].verb} ${plural(total, 'account')}`;
}

/**
 * The one confirm step before a bulk action, from the fleet table's bulk bar or a triage group: the
 * server's count of the accounts it will change, in which workspaces (while it loads, or why it
 * failed), what the caller adds (a value to set, a note on the count), and a confirm button that
 * names the kind and the count. Open while `kind` is set; Escape, Cancel or a click outside cancel.
 */
export function BulkActionConfirmDialog<K extends BulkActionKind>({
  kind,
  title,
  description,
  preview,
  previewNote,
  fallbackTotal,
  value,
  valueInvalid = false,
  pending,
  error,
  onConfirm,
  onCancel,
  children,
}: {
  kind: K | null;
  title: string;
  description: string;
  preview: { isPending: boolean; error: Error | null; data: BulkPreview | undefined };
  /** Said under the count once it is known (the board's count was older, say). */
  previewNote?: (data: BulkPreview) => ReactNode;
  /** The count the button names until the server's is known. */
  fallbackTotal: number;
  /** The value the action sets (set-daily-limit), once it is valid. */
  value?: number;
  /** The caller's field for the value is not valid yet: confirming waits. */
  valueInvalid?: boolean;
  pending: boolean;
  /** Why starting the action failed. */
  error: Error | null;
  onConfirm: (kind: K, value: number | undefined) => void;
  onCancel: () => void;
  /** Fields between the count and the buttons (the new daily limit). */
  children?: ReactNode;
}) {
  const total = preview.data?.total ?? fallbackTotal;
  const canConfirm = !!preview.data && preview.data.total > 0 && !pending && !valueInvalid;
  return (
    <Dialog open={kind !== null} onOpenChange={(open) => !open && onCancel()}>
      {kind !== null ? (
        <DialogContent title={title} description={description}>
          <PreviewState preview={preview}>{previewNote}</PreviewState>
          {children}
          <StartError error={error} />
          <div className="mt-5 flex justify-end gap-2">
            <DialogClose asChild>
              <Button>Cancel</Button>
            </DialogClose>
            <Button variant="primary" disabled={!canConfirm} onClick={() => onConfirm(kind, value)}>
              {pending ? <Loader2 aria-hidden className="h-4 w-4 animate-spin" /> : null}
              {confirmText(kind, total, value)}
            </Button>
          </div>
        </DialogContent>
      ) : null}
    </Dialog>
  );
}
