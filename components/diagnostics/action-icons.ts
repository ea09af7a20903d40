import { type LucideIcon, Pause, Play, PlugZap, Snowflake, TrendingDown, Wrench } from 'lucide-react';
import type { DashboardAction } from '@/lib/diagnostics/cause-catalog';

export const dashboardActionIcons: Record<DashboardAction, LucideIcon> = {
  reconnect: PlugZap,
  'mark-fixed': Wrench,
  pause: Pause,
  'lower-daily-limit': TrendingDown,
  'disable-warmup': Snowflake,
  resume: Play,
};
