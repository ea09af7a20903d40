'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CheckCircle2, CircleHelp, Loader2, Stethoscope, XCircle } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent } from '@/components/ui/dialog';
import { accountDetailMutations } from '@/lib/queries/account-detail';
import { VITAL_CHECKS, VITAL_MEANINGS } from '@/lib/schemas/account-settings-rules';
import type { Selection } from './selection';
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@/components/ui/table';
import { plural } from '@/lib/format';

const MAX_ACCOUNTS = 100;

function Check({ value }: { value: boolean | null }) {
  if (value === true) {
    return (
      <span className="inline-flex items-center gap-1 text-healthy-fg">
        <CheckCircle2 aria-hidden className="h-4 w-4" /> pass
      </span>
    );
  }
  if (value === false) {
    return (
      <span className="inline-flex items-center gap-1 font-medium text-error-fg">
        <XCircle aria-hidden className="h-4 w-4" /> fail
      </span>
    );
  }
  return (
    <span className="inline-flex items-center gap-1 text-muted">
      <CircleHelp aria-hidden className="h-4 w-4" /> not reported
    </span>
  );
}

/**
 * Domain vitals for the selected accounts: Instantly checks each sending domain once (MX, SPF, DKIM,
 * DMARC), up to 100 accounts of one workspace per check, failing domains listed first.
 */
export function BulkVitalsButton({ selection }: { selection: Selection }) {
  const [open, setOpen] = useState(false);
  const vitals = useMutation(accountDetailMutations.testVitals(useQueryClient()));
  const keys = selection.mode === 'keys' ? [...selection.keys.values()] : [];
  const workspaces = new Set(keys.map((k) => k.workspaceId));
  const usable = selection.mode === 'keys' && keys.length <= MAX_ACCOUNTS && workspaces.size === 1;
  const why = usable
    ? undefined
    : `Select up to ${MAX_ACCOUNTS} accounts of one workspace to test their domains.`;

  const run = () => {
    const [workspaceId] = workspaces;
    if (!usable || workspaceId === undefined) return;
    setOpen(true);
    vitals.mutate({ workspaceId, emails: keys.map((k) => k.email) });
  };

  const domains = [...(vitals.data?.domains ?? [])].sort(
    (a, b) => Number(a.allPass) - Number(b.allPass) || a.domain.localeCompare(b.domain),
  );
  const failing = domains.filter((d) => !d.allPass).length;
  return (
    <>
      <Button
        size="sm"
        onClick={run}
        disabled={!usable}
        title={why}
        aria-describedby={why ? 'bulk-vitals-why' : undefined}
      >
        <Stethoscope aria-hidden className="h-4 w-4" />
        Test vitals
      </Button>
      {why ? (
        <span id="bulk-vitals-why" className="sr-only">
          {why}
        </span>
      ) : null}
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent
          title="Domain vitals"
          description="MX, SPF, DKIM and DMARC of each sending domain of the selected accounts, as Instantly sees them now."
          className="w-[min(44rem,calc(100vw-2rem))]"
        >
          {vitals.isPending ? (
            <p className="flex items-center gap-2 text-sm text-muted">
              <Loader2 aria-hidden className="h-4 w-4 animate-spin" /> Asking Instantly to look up the
              records…
            </p>
          ) : vitals.isError ? (
            <p role="alert" className="text-sm text-error-fg">
              Could not test the domains: {vitals.error.message}
            </p>
          ) : vitals.data ? (
            <div className="space-y-3">
              <p role="status" className="text-sm font-medium">
                {failing === 0
                  ? `All ${plural(domains.length, 'domain')} pass every check.`
                  : `${failing} of ${plural(domains.length, 'domain')} fail at least one check.`}
              </p>
              <div
                tabIndex={0}
                role="region"
                aria-label="Vitals per domain"
                className="max-h-80 overflow-auto rounded-md border border-border"
              >
                <Table>
                  <TableCaption>Vitals per domain</TableCaption>
                  <TableHeader>
                    <TableRow>
                      <TableHead>Domain</TableHead>
                      <TableHead className="text-right">Accounts</TableHead>
                      {VITAL_CHECKS.map((check) => (
                        <TableHead
                          key={check}
                          scope="col"
                          className="px-3 py-2 font-medium"
                          title={VITAL_MEANINGS[check].purpose}
                        >
                          {VITAL_MEANINGS[check].label}
                        </TableHead>
                      ))}
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {domains.map((d) => (
                      <TableRow key={d.domain}>
                        <TableHead scope="row" className="px-3 py-2 text-left font-mono text-xs font-normal">
                          {d.domain}
                        </TableHead>
                        <TableCell className="text-right tabular-nums">{d.emails.length}</TableCell>
                        {VITAL_CHECKS.map((check) => (
                          <TableCell key={check} className="px-3 py-2">
                            <Check value={d.checks[check]} />
                          </TableCell>
                        ))}
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
              {vitals.data.missing.length > 0 ? (
                <p className="text-sm text-warning-fg">
                  No answer from Instantly for: {vitals.data.missing.join(', ')}.
                </p>
              ) : null}
              <ul className="space-y-1 text-xs text-muted">
                {VITAL_CHECKS.map((check) => (
                  <li key={check}>
                    <strong>{VITAL_MEANINGS[check].label}</strong>: {VITAL_MEANINGS[check].purpose}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="mt-4 flex justify-end">
            <DialogClose asChild>
              <Button>Close</Button>
            </DialogClose>
          </div>
        </DialogContent>
      </Dialog>
    </>
  );
}
