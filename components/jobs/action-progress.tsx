import type { BulkActionSummary } from '@/lib/schemas/api-bulk-actions';
import { actionStatus, countsText } from './format';
import { Progress } from '@/components/ui/progress';

/** The bar and the counts in words, as every list of actions shows them. */
export function ActionProgress({
  action,
  compact = false,
}: {
  action: BulkActionSummary;
  compact?: boolean;
}) {
  const { tone } = actionStatus(action);
  const counts = countsText(action.counts);
  return (
    <div className="min-w-0 space-y-1">
      <Progress
        value={action.progress}
        tone={tone}
        label={`Progress of ${action.title}`}
        valueText={`${action.progress}%: ${counts}`}
        className={compact ? 'h-1.5' : undefined}
      />
      <p className="truncate text-xs text-muted">{counts}</p>
    </div>
  );
}
