import { ShieldAlert } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import type { TriageGroup } from '@/lib/schemas/api-diagnostics';
import { groupAnchor } from './triage-group-card';
import { formatNumber, severityLabels, severityTones } from '@/lib/format';

/**
 * Every group on one screen before the detailed cards: a person scans what is wrong across the fleet
 * and jumps to the group they want, instead of scrolling through every explanation.
 */
export function GroupIndex({
  groups,
  onOpen,
}: {
  groups: readonly TriageGroup[];
  /** The group a link leads to opens, so the jump lands on its explanation and accounts. */
  onOpen: (groupId: string) => void;
}) {
  return (
    <Card>
      <nav aria-label="Groups at a glance">
        <ol className="grid gap-x-4 md:grid-cols-2">
          {groups.map((group) => (
            <li
              key={group.id}
              className="border-b border-border last:border-0 md:[&:nth-last-child(-n+2)]:border-0"
            >
              <a
                href={`#${groupAnchor(group.id)}`}
                onClick={() => onOpen(group.id)}
                className="flex items-center gap-2 px-3 py-2 text-sm hover:bg-surface-raised"
              >
                <Badge tone={severityTones[group.severity]} className="w-20 justify-start">
                  {severityLabels[group.severity]}
                </Badge>
                <span className="min-w-0 flex-1 truncate">{group.title}</span>
                {group.autofixFailed > 0 ? (
                  <span
                    className="flex items-center gap-0.5 text-xs text-error-fg tabular-nums"
                    title="Instantly's automatic reconnect gave up on these"
                  >
                    <ShieldAlert aria-hidden className="h-3.5 w-3.5" />
                    {group.autofixFailed}
                    <span className="sr-only"> where the automatic reconnect gave up</span>
                  </span>
                ) : null}
                <span className="w-8 text-right font-semibold tabular-nums">{formatNumber(group.count)}</span>
              </a>
            </li>
          ))}
        </ol>
      </nav>
    </Card>
  );
}
