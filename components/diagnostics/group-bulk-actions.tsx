'use client';

import { useMutation } from '@tanstack/react-query';
import { ChevronDown, type LucideIcon } from 'lucide-react';
import { useId, useState } from 'react';
import { BulkActionConfirmDialog } from '@/components/jobs/bulk-action-confirm-dialog';
import { bulkKindIcons } from '@/components/jobs/kind-icons';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { FieldError, Input, Label } from '@/components/ui/input';
import { useBulkPreview } from '@/components/jobs/use-bulk-preview';
import { useWorkspaces } from '@/components/shell/use-workspaces';
import { bulkActionMutations } from '@/lib/queries/bulk-actions';
import { kindEntry } from '@/lib/bulk/catalog';
import type { BulkActionSummary, BulkTargetInput } from '@/lib/schemas/api-bulk-actions';
import type { TriageGroup } from '@/lib/schemas/api-diagnostics';
import { NOT_READ_SHORT, NOT_SET_WORDS } from '@/lib/schemas/setting-knowledge';
import { MAX_DAILY_LIMIT, parseDailyLimit } from './diagnosis-model';
import { useCan } from '@/components/auth/person-context';
import { formatNumber } from '@/lib/format';

type GroupAction = TriageGroup['actions'][number];

/** What the board says about each action on a whole group; the words and icon come from the catalog. */
const groupNotes: Record<GroupAction, string> = {
  'mark-fixed':
    'Tells Instantly the problem was repaired, so it checks the accounts again. Do it after the fix, not instead of it.',
  pause: 'Paused accounts send no campaign mail (and no warmup) until they are resumed.',
  'set-daily-limit': 'Sets the campaign daily limit of every account in the group to the same value.',
  'disable-warmup':
    'Runs as Instantly background jobs of up to 100 accounts each. Campaigns are not affected.',
  'enable-warmup':
    'Runs as Instantly background jobs of up to 100 accounts each. Do it once the cause is fixed.',
};

/**
 * On the board a group is in trouble, so two buttons say what they are for there: the limit is
 * lowered (its field refuses a higher one), and warmup is enabled again after its cause is fixed.
 */
const boardLabels: Partial<Record<GroupAction, string>> = {
  'set-daily-limit': 'Lower daily limit',
  'enable-warmup': 'Enable warmup again',
};

function groupAction(kind: GroupAction): { label: string; icon: LucideIcon; note: string } {
  return {
    label: boardLabels[kind] ?? kindEntry(kind).label,
    icon: bulkKindIcons[kind],
    note: groupNotes[kind],
  };
}

/** What the board offers on every group, besides what the group's cause suggests. */
const BASE_ACTIONS: readonly GroupAction[] = ['mark-fixed', 'pause', 'set-daily-limit', 'disable-warmup'];

/**
 * Bulk actions on a whole group: the ones its cause suggests as buttons, the others in a menu. Each
 * runs through the same confirm dialog as the table's bulk bar: how many accounts in which
 * workspaces, counted by the server from the group's filter minus its exclusions.
 */
export function GroupBulkActions({
  group,
  onStarted,
}: {
  group: TriageGroup;
  onStarted: (action: BulkActionSummary) => void;
}) {
  // Viewers read only: the server refuses their writes (403); the controls are not offered.
  const canOperate = useCan('operator');
  const limitId = useId();
  const [kind, setKind] = useState<GroupAction | null>(null);
  const [limitText, setLimitText] = useState('');
  const create = useMutation(
    bulkActionMutations.create({
      onSuccess: (action) => {
        setKind(null);
        onStarted(action);
      },
    }),
  );

  const target: BulkTargetInput = {
    type: 'filter',
    filters: group.target.filters,
    excluded: group.target.excluded,
  };
  const preview = useBulkPreview(kind ? target : null);
  const workspaceId = useWorkspaces().data?.activeId ?? null;
  const suggested = group.actions;
  const more = BASE_ACTIONS.filter((a) => !suggested.includes(a));

  const open = (next: GroupAction) => {
    setKind(next);
    setLimitText(String(group.dailyLimit?.suggested ?? 10));
    create.reset();
  };

  const info = kind ? groupAction(kind) : null;
  const isLimit = kind === 'set-daily-limit';
  // For a group the limits differ per account, so only the range is checked; raising is warned about.
  const limit = isLimit ? parseDailyLimit(limitText, null) : null;
  const raises = limit?.ok && group.dailyLimit !== null && limit.value > group.dailyLimit.min;

  if (!canOperate) return null;
  return (
    <div
      className="flex flex-wrap items-center gap-2"
      role="group"
      aria-label={`Bulk actions on ${group.title}`}
    >
      {suggested.map((action, index) => {
        const Icon = groupAction(action).icon;
        return (
          <Button
            key={action}
            size="sm"
            variant={index === 0 ? 'primary' : 'secondary'}
            onClick={() => open(action)}
          >
            <Icon aria-hidden className="h-4 w-4" />
            {groupAction(action).label}
          </Button>
        );
      })}
      {/* Not modal: a modal menu that opens a dialog can leave the page inert once both close. */}
      {more.length > 0 ? (
        <DropdownMenu modal={false}>
          <DropdownMenuTrigger asChild>
            <Button size="sm" variant="ghost">
              More actions
              <ChevronDown aria-hidden className="h-4 w-4" />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="start">
            {more.map((action) => {
              const Icon = groupAction(action).icon;
              return (
                <DropdownMenuItem key={action} onSelect={() => open(action)}>
                  <Icon aria-hidden className="h-4 w-4" />
                  {groupAction(action).label}
                </DropdownMenuItem>
              );
            })}
          </DropdownMenuContent>
        </DropdownMenu>
      ) : null}

      <BulkActionConfirmDialog
        kind={kind}
        title={info ? `${info.label}: ${group.title}?` : ''}
        description={info?.note ?? ''}
        preview={preview}
        previewNote={(data) =>
          data.total !== group.count ? (
            <p className="text-muted">
              The board counted {formatNumber(group.count)}; the index has changed since it was drawn.
            </p>
          ) : null
        }
        fallbackTotal={group.count}
        value={isLimit && limit?.ok ? limit.value : undefined}
        valueInvalid={isLimit && limit?.ok !== true}
        pending={create.isPending}
        error={create.error}
        onConfirm={(k, value) =>
          create.mutate({
            kind: k,
            target,
            workspaceId,
            ...(value !== undefined ? { dailyLimit: value } : {}),
          })
        }
        onCancel={() => setKind(null)}
      >
        {isLimit ? (
          <div className="mt-4 space-y-1">
            <Label htmlFor={limitId}>New daily limit (emails per day, every account)</Label>
            <Input
              id={limitId}
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_DAILY_LIMIT}
              step={1}
              value={limitText}
              onChange={(event) => setLimitText(event.target.value)}
              aria-invalid={limit && !limit.ok ? true : undefined}
              aria-describedby={`${limitId}-hint${limit && !limit.ok ? ` ${limitId}-error` : ''}`}
              className="w-32"
            />
            <p id={`${limitId}-hint`} className="text-xs text-muted">
              {group.dailyLimit
                ? `Now ${group.dailyLimit.min === group.dailyLimit.max ? group.dailyLimit.min : `${group.dailyLimit.min}–${group.dailyLimit.max}`} a day; suggested ${group.dailyLimit.suggested} (half the typical limit).`
                : 'No account in this group has a daily limit we know.'}
              {group.dailyLimitUnknown.notSet > 0
                ? ` ${group.dailyLimitUnknown.notSet} ${group.dailyLimitUnknown.notSet === 1 ? 'has' : 'have'} none: ${NOT_SET_WORDS}.`
                : ''}
              {group.dailyLimitUnknown.notRead > 0
                ? ` ${group.dailyLimitUnknown.notRead} could not be read: ${NOT_READ_SHORT}.`
                : ''}
              {raises ? ' Some accounts have a lower limit now: they would be raised to this value.' : ''}
            </p>
            <FieldError id={`${limitId}-error`}>{limit && !limit.ok ? limit.message : null}</FieldError>
          </div>
        ) : null}
      </BulkActionConfirmDialog>
    </div>
  );
}
