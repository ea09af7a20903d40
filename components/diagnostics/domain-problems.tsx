import { Globe } from 'lucide-react';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import type { DiagnosticsScope, DomainProblem } from '@/lib/schemas/api-diagnostics';
import { accountsTableHref } from '@/lib/queries/fleet-url';
import { groupAnchor } from './triage-group-card';
import { formatNumber, severityLabels, severityTones } from '@/lib/format';

/**
 * Domains where every inbox fails the same way: one DNS record, one tenant setting or one reputation
 * problem, fixed once for all of them, so they come before the per-cause groups.
 */
export function DomainProblems({ problems, scope }: { problems: DomainProblem[]; scope: DiagnosticsScope }) {
  if (problems.length === 0) return null;
  return (
    <section
      aria-labelledby="domain-problems-title"
      className="rounded-lg border border-warning/50 bg-warning-bg/60 px-4 py-3 text-foreground"
    >
      <h2 id="domain-problems-title" className="flex items-center gap-2 text-sm font-semibold">
        <Globe aria-hidden className="h-4 w-4 text-warning-fg" />
        {problems.length === 1
          ? 'Domain problem: every inbox of a domain fails the same way'
          : `Domain problems: on ${problems.length} domains, every inbox fails the same way`}
      </h2>
      <ul className="mt-2 space-y-1.5">
        {problems.map((p) => (
          <li
            key={`${p.domain}:${p.groupId}`}
            className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm"
          >
            <span className="font-mono font-medium">{p.domain}</span>
            <span>
              all {formatNumber(p.count)} inboxes:{' '}
              <a href={`#${groupAnchor(p.groupId)}`} className="text-primary hover:underline">
                {p.title}
              </a>
            </span>
            <Badge tone={severityTones[p.severity]}>{severityLabels[p.severity]}</Badge>
            {p.workspaces.length > 1 ? (
              <span className="text-xs text-muted">in {p.workspaces.map((w) => w.label).join(', ')}</span>
            ) : null}
            <Link
              href={accountsTableHref({ scope, domain: [p.domain] })}
              className="text-xs text-primary hover:underline"
            >
              Show in the table
            </Link>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-xs text-muted">
        Look at the domain itself first (DNS, the Google Workspace or Microsoft 365 tenant, its reputation):
        one fix there repairs every inbox.
      </p>
    </section>
  );
}
