'use client';

import { useMutation } from '@tanstack/react-query';
import { type LucideIcon, X } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from '@/components/ui/toast';
import { Button } from '@/components/ui/button';
import { BulkActionConfirmDialog } from '@/components/jobs/bulk-action-confirm-dialog';
import { bulkKindIcons } from '@/components/jobs/kind-icons';
import { kindEntry } from '@/lib/bulk/catalog';
import { useBulkPreview } from '@/components/jobs/use-bulk-preview';
import { useWorkspaces } from '@/components/shell/use-workspaces';
import { bulkActionMutations } from '@/lib/queries/bulk-actions';
import type { AccountFilters } from '@/lib/schemas/api-accounts';
import type { BulkActionKind, BulkTarget } from '@/lib/schemas/api-bulk-actions';
import { BulkVitalsButton } from './bulk-vitals';
import { type Selection, selectedCount } from './selection';
import { useCan } from '@/components/auth/person-context';
import { formatNumber } from '@/lib/format';

type BarKind = Exclude<BulkActionKind, 'set-daily-limit'>;

/** What the bar says about each action before it runs; the words and icon come from the catalog. */
const barNotes: Record<BarKind, string> = {
  'enable-warmup':
    'Runs as Instantly background jobs of up to 100 accounts each, never two on the same account at once.',
  'disable-warmup':
    'Runs as Instantly background jobs of up to 100 accounts each. Warmup stops; campaigns are not affected.',
  pause: 'Paused accounts stop sending campaigns (and warmup) until resumed.',
  resume: 'Resumed accounts start sending again.',
  'mark-fixed': 'Tells Instantly the problem behind the error was repaired, so it checks the account again.',
};

const BAR_KINDS = Object.keys(barNotes) as BarKind[];

function barAction(kind: BarKind): { label: string; icon: LucideIcon; note: string } {
  return { label: kindEntry(kind).label, icon: bulkKindIcons[kind], note: barNotes[kind] };
}

export function targetOf(selection: Selection, filters: AccountFilters): BulkTarget {
  return selection.mode === 'keys'
    ? { type: 'keys', keys: [...selection.keys.values()] }
    : { type: 'filter', filters, excluded: [...selection.excluded.values()] };
}

/** The selection count, always visible while something is selected, and what can be done with it. */
export function BulkBar({
  selection,
  total,
  filters,
  onClear,
}: {
  selection: Selection;
  total: number;
  filters: AccountFilters;
  onClear: () => void;
}) {
  // Viewers read only: the server refuses their writes (403); the controls are not offered.
  const canOperate = useCan('operator');
  const router = useRouter();
  const count = selectedCount(selection, total);
  const [kind, setKind] = useState<BarKind | null>(null);
  const preview = useBulkPreview(kind ? targetOf(selection, filters) : null);
  const workspaceId = useWorkspaces().data?.activeId ?? null;
  const create = useMutation(
    bulkActionMutations.create({
      onSuccess: (action) => {
        setKind(null);
        onClear();
        toast.success(`Started: ${action.title}`, {
          action: { label: 'View progress', onClick: () => router.push(`/jobs/${action.id}`) },
        });
      },
    }),
  );

  if (count === 0) return null;

  const open = (next: BarKind) => {
    setKind(next);
    create.reset();
  };

  const info = kind ? barAction(kind) : null;
  if (!canOperate) return null;
  return (
    <div
      role="region"
      aria-label="Bulk actions"
      className="flex flex-wrap items-center gap-2 rounded-lg border border-primary/40 bg-primary-soft px-3 py-2"
    >
      <span className="text-sm font-medium" aria-live="polite">
        {formatNumber(count)} selected
      </span>
      <span className="mx-1 h-5 w-px bg-border" aria-hidden />
      {BAR_KINDS.map((k) => {
        const Icon = barAction(k).icon;
        return (
          <Button key={k} size="sm" onClick={() => open(k)}>
            <Icon aria-hidden className="h-4 w-4" />
            {barAction(k).label}
          </Button>
        );
      })}
      <BulkVitalsButton selection={selection} />
      <Button size="sm" variant="ghost" onClick={onClear} className="ml-auto">
        <X aria-hidden className="h-4 w-4" />
        Clear selection
      </Button>

      <BulkActionConfirmDialog
        kind={kind}
        title={info ? `${info.label}?` : ''}
        description={info?.note ?? ''}
        preview={preview}
        fallbackTotal={count}
        pending={create.isPending}
        error={create.error}
        onConfirm={(k) => create.mutate({ kind: k, target: targetOf(selection, filters), workspaceId })}
        onCancel={() => setKind(null)}
      />
    </div>
  );
}
