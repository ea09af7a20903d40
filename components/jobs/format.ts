import type { Tone } from '@/components/ui/badge';
import type { BulkActionSummary, ItemState } from '@/lib/schemas/api-bulk-actions';
import { formatNumber } from '@/lib/format';

/** "312 done · 4 failed · 184 not yet attempted" (and what is in progress right now). */
export function countsText(counts: BulkActionSummary['counts']): string {
  const parts = [`${formatNumber(counts.done)} done`, `${formatNumber(counts.failed)} failed`];
  if (counts.running > 0) parts.push(`${formatNumber(counts.running)} in progress`);
  if (counts.pending > 0) parts.push(`${formatNumber(counts.pending)} not yet attempted`);
  return parts.join(' · ');
}

export function actionStatus(action: Pick<BulkActionSummary, 'status' | 'waitingFor'>): {
  label: string;
  tone: Tone;
} {
  switch (action.status) {
    case 'running':
      return action.waitingFor ? { label: 'Waiting', tone: 'warning' } : { label: 'Running', tone: 'paused' };
    case 'done':
      return { label: 'Done', tone: 'healthy' };
    case 'partial':
      return { label: 'Partly failed', tone: 'warning' };
    case 'failed':
      return { label: 'Failed', tone: 'error' };
  }
}

const itemStates: Record<ItemState, { label: string; tone: Tone }> = {
  pending: { label: 'Not yet attempted', tone: 'neutral' },
  running: { label: 'In progress', tone: 'paused' },
  done: { label: 'Done', tone: 'healthy' },
  failed: { label: 'Failed', tone: 'error' },
};

/** An account's badge: a pending one with a reason was tried and is waiting to be tried again. */
export function itemStateOf(item: { state: ItemState; error: string | null }): { label: string; tone: Tone } {
  if (item.state === 'pending' && item.error) return { label: 'Waiting to retry', tone: 'warning' };
  return itemStates[item.state];
}

export const workspaceNames = (action: Pick<BulkActionSummary, 'workspaces'>) =>
  action.workspaces.map((w) => w.label).join(', ');

/**
 * What the fleet table needs to know of a list of actions: done and failed counts per action. When
 * this changes, rows changed upstream, so the table's queries are invalidated (once per change).
 */
export function progressSignature(
  actions: ReadonlyArray<Pick<BulkActionSummary, 'id' | 'counts'>>,
): Map<string, string> {
  return new Map(actions.map((a) => [a.id, `${a.counts.done}/${a.counts.failed}`]));
}

/**
 * Whether accounts changed since the last look: a known action finished more accounts, or a new one
 * already finished some. The first look only sets the baseline (the table was loaded fresh anyway).
 */
export function fleetChanged(
  previous: ReadonlyMap<string, string> | null,
  next: ReadonlyMap<string, string>,
): boolean {
  if (previous === null) return false;
  for (const [id, signature] of next) {
    const before = previous.get(id);
    if (before === undefined ? signature !== '0/0' : before !== signature) return true;
  }
  return false;
}
