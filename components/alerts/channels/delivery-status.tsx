import { Badge, type Tone } from '@/components/ui/badge';
import type { AlertDelivery } from '@/lib/schemas/api-alert-channels';

// A delivery's state in words and colour; a failure is red, with its reason beside it where shown.

const labels: Record<AlertDelivery['status'], { label: string; tone: Tone }> = {
  delivered: { label: 'Delivered', tone: 'healthy' },
  failed: { label: 'Failed', tone: 'error' },
  queued: { label: 'Queued', tone: 'neutral' },
  sending: { label: 'Sending', tone: 'neutral' },
  held: { label: 'Held', tone: 'paused' },
};

export function DeliveryStatusBadge({
  delivery,
}: {
  delivery: Pick<AlertDelivery, 'status' | 'attempts' | 'kind'>;
}) {
  const { label, tone } = labels[delivery.status];
  const retrying = delivery.status === 'queued' && delivery.attempts > 0;
  return <Badge tone={retrying ? 'warning' : tone}>{retrying ? 'Retrying' : label}</Badge>;
}
