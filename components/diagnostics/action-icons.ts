import { type LucideIcon, PlugZap } from 'lucide-react';
import { bulkKindIcons } from '@/components/jobs/kind-icons';
import type { DashboardAction } from '@/lib/diagnostics/cause-catalog';

export function dashboardActionIcon(action: DashboardAction): LucideIcon {
  return action === 'reconnect' ? PlugZap : bulkKindIcons[action];
}
