import { Flame, type LucideIcon, Pause, Play, Snowflake, TrendingDown, Wrench } from 'lucide-react';
import type { BulkActionKind } from '@/lib/bulk/catalog';

/** The icon of each bulk-action kind, wherever a button or a menu offers it. */
export const bulkKindIcons: Record<BulkActionKind, LucideIcon> = {
  'enable-warmup': Flame,
  'disable-warmup': Snowflake,
  pause: Pause,
  resume: Play,
  'mark-fixed': Wrench,
  'set-daily-limit': TrendingDown,
};
