import { Badge } from '@/components/ui/badge';
import type { BulkActionSummary } from '@/lib/schemas/api-bulk-actions';
import { actionStatus } from './format';

export function ActionStatusBadge({ action }: { action: Pick<BulkActionSummary, 'status' | 'waitingFor'> }) {
  const { label, tone } = actionStatus(action);
  return <Badge tone={tone}>{label}</Badge>;
}
